import {
  InMemoryJobScheduler,
  InMemoryOutbox,
  InMemoryWebhookDeliveryRepository,
  InMemoryWebhookSubscriptionRepository,
} from '../in-memory';
import { RandomIdGenerator } from '../shared/random-id-generator';
import { ManualClock } from '../shared/system-clock';
import { DeliverWebhooks } from './deliver-webhooks';
import type { MerchantWebhookDependencies } from './dependencies';
import { ManageWebhookSubscriptions } from './manage-subscriptions';
import { MerchantSendSlots } from './merchant-send-slots';
import { SendTestWebhook, TEST_EVENT_NAME } from './send-test-webhook';
import { verifyWebhookSignature } from './webhook-signature';
import type { TransportResult } from './webhook-transport';

function setup() {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
  const subscriptions = new InMemoryWebhookSubscriptionRepository();
  const jobs = new InMemoryJobScheduler();
  const sent: Array<{ headers: Record<string, string>; body: string }> = [];
  const answers: TransportResult[] = [];
  const deps: MerchantWebhookDependencies = {
    outbox: new InMemoryOutbox(),
    subscriptions,
    deliveries: new InMemoryWebhookDeliveryRepository(subscriptions),
    transport: {
      post: async (_url, headers, body) => {
        sent.push({ headers, body });
        return answers.shift() ?? { kind: 'answered', status: 204, durationMs: 2, bodyExcerpt: '' };
      },
    },
    targetPolicy: { assertAllowed: async () => undefined },
    targets: { render: async () => undefined },
    clock,
    ids: new RandomIdGenerator(),
    jobs,
    sendSlots: new MerchantSendSlots(),
    rotationGraceMs: 3_600_000,
    firstRetryMs: 1_000,
  };
  const drain = async () => {
    for (let round = 0; round < 10; round++) {
      const due = jobs.takeDue(clock.now());
      if (due.length === 0) return;
      for (const job of due)
        await new DeliverWebhooks(deps).execute({
          merchantAccountId: job.payload.merchantAccountId ?? '',
          subscriptionId: job.payload.subscriptionId ?? '',
          transactionId: job.payload.transactionId ?? '',
        });
    }
  };
  return {
    clock,
    deps,
    sent,
    answers,
    drain,
    manage: new ManageWebhookSubscriptions(deps),
    test: new SendTestWebhook(deps),
  };
}

describe('SendTestWebhook', () => {
  it('sends a signed test event through the lanes, recorded with its attempt like any delivery', async () => {
    const s = setup();
    const subscription = await s.manage.create('default', {
      url: 'https://shop.example.jp/hooks',
      active: true,
      events: ['refund.succeeded'],
    });
    const queued = await s.test.execute('default', subscription.id);
    expect(queued).toMatchObject({ status: 'pending', eventName: TEST_EVENT_NAME, attempts: [] });
    await s.drain();

    const [request] = s.sent;
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      type: 'event',
      name: 'test',
      merchant_account_id: 'default',
      target: { type: 'webhook-subscription', id: subscription.id },
    });
    expect(request?.headers['x-gr4vy-webhook-id']).toBe(queued.id);
    expect(
      verifyWebhookSignature({
        secret: subscription.secret,
        signaturesHeader: request?.headers['x-gr4vy-webhook-signatures'] ?? '',
        timestampHeader: request?.headers['x-gr4vy-webhook-timestamp'] ?? '',
        body: request?.body ?? '',
        nowSeconds: Math.floor(s.clock.now().getTime() / 1000),
      }),
    ).toBe(true);
    const stored = await s.deps.deliveries.get('default', subscription.id, queued.id);
    expect(stored).toMatchObject({ status: 'succeeded', attempts: [{ number: 1, responseStatus: 204 }] });
  });

  it('retries a test the receiver refused, like any delivery', async () => {
    const s = setup();
    const subscription = await s.manage.create('default', { url: 'https://shop.example.jp/hooks', active: true });
    s.answers.push({ kind: 'answered', status: 503, durationMs: 2, bodyExcerpt: 'maintenance' });
    const queued = await s.test.execute('default', subscription.id);
    await s.drain();
    s.clock.advance(2_000);
    await s.drain();
    const stored = await s.deps.deliveries.get('default', subscription.id, queued.id);
    expect(stored?.attempts.map((a) => [a.responseStatus, a.responseExcerpt])).toEqual([
      [503, 'maintenance'],
      [204, ''],
    ]);
    expect(stored?.status).toBe('succeeded');
  });

  it('refuses a disabled subscription, and another merchant’s as not found; nothing is recorded', async () => {
    const s = setup();
    const paused = await s.manage.create('default', { url: 'https://shop.example.jp/hooks', active: false });
    await expect(s.test.execute('default', paused.id)).rejects.toMatchObject({ code: 'webhook_subscription_disabled' });
    await expect(s.test.execute('other', paused.id)).rejects.toMatchObject({ code: 'webhook_subscription_not_found' });
    expect((await s.deps.deliveries.list('default', paused.id, { limit: 10 })).items).toEqual([]);
    expect(s.sent).toEqual([]);
  });
});
