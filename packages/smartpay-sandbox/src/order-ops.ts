import type { SandboxCore } from './core';
import { ApiError, notFound } from './errors';
import type { Order, Payment, Refund } from './model';
import type { Partition } from './store';
import type { AnnotationUpdate, PaymentCreate, RefundCreate } from './validation';

export function capturedAmount(partition: Partition, order: Order): number {
  return order.payments.reduce((sum, id) => sum + (partition.payments.get(id)?.amount ?? 0), 0);
}

export function refundedAmount(partition: Partition, payment: Payment): number {
  return payment.refunds.reduce((sum, id) => sum + (partition.refunds.get(id)?.amount ?? 0), 0);
}

export function findOrder(partition: Partition, id: string): Order {
  const order = partition.orders.get(id);
  if (!order) throw notFound('order', id);
  return order;
}

export function findPayment(partition: Partition, id: string): Payment {
  const payment = partition.payments.get(id);
  if (!payment) throw notFound('payment', id);
  return payment;
}

type PaymentFields = Pick<PaymentCreate, 'amount' | 'reference' | 'description' | 'metadata' | 'lineItems'>;

/** Records a payment on `order` (no checks, no event: callers decide both). */
export function createPayment(core: SandboxCore, partition: Partition, order: Order, fields: PaymentFields): Payment {
  const now = core.now();
  const payment: Payment = {
    id: core.ids.next('payment', partition.mode),
    object: 'payment',
    test: partition.test,
    createdAt: now,
    updatedAt: now,
    status: 'processed',
    amount: fields.amount,
    currency: 'JPY',
    order: order.id,
    reference: fields.reference,
    description: fields.description,
    lineItems: fields.lineItems ?? [],
    refunds: [],
    metadata: fields.metadata ?? {},
  };
  partition.payments.add(payment);
  core.store.index(payment.id, partition);
  order.payments.push(payment.id);
  order.updatedAt = now;
  return payment;
}

/**
 * POST /payments (§3.4). `cancelRemainder: automatic` ends the order (succeeded, remainder released);
 * `manual` keeps it capturable until the captures add up to the order amount.
 */
export function capture(core: SandboxCore, partition: Partition, input: PaymentCreate): Payment {
  const order = findOrder(partition, input.order);
  if (order.status !== 'requires_capture') {
    throw new ApiError(409, 'order.cannot-capture', `Order ${order.id} cannot be captured: it is ${order.status}`);
  }
  const remaining = order.amount - capturedAmount(partition, order);
  if (input.amount > remaining) {
    throw new ApiError(
      409,
      'payment.excessive-amount',
      `Amount ${input.amount} exceeds the capturable remainder ${remaining} of order ${order.id}`,
    );
  }
  const payment = createPayment(core, partition, order, input);
  if (input.cancelRemainder === 'automatic' || input.amount === remaining) {
    order.status = 'succeeded';
    core.untrackAuthorization(order.id);
  }
  core.emit(partition, 'payment.created', payment);
  return payment;
}

/**
 * PUT /orders/{id}/cancellation (§3.5): only from requires_capture; cancelling a canceled order is a no-op
 * success. A partially captured order becomes `canceled` too, keeping its payments (captured money stays
 * captured and must be refunded separately).
 */
export function cancelOrder(core: SandboxCore, partition: Partition, id: string): Order {
  const order = findOrder(partition, id);
  if (order.status === 'canceled') return order;
  if (order.status !== 'requires_capture') {
    throw new ApiError(409, 'order.cannot-cancel', `Order ${order.id} cannot be canceled: it is ${order.status}`);
  }
  order.status = 'canceled';
  order.updatedAt = core.now();
  core.untrackAuthorization(order.id);
  core.emit(partition, 'order.canceled', order);
  return order;
}

/** POST /refunds (§3.6): per payment, never beyond its unrefunded remainder (403 amount.insufficient). */
export function refund(core: SandboxCore, partition: Partition, input: RefundCreate): Refund {
  const payment = findPayment(partition, input.payment);
  const refundable = payment.amount - refundedAmount(partition, payment);
  // An omitted amount refunds the whole remainder (go SDK's reading of the spec).
  const amount = input.amount ?? refundable;
  if (amount > refundable || amount <= 0) {
    throw new ApiError(
      403,
      'amount.insufficient',
      `Amount ${amount} exceeds the refundable remainder ${refundable} of payment ${payment.id}`,
    );
  }
  const now = core.now();
  const created: Refund = {
    id: core.ids.next('refund', partition.mode),
    object: 'refund',
    test: partition.test,
    createdAt: now,
    updatedAt: now,
    status: 'succeeded',
    amount,
    currency: 'JPY',
    payment: payment.id,
    reason: input.reason,
    reference: input.reference,
    description: input.description,
    lineItems: input.lineItems ?? [],
    metadata: input.metadata ?? {},
  };
  partition.refunds.add(created);
  core.store.index(created.id, partition);
  payment.refunds.push(created.id);
  if (amount === refundable) payment.status = 'refunded';
  payment.updatedAt = now;
  core.emit(partition, 'refund.created', created);
  return created;
}

export function annotate<T extends Payment | Refund>(core: SandboxCore, target: T, update: AnnotationUpdate): T {
  if (update.reference !== undefined) target.reference = update.reference;
  if (update.description !== undefined) target.description = update.description;
  if (update.metadata !== undefined) target.metadata = update.metadata;
  target.updatedAt = core.now();
  return target;
}
