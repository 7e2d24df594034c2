import type { ProviderClaim } from '@kessai/domain';
import { eventSchema, paymentSchema, refundSchema } from '../wire/schemas';

/**
 * The fact a stored Smartpay event states (its signature was checked when it was received): `order.authorized`,
 * a payment (a capture, `processed` or since `refunded`) with its amount, a refund that `succeeded`. The event's
 * object is read with the same schemas as Smartpay's answers. A failed refund, any other event, or a body that
 * does not read as one states nothing Kessai could already hold.
 */
export function smartpayClaimOf(eventType: string, rawBody: string): ProviderClaim | undefined {
  if (eventType === 'order.authorized') return { kind: 'order_authorized' };
  if (eventType === 'payment.created') {
    const payment = paymentSchema.safeParse(eventObjectOf(rawBody));
    if (!payment.success) return undefined;
    const { id, amount, status } = payment.data;
    return status === 'processed' || status === 'refunded'
      ? { kind: 'capture_made', providerCaptureId: id, amount }
      : undefined;
  }
  if (eventType === 'refund.created') {
    const refund = refundSchema.safeParse(eventObjectOf(rawBody));
    if (!refund.success || refund.data.status !== 'succeeded') return undefined;
    return { kind: 'refund_made', providerRefundId: refund.data.id, amount: refund.data.amount };
  }
  return undefined;
}

/** The object an event carries (`eventData.data`), or undefined when the body is not a Smartpay event. */
function eventObjectOf(rawBody: string): unknown {
  try {
    const event = eventSchema.safeParse(JSON.parse(rawBody));
    return event.success ? event.data.eventData.data : undefined;
  } catch {
    return undefined;
  }
}
