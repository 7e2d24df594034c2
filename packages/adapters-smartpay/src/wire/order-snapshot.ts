import type { ProviderOrderSummary, ProviderPayment, ProviderRefund, ProviderSnapshot } from '@kessai/domain';
import { idOf, type SmartpayOrder, type SmartpayPayment, type SmartpayRefund } from './schemas';
import { mapOrderStatus } from './status-map';

/**
 * An order fetched with `expand=all` (payments as objects) and the refunds of its payments → the domain's
 * provider snapshot. Payments carry the reference Kessai sent (its capture id); refunds likewise (its refund id).
 */
export function orderSnapshot(
  order: SmartpayOrder,
  payments: SmartpayPayment[],
  refunds: SmartpayRefund[],
): ProviderSnapshot {
  return {
    providerOrderId: order.id,
    status: mapOrderStatus(order.status),
    rawStatus: order.status,
    amount: order.amount,
    currency: order.currency,
    payments: payments
      .slice()
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(
        (payment): ProviderPayment => ({
          providerPaymentId: payment.id,
          amount: payment.amount,
          reference: payment.reference ?? null,
          createdAt: new Date(payment.createdAt),
        }),
      ),
    refunds: refunds.map(
      (refund): ProviderRefund => ({
        providerRefundId: refund.id,
        providerPaymentId: idOf(refund.payment),
        amount: refund.amount,
        reference: refund.reference ?? null,
        status: refund.status === 'succeeded' ? 'succeeded' : 'failed',
        createdAt: new Date(refund.createdAt),
      }),
    ),
    authorizationExpiresAt: order.expiresAt ? new Date(order.expiresAt) : null,
  };
}

/** An order as the order list shows it → the domain's order summary (payments and refunds are read per order). */
export function orderSummary(order: SmartpayOrder): ProviderOrderSummary {
  return {
    providerOrderId: order.id,
    status: mapOrderStatus(order.status),
    rawStatus: order.status,
    amount: order.amount,
    currency: order.currency,
    reference: order.reference ?? null,
    createdAt: new Date(order.createdAt),
  };
}
