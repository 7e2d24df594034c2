import { type RunningSandbox, startSandbox } from './server';
import {
  Client,
  createCheckout,
  type ErrorReply,
  type ExpandedOrderBody,
  newKey,
  type OrderBody,
  type Page,
  type PaymentBody,
  type RefundBody,
} from './test-helpers';

const DAY = 24 * 60 * 60 * 1000;
let sandbox: RunningSandbox;
let c: Client;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => {
  c = new Client(sandbox.apiBase, newKey());
});
afterAll(() => sandbox.stop());

const capture = (order: string, amount: number, extra: Record<string, unknown> = {}) =>
  c.post<PaymentBody & ErrorReply>('/payments', { order, amount, currency: 'JPY', ...extra });
const refund = (payment: string, amount?: number) =>
  c.post<RefundBody & ErrorReply>('/refunds', { payment, amount, currency: 'JPY', reason: 'requested_by_customer' });
const order = async (id: string) => (await c.get<OrderBody>(`/orders/${id}`)).body;

async function authorizedManualOrder(): Promise<string> {
  const session = await createCheckout(c, { captureMethod: 'manual' });
  sandbox.control.approve(session.id);
  return session.order.id;
}

describe('approval', () => {
  it('automatic capture: succeeded with one payment of the full amount that inherits the order reference', async () => {
    const session = await createCheckout(c, { captureMethod: 'automatic' });
    const before = sandbox.control.now();
    const outcome = sandbox.control.approve(session.id);
    expect(outcome.redirectUrl).toBe('https://shop.example/success?o=1');
    const approved = await order(session.order.id);
    expect(approved.status).toBe('succeeded');
    expect(approved.payments).toHaveLength(1);
    expect(approved.expiresAt).toBeGreaterThanOrEqual(before + 7 * DAY);
    const payment = await c.get<PaymentBody>(`/payments/${approved.payments[0]}`);
    expect(payment.body).toMatchObject({
      object: 'payment',
      status: 'processed',
      amount: 1250,
      currency: 'JPY',
      order: session.order.id,
      reference: 'order_ref_1234567',
      refunds: [],
    });
    expect(payment.body.id).toMatch(/^payment_test_[0-9A-Za-z]{22}$/);
    expect((await capture(session.order.id, 1)).body.errorCode).toBe('order.cannot-capture');
  });

  it('manual capture: requires_capture with expiresAt 7 days out and no payment', async () => {
    const id = await authorizedManualOrder();
    expect(await order(id)).toMatchObject({ status: 'requires_capture', payments: [] });
  });

  it('soft decline keeps requires_authorization (retry possible); hard decline rejects', async () => {
    const soft = await createCheckout(c);
    expect(sandbox.control.softDecline(soft.id).redirectUrl).toBe('https://shop.example/cancel?o=1');
    expect((await order(soft.order.id)).status).toBe('requires_authorization');
    sandbox.control.approve(soft.id);
    expect((await order(soft.order.id)).status).toBe('requires_capture');

    const hard = await createCheckout(c);
    sandbox.control.hardDecline(hard.id);
    expect((await order(hard.order.id)).status).toBe('rejected');
    expect(() => sandbox.control.approve(hard.id)).toThrow(
      expect.objectContaining({ errorCode: 'checkout-session.completed' }),
    );
  });

  it('buyer cancel keeps the order awaiting authorization and redirects to cancelUrl', async () => {
    const session = await createCheckout(c);
    expect(sandbox.control.cancel(session.id).redirectUrl).toBe('https://shop.example/cancel?o=1');
    expect((await order(session.order.id)).status).toBe('requires_authorization');
  });

  it('an expired checkout session refuses approval (410) and leaves the order requires_authorization', async () => {
    const session = await createCheckout(c);
    sandbox.control.advanceClock(30 * 60 * 1000);
    expect(() => sandbox.control.approve(session.id)).toThrow(
      expect.objectContaining({ statusCode: 410, errorCode: 'checkout-session.expired' }),
    );
    expect((await order(session.order.id)).status).toBe('requires_authorization');
  });
});

