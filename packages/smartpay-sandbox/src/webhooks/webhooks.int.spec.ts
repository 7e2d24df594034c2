import { type RunningSandbox, startSandbox } from '../server';
import {
  Client,
  createCheckout,
  type ErrorReply,
  newKey,
  type OrderBody,
  type Page,
  startReceiver,
  type WebhookEndpointBody,
} from '../test-helpers';
import { verifyWebhook } from './signature';

interface EventBody {
  id: string;
  object: string;
  createdAt: number;
  test: boolean;
  eventData: { type: string; version: string; data: { id: string; object: string; status?: string } };
}

let sandbox: RunningSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let failFirst = 0;
beforeAll(async () => {
  sandbox = await startSandbox({ webhookRetry: { maxAttempts: 4, baseDelayMs: 20, timeoutMs: 500 } });
  receiver = await startReceiver(() => (failFirst-- > 0 ? 500 : 200));
});
beforeEach(() => {
  receiver.received.length = 0;
  failFirst = 0;
  sandbox.control.clearFaults();
});
afterAll(async () => {
  await sandbox.stop();
  await receiver.close();
});

async function merchantWithEndpoint(eventSubscriptions?: string[]) {
  const c = new Client(sandbox.apiBase, newKey());
  const endpoint = await c.post<WebhookEndpointBody>('/webhook-endpoints', {
    url: receiver.url,
    ...(eventSubscriptions ? { eventSubscriptions } : {}),
  });
  return { c, endpoint: endpoint.body };
}

const events = () => receiver.received.map((r) => JSON.parse(r.body) as EventBody);
// Deliveries travel concurrently (Smartpay does not promise an order either), so compare as sorted lists.
const types = () =>
  events()
    .map((e) => e.eventData.type)
    .sort();
const byType = (type: string) => events().find((e) => e.eventData.type === type);

describe('/v1/webhook-endpoints', () => {
  it('creates with a 40-char base62 signingSecret, gets, lists, patches and deletes (204)', async () => {
    const c = new Client(sandbox.apiBase, newKey());
    const created = await c.post<WebhookEndpointBody>('/webhook-endpoints', {
      url: 'http://127.0.0.1:1/hooks',
      eventSubscriptions: ['order.authorized'],
      description: 'shop',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      object: 'webhookEndpoint',
      active: true,
      eventSubscriptions: ['order.authorized'],
      description: 'shop',
      test: true,
    });
    expect(created.body.id).toMatch(/^webhookendpoint_test_[0-9A-Za-z]{22}$/);
    expect(created.body.signingSecret).toMatch(/^[A-Za-z0-9]{40}$/);
    const path = `/webhook-endpoints/${created.body.id}`;
    expect((await c.get<WebhookEndpointBody>(path)).body.url).toBe('http://127.0.0.1:1/hooks');
    const patched = await c.call<WebhookEndpointBody>('PATCH', path, {
      active: false,
      eventSubscriptions: ['refund.created'],
    });
    expect(patched.body).toMatchObject({ active: false, eventSubscriptions: ['refund.created'] });
    expect((await c.get<Page<WebhookEndpointBody>>('/webhook-endpoints')).body.results).toBe(1);
    const deleted = await c.call('DELETE', path);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await c.get<ErrorReply>(path)).body).toMatchObject({
      statusCode: 404,
      errorCode: 'webhook-endpoint.not-found',
    });
    expect((await c.call('DELETE', path)).status).toBe(404);
    expect((await c.get<Page<WebhookEndpointBody>>('/webhook-endpoints')).body.results).toBe(0);
  });

  it('subscribes to every event when eventSubscriptions is omitted; validates url and types', async () => {
    const c = new Client(sandbox.apiBase, newKey());
    const all = await c.post<WebhookEndpointBody>('/webhook-endpoints', { url: 'https://example.test/hooks' });
    expect(all.body.eventSubscriptions).toEqual(expect.arrayContaining(['order.authorized', 'refund.created']));
    const bad = await c.post<ErrorReply>('/webhook-endpoints', {
      url: 'ftp://x',
      eventSubscriptions: ['order.exploded'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.stringMatching(/^url/), expect.stringMatching(/^eventSubscriptions\.0/)]);
  });
});

