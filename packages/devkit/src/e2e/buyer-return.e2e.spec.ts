import { TOKENS } from '@kessai/server';
import type { DevStack } from '../dev/dev';
import { buyerClicks } from '../testing/buyer-clicks';
import { createTransactionBody } from '../testing/requests';
import { startKessai } from '../testing/start-kessai';

/**
 * The buyer comes back from Smartpay's page through Kessai, which redirects to the merchant's redirect_url with
 * the transaction's real status (Gr4vy's transaction_id + transaction_status), not one baked into the URL.
 */
describe('the redirect back to the merchant carries the real status', () => {
  let dev: DevStack;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ dev, close } = await startKessai({ processes: 'dev' }));
  }, 60_000);
  afterAll(() => close?.());

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(`${dev.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${dev.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    // biome-ignore lint/suspicious/noExplicitAny: the test reads response fields directly
    return { status: response.status, json: (await response.json()) as any };
  }

  /** Creates a transaction, clicks `button` as the buyer, follows the redirect to Kessai and reads where it points. */
  async function buyerReturns(button: 'approve' | 'cancel' | 'decline') {
    const created = await call(
      'POST',
      '/transactions',
      createTransactionBody({
        payment_method: {
          method: 'smartpay',
          redirect_url: 'https://shop.example.jp/done?order=42',
          country: 'JP',
          currency: 'JPY',
        },
      }),
    );
    expect(created.status).toBe(201);
    const { location } = await buyerClicks(created.json.payment_method.approval_url, button);
    expect(location.startsWith(`${dev.apiUrl}/transactions/${created.json.id}/return`)).toBe(true);
    const back = await fetch(location, { redirect: 'manual' });
    expect(back.status).toBe(303);
    const merchant = new URL(back.headers.get('location') ?? '');
    const now = await call('GET', `/transactions/${created.json.id}`);
    return { id: created.json.id as string, merchant, status: now.json.status as string };
  }

  function expectMerchantUrl(merchant: URL, id: string, status: string) {
    expect(`${merchant.origin}${merchant.pathname}`).toBe('https://shop.example.jp/done');
    expect(Object.fromEntries(merchant.searchParams)).toEqual({
      order: '42',
      transaction_id: id,
      transaction_status: status,
    });
  }

  it('approve → authorization_succeeded, even when the webhook has not arrived (Kessai asks Smartpay)', async () => {
    dev.sandbox?.control.addFault({ webhook: { type: 'order.authorized' }, kind: 'drop' });
    const { id, merchant, status } = await buyerReturns('approve');
    expect(status).toBe('authorization_succeeded');
    expectMerchantUrl(merchant, id, 'authorization_succeeded');
  });

  it('cancel → the transaction stays buyer_approval_pending, and the redirect says so', async () => {
    const { id, merchant, status } = await buyerReturns('cancel');
    expect(status).toBe('buyer_approval_pending');
    expectMerchantUrl(merchant, id, 'buyer_approval_pending');
  });

  it('decline → authorization_declined', async () => {
    const { id, merchant, status } = await buyerReturns('decline');
    expect(status).toBe('authorization_declined');
    expectMerchantUrl(merchant, id, 'authorization_declined');
  });

  it('40 returns at once while approval is pending ask Smartpay once, and not again within seconds', async () => {
    const created = await call('POST', '/transactions', createTransactionBody());
    expect(created.status).toBe(201);
    const control = dev.sandbox?.control;
    if (!control) throw new Error('the dev stack runs the sandbox');
    // A slow read of this order keeps the first ask in flight while the others arrive; the rule counts them (its
    // exact path: other tests' background syncs read other orders meanwhile).
    const reads = control.addFault({
      match: { method: 'GET', path: `/v1/orders/${created.json.payment_service_transaction_id}` },
      kind: 'latency',
      ms: 200,
      times: 1_000,
    });
    const signature = dev.runtime.container.get(TOKENS.ApiServices).returnLinks.sign('default', created.json.id);
    const returnUrl = `${dev.apiUrl}/transactions/${created.json.id}/return?merchant_account_id=default&signature=${signature}`;
    const answers = await Promise.all(Array.from({ length: 40 }, () => fetch(returnUrl, { redirect: 'manual' })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(303));
    await fetch(returnUrl, { redirect: 'manual' });
    const left = control.faults().find((fault) => fault.id === reads.id)?.remaining ?? 0;
    control.removeFault(reads.id);
    expect(1_000 - left).toBe(1);
  });

  it('an unknown transaction is a 404 in the error envelope, with no redirect', async () => {
    const response = await fetch(
      `${dev.apiUrl}/transactions/00000000-0000-4000-8000-000000000000/return?merchant_account_id=default`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ type: 'error', status: 404 });
  });
});
