import { type RunningSandbox, startSandbox } from './server';
import {
  Client,
  checkoutPayload,
  createCheckout,
  type ErrorReply,
  newKey,
  type PaymentBody,
  type SessionBody,
} from './test-helpers';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

async function manualOrder(c: Client): Promise<string> {
  const session = await createCheckout(c);
  sandbox.control.approve(session.id);
  return session.order.id;
}

describe('Idempotency-Key', () => {
  it('replays the identical status and body with Idempotency-Replayed: true, applying once', async () => {
    const c = new Client(sandbox.apiBase, newKey());
    const orderId = await manualOrder(c);
    const body = { order: orderId, amount: 100, currency: 'JPY', cancelRemainder: 'manual' };
    const first = await c.post<PaymentBody>('/payments', body, { 'Idempotency-Key': 'cap-1' });
    const again = await c.post<PaymentBody>('/payments', body, { 'Idempotency-Key': 'cap-1' });
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.status).toBe(first.status);
    expect(again.text).toBe(first.text);
    expect(sandbox.control.order(orderId).totals.paymentCount).toBe(1);
  });

  it('replays errors too, and a checkout create', async () => {
    const c = new Client(sandbox.apiBase, newKey());
    const missing = { order: 'order_test_missing', amount: 1, currency: 'JPY' };
    const a = await c.post<ErrorReply>('/payments', missing, { 'Idempotency-Key': 'err' });
    const b = await c.post<ErrorReply>('/payments', missing, { 'Idempotency-Key': 'err' });
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(b.headers.get('idempotency-replayed')).toBe('true');
    const payload = checkoutPayload();
    const s1 = await c.post<SessionBody>('/checkout-sessions', payload, { 'Idempotency-Key': 'cs' });
    const s2 = await c.post<SessionBody>('/checkout-sessions', payload, { 'Idempotency-Key': 'cs' });
    expect(s2.body.id).toBe(s1.body.id);
  });

  it('refuses the same key with a different body: 409 request.idempotency-key-reused', async () => {
    const c = new Client(sandbox.apiBase, newKey());
    const orderId = await manualOrder(c);
    await c.post('/payments', { order: orderId, amount: 100, currency: 'JPY' }, { 'Idempotency-Key': 'k' });
    const reused = await c.post<ErrorReply>(
      '/payments',
      { order: orderId, amount: 200, currency: 'JPY' },
      { 'Idempotency-Key': 'k' },
    );
    expect(reused.status).toBe(409);
    expect(reused.body.errorCode).toBe('request.idempotency-key-reused');
  });

  it('concurrent requests with one key apply once and all get the same answer', async () => {
    const c = new Client(sandbox.apiBase, newKey());
    const orderId = await manualOrder(c);
    const body = { order: orderId, amount: 100, currency: 'JPY', cancelRemainder: 'manual' };
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => c.post<PaymentBody>('/payments', body, { 'Idempotency-Key': 'burst' })),
    );
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(replies.filter((r) => r.headers.get('idempotency-replayed') === 'true')).toHaveLength(9);
    expect(sandbox.control.order(orderId).totals.capturedAmount).toBe(100);
  });

  it('is scoped per secret key and forgotten after 6 hours', async () => {
    const a = new Client(sandbox.apiBase, newKey());
    const b = new Client(sandbox.apiBase, newKey());
    const payload = checkoutPayload();
    const first = await a.post<SessionBody>('/checkout-sessions', payload, { 'Idempotency-Key': 'shared' });
    const other = await b.post<SessionBody>('/checkout-sessions', payload, { 'Idempotency-Key': 'shared' });
    expect(other.body.id).not.toBe(first.body.id);
    expect(other.headers.get('idempotency-replayed')).toBeNull();
    sandbox.control.advanceClock(6 * 60 * 60 * 1000);
    const later = await a.post<SessionBody>('/checkout-sessions', payload, { 'Idempotency-Key': 'shared' });
    expect(later.body.id).not.toBe(first.body.id);
  });

  it('PUT cancellation with a key replays the first answer', async () => {
    const c = new Client(sandbox.apiBase, newKey());
    const orderId = await manualOrder(c);
    const first = await c.call('PUT', `/orders/${orderId}/cancellation`, undefined, { 'Idempotency-Key': 'void' });
    const again = await c.call('PUT', `/orders/${orderId}/cancellation`, undefined, { 'Idempotency-Key': 'void' });
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
  });
});