describe('delivery', () => {
  it('signs each event per §6.1 with the four Smartpay-* headers', async () => {
    const { c, endpoint } = await merchantWithEndpoint();
    const session = await createCheckout(c, { captureMethod: 'automatic' });
    sandbox.control.approve(session.id);
    await sandbox.control.waitForWebhooks();
    expect(types()).toEqual(['order.authorized', 'payment.created']);
    for (const hook of receiver.received) {
      const timestamp = String(hook.headers['smartpay-signature-timestamp']);
      expect(timestamp).toMatch(/^\d{13}$/);
      expect(hook.headers['content-type']).toBe('application/json');
      expect(hook.headers['smartpay-subscription-id']).toBe(endpoint.id);
      expect(
        verifyWebhook(endpoint.signingSecret, timestamp, hook.body, String(hook.headers['smartpay-signature'])),
      ).toBe(true);
      const event = JSON.parse(hook.body) as EventBody;
      expect(hook.headers['smartpay-event-id']).toBe(event.id);
      expect(event).toMatchObject({ object: 'event', test: true, eventData: { version: '2022-02-18' } });
      expect(event.id).toMatch(/^evt_test_[0-9A-Za-z]{22}$/);
    }
    expect(byType('order.authorized')?.eventData.data).toMatchObject({
      id: session.order.id,
      object: 'order',
      status: 'succeeded',
    });
    expect(byType('payment.created')?.eventData.data).toMatchObject({
      object: 'payment',
      amount: 1250,
      order: session.order.id,
    });
  });

  it('emits order.rejected, order.canceled and refund.created', async () => {
    const { c } = await merchantWithEndpoint();
    const declined = await createCheckout(c);
    sandbox.control.softDecline(declined.id);
    const manual = await createCheckout(c);
    sandbox.control.approve(manual.id);
    await c.call('PUT', `/orders/${manual.order.id}/cancellation`);
    const auto = await createCheckout(c, { captureMethod: 'automatic' });
    sandbox.control.approve(auto.id);
    const paymentId = (await c.get<OrderBody>(`/orders/${auto.order.id}`)).body.payments[0];
    await c.post('/refunds', { payment: paymentId, amount: 50, currency: 'JPY', reason: 'fraudulent' });
    await sandbox.control.waitForWebhooks();
    expect(types()).toEqual(
      [
        'order.rejected',
        'order.authorized',
        'order.canceled',
        'order.authorized',
        'payment.created',
        'refund.created',
      ].sort(),
    );
    expect(byType('order.rejected')?.eventData.data.status).toBe('requires_authorization');
    expect(byType('order.canceled')?.eventData.data.status).toBe('canceled');
  });

  it('emits order.canceled when the 7-day hold expires', async () => {
    const { c } = await merchantWithEndpoint(['order.canceled']);
    const session = await createCheckout(c);
    sandbox.control.approve(session.id);
    sandbox.control.advanceClock(7 * 24 * 60 * 60 * 1000);
    await sandbox.control.waitForWebhooks();
    expect(events().map((e) => [e.eventData.type, e.eventData.data.id])).toEqual([
      ['order.canceled', session.order.id],
    ]);
  });

  it('sends only subscribed types to active endpoints of the same key and mode', async () => {
    const { c, endpoint } = await merchantWithEndpoint(['payment.created']);
    const stranger = new Client(sandbox.apiBase, newKey());
    await stranger.post('/webhook-endpoints', { url: receiver.url, active: false });
    await createCheckout(stranger);
    const session = await createCheckout(c, { captureMethod: 'automatic' });
    sandbox.control.approve(session.id);
    await sandbox.control.waitForWebhooks();
    expect(types()).toEqual(['payment.created']);
    expect(receiver.received[0]?.headers['smartpay-subscription-id']).toBe(endpoint.id);
  });

  it('retries a non-200 with back-off, same event id and body, and logs each attempt', async () => {
    const { c } = await merchantWithEndpoint(['order.authorized']);
    failFirst = 2;
    const session = await createCheckout(c);
    sandbox.control.approve(session.id);
    await sandbox.control.waitForWebhooks();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.headers['smartpay-event-id'])).size).toBe(1);
    const eventId = events()[0]?.id;
    const log = sandbox.control.webhookDeliveries().filter((a) => a.eventId === eventId);
    expect(log.map((a) => [a.attempt, a.status, a.outcome])).toEqual([
      [1, 500, 'failed'],
      [2, 500, 'failed'],
      [3, 200, 'delivered'],
    ]);
    expect(log[0]).toMatchObject({ type: 'order.authorized', url: receiver.url });
  });

  it('gives up after maxAttempts and counts an unreachable receiver as failed', async () => {
    const c = new Client(sandbox.apiBase, newKey());
    const dead = await startReceiver();
    await dead.close();
    await c.post('/webhook-endpoints', { url: dead.url, eventSubscriptions: ['order.authorized'] });
    const session = await createCheckout(c);
    sandbox.control.approve(session.id);
    await sandbox.control.waitForWebhooks();
    const log = sandbox.control.webhookDeliveries().filter((a) => a.url === dead.url);
    expect(log.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
    expect(log.every((a) => a.outcome === 'failed' && a.status === null)).toBe(true);
  });
});
