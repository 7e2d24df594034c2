import {
  ConnectorRegistry,
  CreateTransaction,
  ManualClock,
  type MerchantWebhookDependencies,
  type PaymentDependencies,
  RandomIdGenerator,
} from '@kessai/domain';
import {
  FakePaymentConnector,
  InMemoryJobScheduler,
  InMemoryOutbox,
  InMemoryPaymentServiceRepository,
  InMemoryTransactionRepository,
  InMemoryWebhookDeliveryRepository,
  InMemoryWebhookInbox,
  InMemoryWebhookSubscriptionRepository,
  newTransactionInput,
  smartpayService,
} from '@kessai/domain/testing';
import { jobHandlers } from './job-handlers';

/** The janitor's inbox duty: connector webhooks left unprocessed are processed, whatever lost them. */
describe('janitor: connector webhooks left unprocessed', () => {
  async function setup() {
    const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
    const connector = new FakePaymentConnector();
    const outbox = new InMemoryOutbox();
    const transactions = new InMemoryTransactionRepository(outbox);
    const jobs = new InMemoryJobScheduler();
    const ids = new RandomIdGenerator();
    const deps: PaymentDependencies = {
      transactions,
      paymentServices: new InMemoryPaymentServiceRepository(),
      connectors: new ConnectorRegistry([connector]),
      inbox: new InMemoryWebhookInbox(),
      clock,
      ids,
      jobs,
    };
    const subscriptions = new InMemoryWebhookSubscriptionRepository();
    const webhooks: MerchantWebhookDependencies = {
      outbox,
      subscriptions,
      deliveries: new InMemoryWebhookDeliveryRepository(subscriptions),
      transport: { post: async () => ({ kind: 'answered', status: 204, durationMs: 1 }) },
      targetPolicy: { assertAllowed: async () => undefined },
      targets: { render: async () => undefined },
      clock,
      ids,
      jobs,
      rotationGraceMs: 0,
      firstRetryMs: 5_000,
    };
    const service = smartpayService();
    await deps.paymentServices.add(service);
    const { id: _id, paymentServiceId: _ps, ...input } = newTransactionInput();
    const tx = await new CreateTransaction(deps).execute(input);
    connector.approve(tx.providerTransactionId ?? '');
    const reports: unknown[] = [];
    const janitor = jobHandlers(deps, webhooks, (_job, error) => reports.push(error)).janitor;
    // Stored as ReceiveConnectorWebhook stores it; its processing never ran (the process died in between).
    const message = await deps.inbox.record({
      id: ids.uuid(),
      paymentServiceId: service.id,
      merchantAccountId: service.merchantAccountId,
      eventId: 'evt_lost',
      eventType: 'order.authorized',
      providerTransactionId: tx.providerTransactionId,
      rawBody: '{}',
      receivedAt: clock.now(),
    });
    return { deps, clock, tx, janitor, message, reports };
  }

  it('leaves a fresh message to the process that received it', async () => {
    const { deps, clock, janitor, message, tx } = await setup();
    clock.advance(30_000);
    await janitor({});
    expect((await deps.inbox.get(message.id))?.processedAt).toBeNull();
    expect((await deps.transactions.get('default', tx.id))?.status).toBe('buyer_approval_pending');
  });

  it('processes a message nobody tried for a minute, and the transaction follows the provider', async () => {
    const { deps, clock, janitor, message, tx } = await setup();
    clock.advance(61_000);
    await janitor({});
    expect((await deps.inbox.get(message.id))?.processedAt).not.toBeNull();
    expect((await deps.transactions.get('default', tx.id))?.status).toBe('authorization_succeeded');
  });
});
