import type { ProviderClaim } from '@kessai/domain';
import { z } from 'zod';

const body = z.looseObject({
  eventData: z.looseObject({
    data: z.looseObject({ id: z.string().min(1), amount: z.number().int().optional(), status: z.string().optional() }),
  }),
});

/**
 * The fact a stored Smartpay event states (its signature was checked when it was received): `order.authorized`,
 * a payment (a capture, `processed` or since `refunded`) with its amount, a refund that `succeeded`. A failed
 * refund, any other event, or a body that does not read as one states nothing Kessai could already hold.
 */
export function smartpayClaimOf(eventType: string, rawBody: string): ProviderClaim | undefined {
  if (eventType === 'order.authorized') return { kind: 'order_authorized' };
  if (eventType !== 'payment.created' && eventType !== 'refund.created') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return undefined;
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) return undefined;
  const { id, amount, status } = parsed.data.eventData.data;
  if (amount === undefined) return undefined;
  if (eventType === 'payment.created')
    return status === 'processed' || status === 'refunded'
      ? { kind: 'capture_made', providerCaptureId: id, amount }
      : undefined;
  return status === 'succeeded' ? { kind: 'refund_made', providerRefundId: id, amount } : undefined;
}
