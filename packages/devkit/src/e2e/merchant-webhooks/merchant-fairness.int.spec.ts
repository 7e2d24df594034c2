import { createServer, type Server } from 'node:http';
import {
  DeliverWebhooks,
  type Job,
  ManageWebhookSubscriptions,
  MerchantSendSlots,
  type MerchantWebhookDelivery,
  type MerchantWebhookDependencies,
  RandomIdGenerator,
  SystemClock,
  scheduleDueLanes,
} from '@kessai/domain';
import {
  InMemoryOutbox,
  InMemoryWebhookDeliveryRepository,
  InMemoryWebhookSubscriptionRepository,
} from '@kessai/domain/testing';
import type { JobHandlers } from '@kessai/server';
import { InProcessJobs, UndiciWebhookTransport } from '@kessai/server';
import { WebhookReceiver } from '../../testing/webhook-receiver';

/**
 * Merchants share the worker's job slots (four, as graphile-worker runs them). Real sends over loopback: one
 * merchant's receivers accept the connection and never answer; another merchant's receiver is healthy.
 */
describe('merchant webhook fairness', () => {
  let hanging: Server;
  let hangingUrl = '';
  let healthy: WebhookReceiver;
  const transport = new UndiciWebhookTransport(true);
  const jobs = new InProcessJobs({ schedule: async (_job: Job) => undefined }, () => undefined, {
    concurrency: 4,
    policies: { 'deliver-webhooks': { maxWaiting: 10_000, queueOnClose: false } },
  });

  beforeAll(async () => {
    hanging = createServer((request) => request.resume());
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    hangingUrl = `http://127.0.0.1:${(hanging.address() as { port: number }).port}`;
    healthy = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await jobs.close(0);
    hanging.closeAllConnections();
    await new Promise<void>((resolve) => hanging.close(() => resolve()));
    await healthy.stop();
    await transport.close();
  });

  it("a healthy merchant's webhook arrives within seconds while another merchant's 40 receivers hang", async () => {
    const subscriptions = new InMemoryWebhookSubscriptionRepository();
    const deps: MerchantWebhookDependencies = {
      outbox: new InMemoryOutbox(),
      subscriptions,
      deliveries: new InMemoryWebhookDeliveryRepository(subscriptions),
      transport,
      targetPolicy: { assertAllowed: async () => undefined },
      targets: { render: async () => undefined },
      clock: new SystemClock(),
      ids: new RandomIdGenerator(),
      jobs,
      sendSlots: new MerchantSendSlots(),
      rotationGraceMs: 0,
    };
    const deliver = new DeliverWebhooks(deps);
    await jobs
      .worker({
        'deliver-webhooks': async (payload: Record<string, string>) =>
          deliver.execute({
            merchantAccountId: payload.merchantAccountId ?? '',
            subscriptionId: payload.subscriptionId ?? '',
            transactionId: payload.transactionId ?? '',
          }),
      } as unknown as JobHandlers)
      .start();
    const manage = new ManageWebhookSubscriptions(deps);
    const delivery = (merchantAccountId: string, subscriptionId: string, transactionId: string) => {
      const now = new Date();
      return {
        id: deps.ids.uuid(),
        subscriptionId,
        merchantAccountId,
        eventId: deps.ids.uuid(),
        eventName: 'transaction.authorized',
        transactionId,
        position: 1,
        body: JSON.stringify({ type: 'event', name: 'transaction.authorized', target: { id: transactionId } }),
        status: 'pending',
        attempts: [],
        nextAttemptAt: now,
        giveUpAt: new Date(now.getTime() + 3_600_000),
        createdAt: now,
        deliveredAt: null,
      } satisfies MerchantWebhookDelivery;
    };

    // The slow merchant at its 20-subscription cap, with two transactions: 40 sends that hang for the timeout.
    const slow: MerchantWebhookDelivery[] = [];
    for (let i = 0; i < 20; i++) {
      const subscription = await manage.create('slow', { url: `${hangingUrl}/hooks/${i}`, active: true });
      for (const transactionId of ['tx-a', 'tx-b']) slow.push(delivery('slow', subscription.id, transactionId));
    }
    await deps.deliveries.record(slow);
    await scheduleDueLanes(deps);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const subscription = await manage.create('healthy', { url: healthy.url, active: true });
    healthy.secrets = [subscription.secret];
    await deps.deliveries.record([delivery('healthy', subscription.id, 'tx-h')]);
    const started = Date.now();
    await scheduleDueLanes(deps);
    while (healthy.accepted.length === 0 && Date.now() - started < 4_000)
      await new Promise((resolve) => setTimeout(resolve, 20));

    expect(healthy.accepted).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  }, 15_000);
});
