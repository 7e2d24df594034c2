import { FakePaymentConnector } from '@kessai/domain/testing';
import { eventually } from '../../testing/eventually';
import { type Kessai, startKessai } from '../../testing/start-kessai';
import { WebhookReceiver } from '../../testing/webhook-receiver';

/**
 * What a merchant checks an endpoint with: a test event sent on demand to a real receiver on loopback, and each
 * attempt's request and response as the deliveries API shows them afterwards. On both storages.
 */
describe.each(['memory', 'postgres'] as const)('webhook test events and attempt details (storage %s)', (storage) => {
  let api: Kessai;
  let receiver: WebhookReceiver;
  let subscription: { id: string; secret: string };

  beforeAll(async () => {
    api = await startKessai({
      storage,
      connector: new FakePaymentConnector(),
      merchants: ['default', 'other'],
      env: { MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', MERCHANT_WEBHOOK_FIRST_RETRY_MS: '300' },
    });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });
  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
    const created = await api.call('POST', '/webhook-subscriptions', {
      body: { url: receiver.url, events: ['refund.succeeded'] },
    });
    expect(created.status).toBe(201);
    subscription = created.body;
    receiver.secrets = [subscription.secret];
  });
  afterEach(async () => {
    await api.call('DELETE', `/webhook-subscriptions/${subscription.id}`);
    await receiver.stop();
  });

  const delivery = (id: string) => api.call('GET', `/webhook-subscriptions/${subscription.id}/deliveries/${id}`);

  it('sends a signed test event the receiver verifies, whatever events the subscription chose, listed like any delivery', async () => {
    const queued = await api.call('POST', `/webhook-subscriptions/${subscription.id}/test`, { body: {} });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ type: 'webhook-delivery', event_name: 'test', status: 'pending' });

    const done = await eventually(
      () => delivery(queued.body.id),
      (r) => r.body.status === 'succeeded',
    );
    expect(receiver.accepted.map((r) => [r.id, r.event.name, r.event.target])).toEqual([
      [queued.body.id, 'test', { type: 'webhook-subscription', id: subscription.id }],
    ]);
    expect(receiver.rejected).toEqual([]);
    const listed = await api.call('GET', `/webhook-subscriptions/${subscription.id}/deliveries`);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toContain(queued.body.id);
    expect(done.body.attempts).toHaveLength(1);
  });

  it('shows each attempt’s status, answer excerpt and headers sent with the signature the receiver got, never the secret', async () => {
    let calls = 0;
    receiver.behaviour = () =>
      ++calls === 1
        ? { status: 503, body: `{"error":"down for maintenance","pad":"${'x'.repeat(5000)}"}` }
        : { status: 204 };
    const queued = await api.call('POST', `/webhook-subscriptions/${subscription.id}/test`, { body: {} });
    const done = await eventually(
      () => delivery(queued.body.id),
      (r) => r.body.status === 'succeeded',
    );
    const [failed, succeeded] = done.body.attempts;
    expect(failed).toMatchObject({ number: 1, response_status: 503, error: 'answered 503' });
    expect(failed.response_body_excerpt.startsWith('{"error":"down for maintenance"')).toBe(true);
    expect(failed.response_body_excerpt).toHaveLength(2000);
    expect(succeeded).toMatchObject({ number: 2, response_status: 204, response_body_excerpt: '', error: null });
    for (const [attempt, request] of [failed, succeeded].map((a, i) => [a, receiver.requests[i]] as const)) {
      expect(attempt.request_headers['x-gr4vy-webhook-id']).toBe(queued.body.id);
      expect(attempt.request_headers['x-gr4vy-webhook-signatures']).toBe(request?.signatures.join(','));
      expect(attempt.request_headers['x-gr4vy-webhook-timestamp']).toBe(request?.timestamp);
    }
    expect(JSON.stringify(done.body)).not.toContain(subscription.secret);
  });

  it('refuses a test for a disabled subscription, and another merchant’s or an unknown one as not found', async () => {
    await api.call('PUT', `/webhook-subscriptions/${subscription.id}`, { body: { active: false } });
    const refused = await api.call('POST', `/webhook-subscriptions/${subscription.id}/test`, { body: {} });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ type: 'error', code: 'bad_request' });
    expect(refused.body.details[0]).toMatchObject({ type: 'webhook_subscription_disabled' });
    const unknown = await api.call('POST', '/webhook-subscriptions/00000000-0000-4000-8000-000000000000/test', {
      body: {},
    });
    expect(unknown.status).toBe(404);
    await api.call('PUT', `/webhook-subscriptions/${subscription.id}`, { body: { active: true } });
    const foreign = await api.call('POST', `/webhook-subscriptions/${subscription.id}/test`, {
      body: {},
      headers: { 'x-gr4vy-merchant-account-id': 'other' },
    });
    expect(foreign.status).toBe(404);
    expect((await api.call('GET', `/webhook-subscriptions/${subscription.id}/deliveries`)).body.items).toEqual([]);
    expect(receiver.requests).toEqual([]);
  });
});