describe('POST /v1/payments (capture)', () => {
  it('multiple partial captures with cancelRemainder manual, then the last one completes the order', async () => {
    const id = await authorizedManualOrder();
    const first = await capture(id, 500, { cancelRemainder: 'manual', reference: 'cap-1', metadata: { n: '1' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      object: 'payment',
      amount: 500,
      order: id,
      reference: 'cap-1',
      metadata: { n: '1' },
    });
    expect((await order(id)).status).toBe('requires_capture');
    const over = await capture(id, 751, { cancelRemainder: 'manual' });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ statusCode: 409, errorCode: 'payment.excessive-amount' });
    await capture(id, 750, { cancelRemainder: 'manual' });
    const done = await c.get<ExpandedOrderBody>(`/orders/${id}?expand=all`);
    expect(done.body.status).toBe('succeeded');
    expect(done.body.payments.map((p) => p.amount)).toEqual([500, 750]);
    expect(sandbox.control.order(id).totals).toMatchObject({ capturedAmount: 1250, capturableAmount: 0 });
  });

  it('cancelRemainder automatic (the default) ends the order after a partial capture', async () => {
    const id = await authorizedManualOrder();
    await capture(id, 300);
    expect((await order(id)).status).toBe('succeeded');
    expect((await capture(id, 1)).body.errorCode).toBe('order.cannot-capture');
  });

  it('errors: 404 order.not-found (also cross-mode), 409 cannot-capture before approval, 400 invalid', async () => {
    const missing = await capture('order_test_doesnotexist0000000', 100);
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe('order.not-found');
    const id = await authorizedManualOrder();
    const live = new Client(sandbox.apiBase, newKey('live'));
    expect((await live.post<ErrorReply>('/payments', { order: id, amount: 1, currency: 'JPY' })).status).toBe(404);
    const pending = await createCheckout(c);
    const early = await capture(pending.order.id, 100);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/requires_authorization/);
    for (const bad of [{ amount: 0 }, { amount: 1.5 }, { currency: 'USD' }, { cancelRemainder: 'never' }]) {
      const reply = await capture(id, 100, bad);
      expect(reply.status).toBe(400);
      expect(reply.body.errorCode).toBe('request.invalid');
    }
  });

  it('lists payments and patches reference/description/metadata', async () => {
    const id = await authorizedManualOrder();
    const created = await capture(id, 100, { cancelRemainder: 'manual' });
    const patched = await c.call<PaymentBody>('PATCH', `/payments/${created.body.id}`, { description: 'edited' });
    expect(patched.body).toMatchObject({ description: 'edited', amount: 100 });
    const list = await c.get<Page<PaymentBody>>('/payments');
    expect(list.body.data.map((p) => p.id)).toEqual([created.body.id]);
    const expanded = await c.get<{ order: OrderBody }>(`/payments/${created.body.id}?expand=all`);
    expect(expanded.body.order).toMatchObject({ id, object: 'order' });
    expect((await c.get<ErrorReply>('/payments/payment_test_nope')).body.errorCode).toBe('payment.not-found');
  });
});

describe('PUT /v1/orders/{id}/cancellation', () => {
  it('cancels a requires_capture order; cancelling again is a no-op success', async () => {
    const id = await authorizedManualOrder();
    const first = await c.call<OrderBody>('PUT', `/orders/${id}/cancellation`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id, status: 'canceled' });
    const again = await c.call<OrderBody>('PUT', `/orders/${id}/cancellation`);
    expect(again.status).toBe(200);
    expect(again.body.updatedAt).toBe(first.body.updatedAt);
    expect((await capture(id, 1)).body.errorCode).toBe('order.cannot-capture');
  });

  it('a partially captured order becomes canceled and keeps its payment', async () => {
    const id = await authorizedManualOrder();
    await capture(id, 400, { cancelRemainder: 'manual' });
    const canceled = await c.call<OrderBody>('PUT', `/orders/${id}/cancellation`);
    expect(canceled.body).toMatchObject({ status: 'canceled', payments: [expect.any(String)] });
    expect(sandbox.control.order(id).totals).toMatchObject({ capturedAmount: 400, capturableAmount: 0 });
  });

  it('409 order.cannot-cancel from requires_authorization / succeeded / rejected; 404 order.not-found', async () => {
    const pending = await createCheckout(c);
    const automatic = await createCheckout(c, { captureMethod: 'automatic' });
    sandbox.control.approve(automatic.id);
    const rejected = await createCheckout(c);
    sandbox.control.hardDecline(rejected.id);
    for (const id of [pending.order.id, automatic.order.id, rejected.order.id]) {
      const reply = await c.call<ErrorReply>('PUT', `/orders/${id}/cancellation`);
      expect(reply.status).toBe(409);
      expect(reply.body.errorCode).toBe('order.cannot-cancel');
    }
    const missing = await c.call<ErrorReply>('PUT', '/orders/order_test_missing/cancellation');
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe('order.not-found');
  });
});

