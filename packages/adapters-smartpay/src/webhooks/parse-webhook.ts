import { type ProviderEvent, type WebhookDelivery, WebhookVerificationError } from '@kessai/domain';
import { eventSchema, idOf } from '../wire/schemas';
import { signatureMatches } from './signature';

const header = (delivery: WebhookDelivery, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(delivery.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
};

/**
 * Verifies a Smartpay webhook (signature over `timestamp.rawBody`, timestamp within `toleranceMs` of now) and
 * reduces it to a hint: which order to reconcile. `refund.created` names only the payment it refunds, so it
 * carries that payment's id instead (Kessai finds the order through its capture).
 */
export function parseSmartpayWebhook(
  signingSecret: string,
  delivery: WebhookDelivery,
  now: Date,
  toleranceMs: number,
): ProviderEvent {
  const signature = header(delivery, 'smartpay-signature');
  const timestamp = header(delivery, 'smartpay-signature-timestamp');
  if (!signature || !timestamp)
    throw new WebhookVerificationError('missing Smartpay-Signature or Smartpay-Signature-Timestamp header');
  if (!/^\d{10,16}$/.test(timestamp))
    throw new WebhookVerificationError('Smartpay-Signature-Timestamp is not a millisecond timestamp');
  if (Math.abs(now.getTime() - Number(timestamp)) > toleranceMs) {
    throw new WebhookVerificationError('webhook timestamp is outside the accepted tolerance (replayed or clock skew)');
  }
  let valid = false;
  try {
    valid = signatureMatches(signingSecret, timestamp, delivery.rawBody, signature);
  } catch {
    valid = false;
  }
  if (!valid) throw new WebhookVerificationError('Smartpay-Signature does not match the body');
  let json: unknown;
  try {
    json = JSON.parse(delivery.rawBody);
  } catch {
    throw new WebhookVerificationError('webhook body is not JSON');
  }
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) throw new WebhookVerificationError('webhook body is not a Smartpay event');
  const event = parsed.data;
  const { type, data } = event.eventData;
  let orderId: string | null = null;
  let paymentId: string | null = null;
  if (type.startsWith('order.')) orderId = data.id;
  else if (type === 'payment.created' && data.order) orderId = idOf(data.order);
  else if (type === 'refund.created' && data.payment) paymentId = idOf(data.payment);
  // The id in the signed body, not the (unsigned) Smartpay-Event-Id header, is the dedup key.
  return {
    eventId: event.id,
    type,
    providerOrderId: orderId,
    providerCaptureId: paymentId,
    occurredAt: new Date(event.createdAt),
  };
}
