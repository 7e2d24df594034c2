import { type RunningSandbox, startSandbox } from './server';
import {
  Client,
  createCheckout,
  type ErrorReply,
  newKey,
  type PaymentBody,
  sleep,
  startReceiver,
  type WebhookEndpointBody,
} from './test-helpers';

let sandbox: RunningSandbox;
let c: Client;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'faults', webhookRetry: { baseDelayMs: 20 } });
});
beforeEach(() => {
  c = new Client(sandbox.apiBase, newKey());
  sandbox.control.clearFaults();
});
afterAll(() => sandbox.stop());

const addFault = (rule: unknown) =>
  fetch(`${sandbox.baseUrl}/_sandbox/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(rule),
  });

async function manualOrder(): Promise<string> {
  const session = await createCheckout(c);
  sandbox.control.approve(session.id);
  return session.order.id;
}
const captureBody = (order: string) => ({ order, amount: 100, currency: 'JPY', cancelRemainder: 'manual' });
const captured = (orderId: string) => sandbox.control.order(orderId).totals.capturedAmount;

describe('HTTP faults', () => {
  it('status: answers 5xx without applying; the retry with the same key really runs', async () => {
    const orderId = await manualOrder();
    const added = await addFault({ match: { method: 'POST', path: '/v1/payments' }, kind: 'status', status: 503 });
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({ id: expect.any(String), kind: 'status', status: 503, remaining: 1 });
    const failed = await c.post<ErrorReply>('/payments', captureBody(orderId), { 'Idempotency-Key': 'retry-me' });
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ statusCode: 503, errorCode: 'sandbox.injected-fault' });
    expect(captured(orderId)).toBe(0);
    const retried = await c.post<PaymentBody>('/payments', captureBody(orderId), { 'Idempotency-Key': 'retry-me' });
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotency-replayed')).toBeNull();
    expect(captured(orderId)).toBe(100);
  });

  it('latency: waits, then answers normally', async () => {
    await addFault({ match: { path: '/v1/orders' }, kind: 'latency', ms: 150 });
    const started = Date.now();
    expect((await c.get('/orders')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const fast = Date.now();
    await c.get('/orders');
    expect(Date.now() - fast).toBeLessThan(140);
  });

  it('drop: destroys the connection before applying anything', async () => {
    const orderId = await manualOrder();
    sandbox.control.addFault({ match: { method: 'POST', path: '/v1/payments' }, kind: 'drop' });
    await expect(c.post('/payments', captureBody(orderId))).rejects.toThrow();
    expect(captured(orderId)).toBe(0);
    expect((await c.post('/payments', captureBody(orderId))).status).toBe(200);
  });

  it('timeout: applies the effect, never answers; the same key then replays the stored answer', async () => {
    const orderId = await manualOrder();
    sandbox.control.addFault({ match: { method: 'POST', path: '/v1/payments' }, kind: 'timeout', ms: 100 });
    const started = Date.now();
    await expect(c.post('/payments', captureBody(orderId), { 'Idempotency-Key': 'lost' })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(captured(orderId)).toBe(100);
    const replay = await c.post<PaymentBody>('/payments', captureBody(orderId), { 'Idempotency-Key': 'lost' });
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(replay.body.amount).toBe(100);
    expect(captured(orderId)).toBe(100);
  });

  it('matches :param patterns and ^regex paths, counts `times`, and leaves other paths alone', async () => {
    const orderId = await manualOrder();
    sandbox.control.addFault({ match: { path: '/v1/orders/:id/cancellation' }, kind: 'status', status: 502, times: 2 });
    sandbox.control.addFault({ match: { method: 'GET', path: '^/v1/refunds/' }, kind: 'status', status: 504 });
    expect((await c.call('PUT', `/orders/${orderId}/cancellation`)).status).toBe(502);
    expect((await c.get(`/orders/${orderId}`)).status).toBe(200);
    expect((await c.call('PUT', `/orders/${orderId}/cancellation`)).status).toBe(502);
    expect((await c.call('PUT', `/orders/${orderId}/cancellation`)).status).toBe(200);
    expect((await c.get('/refunds')).status).toBe(200);
    expect((await c.get('/refunds/refund_test_x')).status).toBe(504);
  });

  it('GET lists pending rules, DELETE /{id} removes one, DELETE clears; bad rules are 400', async () => {
    const a = sandbox.control.addFault({ match: { path: '/v1/orders' }, kind: 'drop', times: 3 });
    sandbox.control.addFault({ webhook: { type: 'refund.created' }, kind: 'delay', ms: 10 });
    const listed = (await (await fetch(`${sandbox.baseUrl}/_sandbox/faults`)).json()) as {
      data: Array<{ id: string }>;
    };
    expect(listed.data).toHaveLength(2);
    expect((await fetch(`${sandbox.baseUrl}/_sandbox/faults/${a.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${sandbox.baseUrl}/_sandbox/faults/${a.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${sandbox.baseUrl}/_sandbox/faults`, { method: 'DELETE' })).status).toBe(204);
    expect(sandbox.control.faults()).toEqual([]);
    const bad = await addFault({ match: { path: '/v1/orders' }, kind: 'status', status: 418 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      errorCode: 'request.invalid',
      details: [expect.stringMatching(/^status/)],
    });
  });
});

describe('webhook faults', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let endpoint: WebhookEndpointBody;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  beforeEach(async () => {
    receiver.received.length = 0;
    endpoint = (await c.post<WebhookEndpointBody>('/webhook-endpoints', { url: receiver.url })).body;
  });
  afterAll(() => receiver.close());

  const eventIds = () => receiver.received.map((r) => String(r.headers['smartpay-event-id']));
  const types = () =>
    receiver.received.map((r) => (JSON.parse(r.body) as { eventData: { type: string } }).eventData.type);

  it('drop: the delivery never happens and the log says so', async () => {
    sandbox.control.addFault({ webhook: { type: 'order.authorized' }, kind: 'drop' });
    const session = await createCheckout(c);
    sandbox.control.approve(session.id);
    await sandbox.control.waitForWebhooks();
    expect(receiver.received).toHaveLength(0);
    const log = (await (await fetch(`${sandbox.baseUrl}/_sandbox/webhook-deliveries`)).json()) as {
      data: Array<{ endpointId: string; outcome: string; type: string; attempt: number }>;
    };
    expect(log.data.filter((a) => a.endpointId === endpoint.id)).toEqual([
      expect.objectContaining({ type: 'order.authorized', outcome: 'dropped', attempt: 1 }),
    ]);
  });

  it('duplicate: the same signed event arrives twice', async () => {
    sandbox.control.addFault({ webhook: {}, kind: 'duplicate' });
    const session = await createCheckout(c);
    sandbox.control.approve(session.id);
    await sandbox.control.waitForWebhooks();
    expect(eventIds()).toHaveLength(2);
    expect(new Set(eventIds()).size).toBe(1);
    expect(receiver.received[0]?.body).toBe(receiver.received[1]?.body);
  });

  it('delay: the delivery goes out `ms` later', async () => {
    sandbox.control.addFault({ webhook: {}, kind: 'delay', ms: 150 });
    const session = await createCheckout(c);
    sandbox.control.approve(session.id);
    await sleep(60);
    expect(receiver.received).toHaveLength(0);
    await sandbox.control.waitForWebhooks();
    expect(types()).toEqual(['order.authorized']);
  });

  it('reorder: the held delivery arrives after the next one', async () => {
    sandbox.control.addFault({ webhook: { type: 'order.authorized' }, kind: 'reorder' });
    const session = await createCheckout(c);
    sandbox.control.approve(session.id);
    await sleep(30);
    expect(receiver.received).toHaveLength(0);
    await c.call('PUT', `/orders/${session.order.id}/cancellation`);
    await sandbox.control.waitForWebhooks();
    expect(types()).toEqual(['order.canceled', 'order.authorized']);
  });

  it('reorder: a held delivery can be released by hand', async () => {
    sandbox.control.addFault({ webhook: {}, kind: 'reorder' });
    const session = await createCheckout(c);
    sandbox.control.approve(session.id);
    const released = await fetch(`${sandbox.baseUrl}/_sandbox/webhook-deliveries/release-held`, { method: 'POST' });
    expect(await released.json()).toEqual({ released: 1 });
    await fetch(`${sandbox.baseUrl}/_sandbox/webhook-deliveries/wait`, { method: 'POST', body: '{"timeoutMs":2000}' });
    expect(types()).toEqual(['order.authorized']);
  });
});
