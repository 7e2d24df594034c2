import {
  ConnectorRegistry,
  CreateTransaction,
  ExpireStaleApprovals,
  FanOutWebhookEvents,
  ManualClock,
  MerchantSendSlots,
  type MerchantWebhookDependencies,
  type PaymentDependencies,
  ProcessConnectorWebhook,
  RandomIdGenerator,
  ResolveUnknownOutcomes,
  scheduleDueLanes,
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
import { Janitor, type JanitorInputs } from './janitor';

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
      sendSlots: new MerchantSendSlots(),
      rotationGraceMs: 0,
      firstRetryMs: 5_000,
    };
    const service = smartpayService();
    await deps.paymentServices.add(service);
    const { id: _id, paymentServiceId: _ps, ...input } = newTransactionInput();
    const tx = await new CreateTransaction(deps).execute(input);
    connector.approve(tx.summary().providerOrderId ?? '');
    const reports: unknown[] = [];
    const inputs: JanitorInputs = {
      fanOutEvents: new FanOutWebhookEvents(webhooks),
      scheduleDueLanes: () => scheduleDueLanes(webhooks),
      expireApprovals: new ExpireStaleApprovals(deps),
      resolveUnknownOutcomes: new ResolveUnknownOutcomes(deps),
      processWebhook: new ProcessConnectorWebhook(deps),
      scheduleReconciliation: { execute: async () => 0 },
      inbox: deps.inbox,
      clock,
      report: (error) => reports.push(error),
    };
    const janitor = new Janitor(inputs);
    // Stored as ReceiveConnectorWebhook stores it; its processing never ran (the process died in between).
    const message = await deps.inbox.record({
      id: ids.uuid(),
      paymentServiceId: service.id,
      merchantAccountId: service.merchantAccountId,
      eventId: 'evt_lost',
      eventType: 'order.authorized',
      providerOrderId: tx.summary().providerOrderId,
      rawBody: '{}',
      receivedAt: clock.now(),
    });
    return { deps, clock, tx, janitor, inputs, message, reports };
  }

  it('leaves a fresh message to the process that received it', async () => {
    const { deps, clock, janitor, message, tx } = await setup();
    clock.advance(30_000);
    await janitor.run();
    expect((await deps.inbox.get(message.id))?.processedAt).toBeNull();
    expect((await deps.transactions.get('default', tx.id))?.status).toBe('buyer_approval_pending');
  });

  it('processes a message nobody tried for a minute, and the transaction follows the provider', async () => {
    const { deps, clock, janitor, message, tx } = await setup();
    clock.advance(61_000);
    await janitor.run();
    expect((await deps.inbox.get(message.id))?.processedAt).not.toBeNull();
    expect((await deps.transactions.get('default', tx.id))?.status).toBe('authorization_succeeded');
  });
});

describe('janitor: its duties', () => {
  it('reports a failing duty and still runs every other one', async () => {
    const ran: string[] = [];
    const duty =
      (name: string, fails = false) =>
      async () => {
        ran.push(name);
        if (fails) throw new Error(`${name} failed`);
        return 0;
      };
    const reports: unknown[] = [];
    const janitor = new Janitor({
      fanOutEvents: { execute: duty('fan out') },
      scheduleDueLanes: duty('lanes', true),
      expireApprovals: { execute: duty('expire') },
      resolveUnknownOutcomes: { execute: duty('resolve', true) },
      processWebhook: { execute: duty('process') },
      scheduleReconciliation: { execute: duty('reconciliation') },
      inbox: { pending: async () => [] },
      clock: new ManualClock(new Date('2026-03-01T10:00:00.000Z')),
      report: (error) => reports.push(error),
    });
    await janitor.run();
    expect(ran).toEqual(['fan out', 'lanes', 'expire', 'resolve', 'reconciliation']);
    expect(reports.map((error) => (error as Error).message)).toEqual(['lanes failed', 'resolve failed']);
  });
});
