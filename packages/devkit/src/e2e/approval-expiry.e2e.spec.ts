import { eventually } from '../testing/eventually';
import { createTransactionBody } from '../testing/requests';
import { e2eStorages, type KessaiWithSandbox, startKessai } from '../testing/start-kessai';

const storages = e2eStorages();

/** Approval expiry through the real job queue: Smartpay's session lapses and Kessai's expiry job ends it. */
describe.each(storages)('approval expiry (storage %s)', (storage) => {
  let stack: KessaiWithSandbox;
  beforeAll(async () => {
    stack = await startKessai({ storage, sandbox: { checkoutSessionTtlMs: 1500 } });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('ends a transaction nobody approved as authorization_failed / incomplete_buyer_approval, and the page says expired', async () => {
    const created = await stack.call('POST', '/transactions', { body: createTransactionBody() });
    expect(Date.parse(created.body.approval_expires_at) - Date.now()).toBeLessThan(2000);
    const expired = await eventually(
      () => stack.call('GET', `/transactions/${created.body.id}`),
      (r) => r.body.status === 'authorization_failed',
      10_000,
    );
    expect(expired.body).toMatchObject({
      error_code: 'incomplete_buyer_approval',
      payment_method: { approval_url: null },
    });
    expect(expired.body.buyer_approval_timedout_at).not.toBeNull();
    expect((await fetch(created.body.payment_method.approval_url)).status).toBe(410);
  }, 20_000);
});
