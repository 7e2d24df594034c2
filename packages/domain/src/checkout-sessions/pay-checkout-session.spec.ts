import { CheckoutSessionExpiredError, PaymentServiceNotFoundError } from '../errors';
import { InMemoryCheckoutSessionRepository } from '../in-memory';
import { newTransactionInput } from '../testing/fixtures';
import { CreateTransaction } from '../transactions/use-cases/create-transaction';
import { TransactionQueries } from '../transactions/use-cases/queries';
import { setup } from '../transactions/use-cases/use-case-harness';
import { ManageCheckoutSessions } from './manage-checkout-sessions';
import { PayCheckoutSession } from './pay-checkout-session';

async function given() {
  const { deps, clock } = await setup();
  const checkoutSessions = new InMemoryCheckoutSessionRepository();
  const sessions = new ManageCheckoutSessions({ checkoutSessions, clock, ids: deps.ids });
  const pay = new PayCheckoutSession({
    checkoutSessions,
    createTransaction: new CreateTransaction(deps),
    queries: new TransactionQueries(deps.transactions),
    clock,
    ids: deps.ids,
  });
  const { id: _id, paymentServiceId: _ps, ...input } = newTransactionInput();
  const session = await sessions.create(
    'default',
    { amount: input.amount, currency: 'JPY', cartItems: null, metadata: null, buyer: null, paymentServiceId: null },
    600,
  );
  let builds = 0;
  const build = async () => {
    builds++;
    return input;
  };
  return { clock, sessions, pay, session, build, builds: () => builds };
}

describe('paying a checkout session', () => {
  it('creates one transaction: every later or concurrent request gets it back, built once', async () => {
    const { pay, session, build, builds, sessions } = await given();
    const [a, b] = await Promise.all([
      pay.execute('default', session.id, build),
      pay.execute('default', session.id, build),
    ]);
    const c = await pay.execute('default', session.id, build);
    expect(new Set([a.transaction.id, b.transaction.id, c.transaction.id]).size).toBe(1);
    expect([a.created, b.created, c.created].filter(Boolean)).toHaveLength(1);
    expect(builds()).toBe(1);
    expect((await sessions.get('default', session.id)).transactionId).toBe(a.transaction.id);
  });

  it('refuses an expired session', async () => {
    const { pay, session, build, clock } = await given();
    clock.advance(601_000);
    await expect(pay.execute('default', session.id, build)).rejects.toBeInstanceOf(CheckoutSessionExpiredError);
  });

  it('keeps the session payable when the creation is refused before anything is stored', async () => {
    const { pay, session, build, sessions } = await given();
    const refused = async () => ({ ...(await build()), paymentServiceId: '00000000-0000-4000-8000-000000000000' });
    await expect(pay.execute('default', session.id, refused)).rejects.toBeInstanceOf(PaymentServiceNotFoundError);
    expect((await sessions.get('default', session.id)).transactionId).toBeNull();
    expect((await pay.execute('default', session.id, build)).created).toBe(true);
  });

  it('a paid session no longer changes', async () => {
    const { pay, session, build, sessions } = await given();
    await pay.execute('default', session.id, build);
    await expect(sessions.update('default', session.id, { ...session, amount: 1 })).rejects.toMatchObject({
      code: 'checkout_session_paid',
    });
  });
});
