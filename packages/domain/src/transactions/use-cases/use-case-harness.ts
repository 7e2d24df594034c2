import { ConnectorRegistry } from '../../connectors/connector-registry';
import {
  InMemoryIdempotencyStore,
  InMemoryJobScheduler,
  InMemoryOutbox,
  InMemoryPaymentServiceRepository,
  InMemoryTransactionRepository,
  InMemoryWebhookInbox,
} from '../../in-memory';
import { RandomIdGenerator } from '../../shared/random-id-generator';
import { ManualClock } from '../../shared/system-clock';
import { FakePaymentConnector } from '../../testing/fake-payment-connector';
import { newTransactionInput, smartpayService } from '../../testing/fixtures';
import { CreateTransaction } from './create-transaction';
import type { PaymentDependencies } from './payment-dependencies';
import { ProcessConnectorWebhook } from './process-connector-webhook';
import { ReceiveConnectorWebhook } from './receive-connector-webhook';

/** Use cases over in-memory adapters and the scripted fake connector, as their specs run them. */
export async function setup() {
  const connector = new FakePaymentConnector();
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
  const jobs = new InMemoryJobScheduler();
  const outbox = new InMemoryOutbox();
  const service = smartpayService();
  const inbox = new InMemoryWebhookInbox();
  const deps: PaymentDependencies = {
    transactions: new InMemoryTransactionRepository(outbox, new InMemoryIdempotencyStore(), inbox),
    paymentServices: new InMemoryPaymentServiceRepository(),
    connectors: new ConnectorRegistry([connector]),
    inbox,
    clock,
    ids: new RandomIdGenerator(),
    jobs,
  };
  await deps.paymentServices.add(service);
  const { id: _id, paymentServiceId: _ps, ...input } = newTransactionInput();
  const create = (overrides: Partial<typeof input> = {}) =>
    new CreateTransaction(deps).execute({ ...input, ...overrides });
  const webhook = async (eventId: string, orderId: string) => {
    const received = await new ReceiveConnectorWebhook(deps).execute(service.id, {
      headers: { 'x-fake-signature': 'valid' },
      rawBody: JSON.stringify({ eventId, type: 'order.authorized', orderId }),
    });
    if (received.recorded) await new ProcessConnectorWebhook(deps).execute(received.inboxId);
    return received;
  };
  const authorized = async (amount = 10_000) => {
    const tx = await create({ amount });
    connector.approve(tx.summary().providerOrderId ?? '');
    await webhook(`evt_${tx.id}`, tx.summary().providerOrderId ?? '');
    return tx;
  };
  const ids = { merchantAccountId: 'default' };
  return { deps, connector, clock, jobs, outbox, service, create, webhook, authorized, ids };
}

/** What the fake provider holds for an order: the truth the use cases must match. */
export const providerTotals = (connector: FakePaymentConnector, orderId: string) => {
  const order = connector.order(orderId);
  return {
    captured: order.payments.reduce((s, p) => s + p.amount, 0),
    refunded: order.refunds.reduce((s, r) => s + r.amount, 0),
  };
};
