import { decide } from './buyer';
import { createCheckoutSession } from './checkout';
import type { SandboxCore } from './core';
import { ApiError, invalidRequest } from './errors';
import type { Order } from './model';
import { cancelOrder, capture, capturedAmount, findOrder, findPayment, refund, refundedAmount } from './order-ops';
import type { Partition } from './store';

/**
 * What happens at Smartpay behind the merchant's back, so that a reconciliation has something to find: each is the
 * real operation (same checks, same events), optionally with its webhook lost on the way.
 */
export interface DifferenceOptions {
  /** The webhook of this change never arrives (default false). */
  dropWebhook?: boolean;
}

function owned(core: SandboxCore, orderId: string): { partition: Partition; order: Order } {
  core.expireAuthorizations();
  const partition = core.store.ownerOf(orderId);
  if (!partition) throw new ApiError(404, 'order.not-found', `No order with id '${orderId}'`);
  return { partition, order: findOrder(partition, orderId) };
}

function positive(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) <= 0) throw invalidRequest([`${name}: must be a positive integer`]);
  return value as number;
}

const dropping = (core: SandboxCore, orderId: string, options: DifferenceOptions, events = 1) => {
  if (options.dropWebhook) core.dropWebhooks(orderId, events);
};

/** A capture made in Smartpay's dashboard (no reference): the whole remainder unless `amount` says less. */
export function captureBehind(core: SandboxCore, orderId: string, amount?: unknown, options: DifferenceOptions = {}) {
  const { partition, order } = owned(core, orderId);
  const remaining = order.amount - capturedAmount(partition, order);
  const value = positive(amount, 'amount') ?? remaining;
  dropping(core, orderId, options);
  return capture(core, partition, {
    order: orderId,
    amount: value,
    currency: 'JPY',
    cancelRemainder: value === remaining ? 'automatic' : 'manual',
  });
}

/** A refund made in Smartpay's dashboard, of the first payment with money left (all of it unless `amount`). */
export function refundBehind(core: SandboxCore, orderId: string, amount?: unknown, options: DifferenceOptions = {}) {
  const { partition, order } = owned(core, orderId);
  const payment = order.payments
    .map((id) => partition.payments.get(id))
    .find((p) => p !== undefined && p.amount > refundedAmount(partition, p));
  if (!payment) throw new ApiError(409, 'order.cannot-refund', `Order ${orderId} has no captured money left`);
  dropping(core, orderId, options);
  return refund(core, partition, {
    payment: payment.id,
    amount: positive(amount, 'amount'),
    currency: 'JPY',
    reason: 'requested_by_customer',
  });
}

/** A cancellation made in Smartpay's dashboard. */
export function cancelBehind(core: SandboxCore, orderId: string, options: DifferenceOptions = {}) {
  const { partition } = owned(core, orderId);
  dropping(core, orderId, options);
  return cancelOrder(core, partition, orderId);
}

/** The 7-day authorization lapses now: the order is canceled as Smartpay does on expiry. */
export function expireNow(core: SandboxCore, orderId: string, options: DifferenceOptions = {}): Order {
  const { partition, order } = owned(core, orderId);
  if (order.status !== 'requires_capture')
    throw new ApiError(409, 'order.cannot-expire', `Order ${orderId} holds no authorization: it is ${order.status}`);
  dropping(core, orderId, options);
  order.expiresAt = core.now();
  core.trackAuthorization(partition, order);
  core.expireAuthorizations();
  return order;
}

/** The order's amount changes at Smartpay (no event: Smartpay sends none for it). */
export function changeAmount(core: SandboxCore, orderId: string, amount: unknown): Order {
  const { order } = owned(core, orderId);
  const value = positive(amount, 'amount');
  if (value === undefined) throw invalidRequest(['amount: is required']);
  order.amount = value;
  order.updatedAt = core.now();
  return order;
}

/**
 * An order made with the merchant's key outside Kessai (another shop system, Smartpay's dashboard), approved by
 * its buyer unless `approve` is false.
 */
export function createUnseenOrder(core: SandboxCore, secretKey: unknown, amount: unknown, approve = true): Order {
  if (typeof secretKey !== 'string' || !/^sk_(test|live)_[0-9a-zA-Z]+$/.test(secretKey))
    throw invalidRequest(['secretKey: must be a Smartpay secret key']);
  const value = positive(amount, 'amount') ?? 1000;
  const partition = core.store.partition(secretKey, secretKey.startsWith('sk_live_') ? 'live' : 'test');
  const address = { line1: '1-1-1 Ginza', locality: 'Chuo-ku', postalCode: '104-0061', country: 'JP' as const };
  const { session, order } = createCheckoutSession(core, partition, {
    amount: value,
    currency: 'JPY',
    captureMethod: 'manual',
    items: [{ name: 'Made elsewhere', amount: value, currency: 'JPY', quantity: 1, kind: 'product' }],
    customerInfo: { emailAddress: 'elsewhere+test@example.jp' },
    shippingInfo: { address },
    successUrl: 'https://shop.example/success',
    cancelUrl: 'https://shop.example/cancel',
  });
  if (approve) decide(core, session.id, 'approve');
  return findOrder(partition, order.id);
}

/** Smartpay no longer shows a payment on its order (as after a restore from an older backup). */
export function forgetPayment(core: SandboxCore, paymentId: string): void {
  const partition = core.store.ownerOf(paymentId);
  if (!partition) throw new ApiError(404, 'payment.not-found', `No payment with id '${paymentId}'`);
  const order = findOrder(partition, findPayment(partition, paymentId).order);
  order.payments = order.payments.filter((id) => id !== paymentId);
}

/** Smartpay no longer has the order at all: reading it answers 404 `order.not-found`, lists skip it. */
export function forgetOrder(core: SandboxCore, orderId: string): void {
  const { partition } = owned(core, orderId);
  partition.orders.remove(orderId);
}

/** Smartpay no longer shows a refund on its payment. */
export function forgetRefund(core: SandboxCore, refundId: string): void {
  const partition = core.store.ownerOf(refundId);
  const refund = partition?.refunds.get(refundId);
  if (!partition || !refund) throw new ApiError(404, 'refund.not-found', `No refund with id '${refundId}'`);
  const payment = findPayment(partition, refund.payment);
  payment.refunds = payment.refunds.filter((id) => id !== refundId);
}
