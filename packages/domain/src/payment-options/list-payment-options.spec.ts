import { ResolveTransactionBuyer } from '../buyers/resolve-transaction-buyer';
import { InMemoryBuyerRepository, InMemoryCheckoutSessionRepository } from '../in-memory';
import { newCheckoutSession } from '../testing/contracts/checkout-session-repository.contract';
import { setup } from '../transactions/use-cases/use-case-harness';
import { ListPaymentOptions, type PaymentOptionQuery } from './list-payment-options';

const address = { line1: '1-2-3', line2: null, city: 'Shibuya-ku', state: 'Tokyo', postalCode: '150', country: 'JP' };
const shipping = { firstName: 'Hanako', lastName: 'Yamada', emailAddress: 'h@example.jp', phoneNumber: null, address };

async function given() {
  const { deps } = await setup();
  const checkoutSessions = new InMemoryCheckoutSessionRepository();
  const list = new ListPaymentOptions({
    paymentServices: deps.paymentServices,
    connectors: deps.connectors,
    checkoutSessions,
    resolveBuyer: new ResolveTransactionBuyer({ buyers: new InMemoryBuyerRepository() }),
  });
  const query = (overrides: Partial<PaymentOptionQuery> = {}): PaymentOptionQuery => ({
    merchantAccountId: 'default',
    amount: 3300,
    currency: 'JPY',
    country: 'JP',
    checkoutSessionId: null,
    buyer: { buyerId: null, externalIdentifier: null },
    shippingDetails: shipping,
    ...overrides,
  });
  return { list, query, checkoutSessions };
}

const reasons = async (options: Promise<{ unavailable: Array<{ reason: string }> }>) =>
  (await options).unavailable.map((u) => u.reason);

describe('payment options', () => {
  it('offer Smartpay for JPY in JP within its amounts once a shipping address is known', async () => {
    const { list, query } = await given();
    expect(await list.execute(query())).toEqual({
      items: [expect.objectContaining({ method: 'smartpay', mode: 'redirect', canDelayCapture: true })],
      unavailable: [],
    });
  });

  it('leave Smartpay out, with the reason, for what it cannot take', async () => {
    const { list, query } = await given();
    expect(await reasons(list.execute(query({ shippingDetails: null })))).toEqual(['shipping_address_required']);
    const noPostcode = { ...shipping, address: { ...address, postalCode: ' ' } };
    expect(await reasons(list.execute(query({ shippingDetails: noPostcode })))).toEqual(['shipping_address_required']);
    expect(await reasons(list.execute(query({ currency: 'USD' })))).toEqual(['currency_not_supported']);
    expect(await reasons(list.execute(query({ country: 'US' })))).toEqual(['country_not_supported']);
    expect(await reasons(list.execute(query({ amount: 100_000_000 })))).toEqual(['amount_out_of_range']);
  });

  it('take the shipping address, amount and currency from the checkout session', async () => {
    const { list, query, checkoutSessions } = await given();
    const session = newCheckoutSession('default', { amount: 100_000_000 });
    await checkoutSessions.add(session);
    const asked = query({ checkoutSessionId: session.id, shippingDetails: null, amount: null });
    expect(await reasons(list.execute(asked))).toEqual(['amount_out_of_range']);
    expect((await list.execute({ ...asked, amount: 1200 })).items).toHaveLength(1);
    await expect(list.execute(query({ checkoutSessionId: newCheckoutSession('x').id }))).rejects.toMatchObject({
      code: 'checkout_session_not_found',
    });
  });
});
