import type { WebhookDelivery } from '../connector/payment-connector';
import { PaymentServiceNotFoundError } from '../errors';
import { accountOf } from './connector-registry';
import type { PaymentDependencies } from './dependencies';
import { SyncTransaction } from './sync-transaction';

/** How long the processing of an order's webhook waits for more events about the same order. */
export const WEBHOOK_GATHER_MS = 250;

export interface ReceivedWebhook {
  inboxId: string;
  /** False for a repeated delivery of an event already stored. */
  recorded: boolean;
}

/**
 * Step one of a provider webhook: verify it with the connection's secret, store it in the inbox (deduplicated by
 * event id), and queue its processing. Nothing else happens before the provider gets its 200.
 * Throws `PaymentServiceNotFoundError` (unknown connection) or `WebhookVerificationError` (bad signature).
 */
export class ReceiveConnectorWebhook {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(paymentServiceId: string, delivery: WebhookDelivery): Promise<ReceivedWebhook> {
    const { deps } = this;
    const service = await deps.paymentServices.findById(paymentServiceId);
    if (!service) throw new PaymentServiceNotFoundError(`payment service ${paymentServiceId} was not found`);
    const now = deps.clock.now();
    const event = deps.connectors.get(service.connector).parseWebhook(accountOf(service), delivery, now);
    // An event naming only a capture (a refund of it) is filed under that capture's order, like the others.
    const orderOfCapture = async (captureId: string) =>
      (await deps.transactions.findByProviderCaptureId(paymentServiceId, captureId))?.toData().providerTransactionId;
    const order =
      event.providerTransactionId ?? (event.providerCaptureId ? await orderOfCapture(event.providerCaptureId) : null);
    const stored = await deps.inbox.record({
      id: deps.ids.uuid(),
      paymentServiceId,
      merchantAccountId: service.merchantAccountId,
      eventId: event.eventId,
      eventType: event.type,
      providerTransactionId: order ?? null,
      rawBody: delivery.rawBody,
      receivedAt: now,
    });
    if (stored.recorded) {
      // Events about one order are processed together: each processing is a provider read and a unit of work,
      // and one read after the last of a burst answers them all (`markProcessedFor`). The short wait lets a burst
      // (authorized, then the payment a moment later) gather under one job key.
      await deps.jobs.schedule({
        name: 'process-webhook',
        payload: { inboxId: stored.id },
        runAt: order ? new Date(now.getTime() + WEBHOOK_GATHER_MS) : now,
        key: order ? `process-webhook:${paymentServiceId}:${order}` : `process-webhook:${stored.id}`,
      });
    }
    return { inboxId: stored.id, recorded: stored.recorded };
  }
}

/**
 * Step two: treat the stored event as a hint and reconcile the transaction from the provider (events arrive out
 * of order and may repeat; the provider's current state does not).
 */
export class ProcessConnectorWebhook {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(inboxId: string): Promise<'processed' | 'ignored' | 'already_processed'> {
    const { deps } = this;
    const message = await deps.inbox.get(inboxId);
    if (!message) return 'ignored';
    if (message.processedAt) return 'already_processed';
    try {
      const transaction = message.providerTransactionId
        ? await deps.transactions.findByProviderTransactionId(message.paymentServiceId, message.providerTransactionId)
        : undefined;
      if (!transaction || !message.providerTransactionId) {
        await deps.inbox.markProcessed(inboxId, deps.clock.now());
        return 'ignored';
      }
      const syncStarted = deps.clock.now();
      await new SyncTransaction(deps).execute({
        merchantAccountId: transaction.merchantAccountId,
        transactionId: transaction.id,
        source: 'webhook',
        loaded: transaction,
      });
      // This sync read the provider's state after every event received so far about the order: they are answered.
      await deps.inbox.markProcessedFor(
        inboxId,
        message.paymentServiceId,
        message.providerTransactionId,
        syncStarted,
        deps.clock.now(),
      );
      return 'processed';
    } catch (error) {
      await deps.inbox.markFailed(inboxId, error instanceof Error ? error.message : String(error), deps.clock.now());
      throw error;
    }
  }
}
