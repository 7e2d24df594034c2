import type { SandboxState } from './control';
import { type RunningSandbox, startSandbox } from './server';
import { Client, createCheckout, type ErrorReply, newKey, type OrderBody } from './test-helpers';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'control' });
});
afterAll(() => sandbox.stop());

const control = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sandbox.baseUrl}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
};

describe('/_sandbox control API', () => {
  it('approves, declines and cancels as the buyer over HTTP, answering the redirect', async () => {
    const c = new Client(sandbox.apiBase, newKey());
    const session = await createCheckout(c);
    const approved = await control<{ redirectUrl: string; order: OrderBody }>(
      'POST',
      `/checkout-sessions/${session.id}/approve`,
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      redirectUrl: 'https://shop.example/success?o=1',
      order: { status: 'requires_capture' },
    });
    const again = await control<ErrorReply>('POST', `/checkout-sessions/${session.id}/hard-decline`);
    expect(again.status).toBe(409);
    expect(again.body.errorCode).toBe('checkout-session.completed');
    const other = await createCheckout(c);
    expect((await control('POST', `/checkout-sessions/${other.id}/soft-decline`)).status).toBe(200);
    expect((await control('POST', `/checkout-sessions/${other.id}/cancel`)).status).toBe(200);
    expect((await control('POST', `/checkout-sessions/${other.id}/hard-decline`)).status).toBe(200);
    expect((await c.get<OrderBody>(`/orders/${other.order.id}`)).body.status).toBe('rejected');
    const unknown = await control<ErrorReply>('POST', '/checkout-sessions/checkout_test_nope/approve');
    expect(unknown.body).toMatchObject({ statusCode: 404, errorCode: 'checkout-session.not-found' });
  });

  it('advances the clock (refusing nonsense) and reports it', async () => {
    const before = await control<{ now: number; offsetMs: number }>('GET', '/clock');
    const advanced = await control<{ now: number; offsetMs: number }>('POST', '/clock/advance', { ms: 60_000 });
    expect(advanced.body.offsetMs).toBe(before.body.offsetMs + 60_000);
    expect(advanced.body.now).toBeGreaterThanOrEqual(before.body.now + 60_000);
    expect((await control<ErrorReply>('POST', '/clock/advance', { ms: -1 })).body.errorCode).toBe('request.invalid');
    expect((await control<ErrorReply>('POST', '/clock/advance', {})).status).toBe(400);
  });

  it('inspects state per merchant with order sums, and one order by id', async () => {
    const key = newKey();
    const c = new Client(sandbox.apiBase, key);
    const session = await createCheckout(c, { captureMethod: 'automatic' });
    sandbox.control.approve(session.id);
    const paymentId = (await c.get<OrderBody>(`/orders/${session.order.id}`)).body.payments[0];
    await c.post('/refunds', { payment: paymentId, amount: 250, currency: 'JPY', reason: 'requested_by_customer' });
    const state = await control<SandboxState>('GET', `/state?secretKey=${key}`);
    expect(state.body.merchants).toHaveLength(1);
    const merchant = state.body.merchants[0]!;
    expect(merchant).toMatchObject({ secretKey: key, mode: 'test' });
    expect(merchant.orders[0]?.totals).toEqual({
      amount: 1250,
      capturedAmount: 1250,
      refundedAmount: 250,
      capturableAmount: 0,
      refundableAmount: 1000,
      paymentCount: 1,
      refundCount: 1,
    });
    expect(merchant.payments).toHaveLength(1);
    expect(merchant.refunds).toHaveLength(1);
    expect(merchant.events.map((e) => e.eventData.type)).toEqual([
      'order.authorized',
      'payment.created',
      'refund.created',
    ]);
    const inspected = await control<{ totals: { refundedAmount: number }; order: { payments: unknown[] } }>(
      'GET',
      `/orders/${session.order.id}`,
    );
    expect(inspected.body.totals.refundedAmount).toBe(250);
    expect(inspected.body.order.payments).toHaveLength(1);
    expect((await control('GET', '/orders/order_test_nope')).status).toBe(404);
  });

  it('reset forgets everything, zeroes the clock offset and replays the same seeded ids', async () => {
    await control('POST', '/reset');
    const key = newKey();
    const first = await createCheckout(new Client(sandbox.apiBase, key));
    await control('POST', '/clock/advance', { ms: 1000 });
    expect((await control('POST', '/reset')).status).toBe(204);
    const state = await control<SandboxState>('GET', '/state');
    expect(state.body).toMatchObject({ offsetMs: 0, merchants: [], faults: [], webhookDeliveries: [] });
    expect((await new Client(sandbox.apiBase, key).get(`/orders/${first.order.id}`)).status).toBe(404);
    const replayed = await createCheckout(new Client(sandbox.apiBase, key));
    expect(replayed.id).toBe(first.id);
  });

  it('answers 404 for unknown control routes and has a health check', async () => {
    expect((await control('GET', '/nope')).status).toBe(404);
    const health = await fetch(`${sandbox.baseUrl}/healthz`);
    expect(await health.json()).toMatchObject({ ok: true, apiBase: '/v1' });
  });
});

describe('scale', () => {
  // How the cost per call grows with the orders held is a speed figure, for a benchmark: timed here (wall time, then
  // this process's CPU time) it failed on a loaded machine, and CPU time counted garbage collection as growth.
  it('holds 1,200 orders created and approved 100 at a time, and pages them', async () => {
    const c = new Client(sandbox.apiBase, newKey());
    for (let i = 0; i < 12; i++)
      await Promise.all(Array.from({ length: 100 }, async () => sandbox.control.approve((await createCheckout(c)).id)));
    expect(sandbox.control.state({ secretKey: c.key }).merchants[0]?.orders).toHaveLength(1200);
    expect((await c.get<{ results: number }>('/orders?maxResults=100')).body.results).toBe(100);
  }, 20_000);
});
