import type { WebhookDelivery } from '../../connectors/payment-connector';
import { PaymentServiceNotFoundError } from '../../errors';
import { WEBHOOK_GATHER_MS } from '../timing-policy';
import { providerOrderOf } from '../transaction-state';
import { accountOf } from './payment-connection';
import type { PaymentDependencies } from './payment-dependencies';

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
    const orderOfCapture = async (captureId: string) => {
      const found = await deps.transactions.findByProviderCaptureId(paymentServiceId, captureId);
      return found ? providerOrderOf(found.state)?.orderId : undefined;
    };
    const order =
      event.providerOrderId ?? (event.providerCaptureId ? await orderOfCapture(event.providerCaptureId) : null);
    const stored = await deps.inbox.record({
      id: deps.ids.uuid(),
      paymentServiceId,
      merchantAccountId: service.merchantAccountId,
      eventId: event.eventId,
      eventType: event.type,
      providerOrderId: order ?? null,
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