describe('7-day authorization expiry', () => {
  it('cancels an uncaptured manual order when the clock passes expiresAt', async () => {
    const id = await authorizedManualOrder();
    sandbox.control.advanceClock(7 * DAY - 1000);
    expect((await order(id)).status).toBe('requires_capture');
    sandbox.control.advanceClock(1000);
    expect((await order(id)).status).toBe('canceled');
    expect((await capture(id, 1)).body.errorCode).toBe('order.cannot-capture');
  });

  it('is evaluated lazily against an injected clock that moves by itself', async () => {
    let now = Date.UTC(2025, 0, 1);
    const own = await startSandbox({ clock: { now: () => now }, authorizationTtlMs: 1000 });
    try {
      const client = new Client(own.apiBase, newKey());
      const session = await createCheckout(client);
      own.control.approve(session.id);
      now += 1000;
      expect((await client.get<OrderBody>(`/orders/${session.order.id}`)).body.status).toBe('canceled');
    } finally {
      await own.stop();
    }
  });
});

describe('POST /v1/refunds', () => {
  it('partial refunds up to the payment amount; the payment becomes refunded; 403 beyond', async () => {
    const session = await createCheckout(c, { captureMethod: 'automatic' });
    sandbox.control.approve(session.id);
    const paymentId = (await order(session.order.id)).payments[0]!;
    const first = await refund(paymentId, 1000);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      object: 'refund',
      status: 'succeeded',
      amount: 1000,
      payment: paymentId,
      reason: 'requested_by_customer',
    });
    expect(first.body.id).toMatch(/^refund_test_[0-9A-Za-z]{22}$/);
    const over = await refund(paymentId, 251);
    expect(over.status).toBe(403);
    expect(over.body.errorCode).toBe('amount.insufficient');
    expect((await c.get<PaymentBody>(`/payments/${paymentId}`)).body.status).toBe('processed');
    const rest = await refund(paymentId); // no amount: the whole remainder
    expect(rest.body.amount).toBe(250);
    const payment = await c.get<PaymentBody>(`/payments/${paymentId}`);
    expect(payment.body).toMatchObject({ status: 'refunded', refunds: [first.body.id, rest.body.id] });
    expect((await refund(paymentId, 1)).status).toBe(403);
    expect(sandbox.control.order(session.order.id).totals).toMatchObject({
      capturedAmount: 1250,
      refundedAmount: 1250,
    });
  });

  it('get, list, expand, patch; 404 payment.not-found / refund.not-found; 400 on a bad reason', async () => {
    const session = await createCheckout(c, { captureMethod: 'automatic' });
    sandbox.control.approve(session.id);
    const paymentId = (await order(session.order.id)).payments[0]!;
    const created = await refund(paymentId, 10);
    expect((await c.get<RefundBody>(`/refunds/${created.body.id}`)).body.amount).toBe(10);
    expect((await c.get<{ payment: PaymentBody }>(`/refunds/${created.body.id}?expand=all`)).body.payment.id).toBe(
      paymentId,
    );
    expect((await c.get<Page<RefundBody>>('/refunds')).body.results).toBe(1);
    expect(
      (await c.call<RefundBody>('PATCH', `/refunds/${created.body.id}`, { reference: 'r-1' })).body.reference,
    ).toBe('r-1');
    expect((await c.get<ErrorReply>('/refunds/refund_test_nope')).body.errorCode).toBe('refund.not-found');
    const missing = await refund('payment_test_nope', 1);
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe('payment.not-found');
    const badReason = await c.post<ErrorReply>('/refunds', {
      payment: paymentId,
      amount: 1,
      currency: 'JPY',
      reason: 'x',
    });
    expect(badReason.body.details[0]).toMatch(/^reason/);
  });
});

describe('GET /v1/orders', () => {
  it('lists this key’s orders only, with expand=all', async () => {
    const a = await createCheckout(c);
    const b = await createCheckout(c);
    const list = await c.get<Page<OrderBody>>('/orders?expand=all');
    expect(list.body.data.map((o) => o.id)).toEqual([b.order.id, a.order.id]);
    expect(list.body.data[0]?.lineItems[0]).toMatchObject({ object: 'lineItem' });
    const other = new Client(sandbox.apiBase, newKey());
    expect((await other.get<Page<OrderBody>>('/orders')).body.results).toBe(0);
  });
});
