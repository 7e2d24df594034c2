import type { CheckoutSession, LineItem, Order, Payment, Refund } from './model';
import { capturedAmount, refundedAmount } from './order-ops';
import type { Partition } from './store';

/** `expand=all` replaces id references with objects (§2); anything else (or nothing) keeps the ids. */
export const wantsExpand = (query: URLSearchParams): boolean => query.get('expand') === 'all';

const present = <T>(items: readonly (T | undefined)[]): T[] => items.filter((item): item is T => item !== undefined);

export type ExpandedOrder = Omit<Order, 'lineItems' | 'payments'> & { lineItems: LineItem[]; payments: Payment[] };

export function expandOrder(partition: Partition, order: Order): ExpandedOrder {
  return {
    ...order,
    lineItems: present(order.lineItems.map((id) => partition.lineItems.get(id))),
    payments: present(order.payments.map((id) => partition.payments.get(id))),
  };
}

/** Two levels deep, as integrations read `session.order.payments[0].id` after `?expand=all` (§3.2, §8). */
export function expandSession(partition: Partition, session: CheckoutSession) {
  const order = partition.orders.get(session.order);
  return { ...session, order: order ? expandOrder(partition, order) : session.order };
}

export function expandPayment(partition: Partition, payment: Payment) {
  return {
    ...payment,
    order: partition.orders.get(payment.order) ?? payment.order,
    refunds: present(payment.refunds.map((id) => partition.refunds.get(id))),
  };
}

export function expandRefund(partition: Partition, refund: Refund) {
  return { ...refund, payment: partition.payments.get(refund.payment) ?? refund.payment };
}

/** Sums that reconciliation tests compare against (not part of Smartpay's API). */
export interface OrderTotals {
  amount: number;
  capturedAmount: number;
  refundedAmount: number;
  /** What a capture could still take (0 unless the order is requires_capture). */
  capturableAmount: number;
  /** Captured minus refunded. */
  refundableAmount: number;
  paymentCount: number;
  refundCount: number;
}

export function orderTotals(partition: Partition, order: Order): OrderTotals {
  const captured = capturedAmount(partition, order);
  let refunded = 0;
  let refundCount = 0;
  for (const id of order.payments) {
    const payment = partition.payments.get(id);
    if (!payment) continue;
    refunded += refundedAmount(partition, payment);
    refundCount += payment.refunds.length;
  }
  return {
    amount: order.amount,
    capturedAmount: captured,
    refundedAmount: refunded,
    capturableAmount: order.status === 'requires_capture' ? order.amount - captured : 0,
    refundableAmount: captured - refunded,
    paymentCount: order.payments.length,
    refundCount,
  };
}
