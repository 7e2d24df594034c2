import { type BuyerDecision, type BuyerOutcome, decide } from './buyer';
import type { SandboxCore } from './core';
import {
  cancelBehind,
  captureBehind,
  changeAmount,
  createUnseenOrder,
  type DifferenceOptions,
  expireNow,
  forgetOrder,
  forgetPayment,
  forgetRefund,
  refundBehind,
} from './differences';
import { ApiError } from './errors';
import type { FaultRule, FaultRuleInput } from './faults';
import type { CheckoutSession, Mode, Order, Payment, Refund, SmartpayEvent, WebhookEndpoint } from './model';
import { type ExpandedOrder, expandOrder, type OrderTotals, orderTotals } from './present';
import type { Partition } from './store';
import type { WebhookAttempt } from './webhooks/dispatcher';

export interface ClockState {
  now: number;
  offsetMs: number;
}

export interface MerchantState {
  secretKey: string;
  mode: Mode;
  checkoutSessions: CheckoutSession[];
  orders: Array<Order & { totals: OrderTotals }>;
  payments: Payment[];
  refunds: Refund[];
  webhookEndpoints: WebhookEndpoint[];
  events: SmartpayEvent[];
}

export interface SandboxState extends ClockState {
  merchants: MerchantState[];
  faults: FaultRule[];
  webhookDeliveries: WebhookAttempt[];
}

export interface OrderInspection {
  secretKey: string;
  mode: Mode;
  order: ExpandedOrder;
  refunds: Refund[];
  totals: OrderTotals;
}

/** The in-process twin of the /_sandbox control API. Every method returns snapshots, never live state. */
export interface SandboxControl {
  /** Act as the buyer on the hosted page. Throws ApiError 404 / 409 (already decided) / 410 (expired). */
  approve(checkoutSessionId: string): BuyerOutcome;
  softDecline(checkoutSessionId: string): BuyerOutcome;
  hardDecline(checkoutSessionId: string): BuyerOutcome;
  cancel(checkoutSessionId: string): BuyerOutcome;
  now(): number;
  clock(): ClockState;
  /** Moves the sandbox clock forward and applies what became due (7-day authorization expiry). */
  advanceClock(ms: number): ClockState;
  state(filter?: { secretKey?: string }): SandboxState;
  /** An order (any merchant) with its payments, refunds and sums. Throws ApiError 404. */
  order(orderId: string): OrderInspection;
  /** Behind the merchant's back (differences.ts): each a real operation, its webhook lost when asked. */
  captureBehind(orderId: string, amount?: unknown, options?: DifferenceOptions): Payment;
  refundBehind(orderId: string, amount?: unknown, options?: DifferenceOptions): Refund;
  cancelBehind(orderId: string, options?: DifferenceOptions): Order;
  expireNow(orderId: string, options?: DifferenceOptions): Order;
  changeAmount(orderId: string, amount: unknown): Order;
  /** The next `times` webhooks about the order never arrive. */
  dropWebhooks(orderId: string, times?: number): void;
  createUnseenOrder(secretKey: unknown, amount?: unknown, approve?: boolean): Order;
  /** Smartpay stops showing a payment or a refund that it made (Kessai keeps it). */
  forgetPayment(paymentId: string): void;
  forgetRefund(refundId: string): void;
  /** Smartpay stops showing an order it made (Kessai keeps its transaction). */
  forgetOrder(orderId: string): void;
  /** Forgets every object, fault, delivery and idempotency key; clock offset back to 0; PRNGs re-seeded. */
  reset(): void;
  addFault(rule: FaultRuleInput): FaultRule;
  faults(): FaultRule[];
  removeFault(faultId: string): boolean;
  clearFaults(): void;
  webhookDeliveries(): WebhookAttempt[];
  /** Sends deliveries held by `reorder` faults; returns how many. */
  releaseHeldWebhooks(): number;
  /** Resolves when no webhook delivery is scheduled or in flight; rejects after timeoutMs (default 5000). */
  waitForWebhooks(timeoutMs?: number): Promise<void>;
}

const snapshot = <T>(value: T): T => structuredClone(value);

export function createControl(core: SandboxCore): SandboxControl {
  const buyer = (id: string, decision: BuyerDecision): BuyerOutcome => {
    core.expireAuthorizations();
    return snapshot(decide(core, id, decision));
  };
  const clockState = (): ClockState => ({ now: core.now(), offsetMs: core.clock.offsetMs });
  return {
    approve: (id) => buyer(id, 'approve'),
    softDecline: (id) => buyer(id, 'soft-decline'),
    hardDecline: (id) => buyer(id, 'hard-decline'),
    cancel: (id) => buyer(id, 'cancel'),
    now: () => core.now(),
    clock: clockState,
    advanceClock(ms) {
      if (!Number.isInteger(ms) || ms < 0) {
        throw new ApiError(400, 'request.invalid', 'Invalid clock advance', ['ms: must be a non-negative integer']);
      }
      core.clock.advance(ms);
      core.expireAuthorizations();
      return clockState();
    },
    state(filter) {
      core.expireAuthorizations();
      const merchants = core.store
        .all()
        .filter((p) => filter?.secretKey === undefined || p.secretKey === filter.secretKey)
        .map(merchantState);
      return snapshot({
        ...clockState(),
        merchants,
        faults: core.faults.list(),
        webhookDeliveries: core.webhooks.attemptLog(),
      });
    },
    order(orderId) {
      core.expireAuthorizations();
      const partition = core.store.ownerOf(orderId);
      const order = partition?.orders.get(orderId);
      if (!partition || !order) throw new ApiError(404, 'order.not-found', `No order with id '${orderId}'`);
      const refunds = order.payments.flatMap((id) => partition.payments.get(id)?.refunds ?? []);
      return snapshot({
        secretKey: partition.secretKey,
        mode: partition.mode,
        order: expandOrder(partition, order),
        refunds: refunds.map((id) => partition.refunds.get(id)).filter((r): r is Refund => r !== undefined),
        totals: orderTotals(partition, order),
      });
    },
    captureBehind: (orderId, amount, options) => snapshot(captureBehind(core, orderId, amount, options)),
    refundBehind: (orderId, amount, options) => snapshot(refundBehind(core, orderId, amount, options)),
    cancelBehind: (orderId, options) => snapshot(cancelBehind(core, orderId, options)),
    expireNow: (orderId, options) => snapshot(expireNow(core, orderId, options)),
    changeAmount: (orderId, amount) => snapshot(changeAmount(core, orderId, amount)),
    dropWebhooks(orderId, times = 1) {
      if (!Number.isInteger(times) || times < 1) {
        throw new ApiError(400, 'request.invalid', 'Invalid drop count', ['times: must be a positive integer']);
      }
      core.dropWebhooks(orderId, times);
    },
    createUnseenOrder: (secretKey, amount, approve) => snapshot(createUnseenOrder(core, secretKey, amount, approve)),
    forgetPayment: (paymentId) => forgetPayment(core, paymentId),
    forgetRefund: (refundId) => forgetRefund(core, refundId),
    forgetOrder: (orderId) => forgetOrder(core, orderId),
    reset: () => core.reset(),
    addFault: (rule) => core.faults.add(rule),
    faults: () => core.faults.list(),
    removeFault: (id) => core.faults.remove(id),
    clearFaults: () => core.faults.clear(),
    webhookDeliveries: () => core.webhooks.attemptLog(),
    releaseHeldWebhooks: () => core.webhooks.releaseHeld(),
    waitForWebhooks: (timeoutMs = 5000) => core.webhooks.idle(timeoutMs),
  };
}

function merchantState(partition: Partition): MerchantState {
  return {
    secretKey: partition.secretKey,
    mode: partition.mode,
    checkoutSessions: partition.checkoutSessions.live(),
    orders: partition.orders.live().map((order) => ({ ...order, totals: orderTotals(partition, order) })),
    payments: partition.payments.live(),
    refunds: partition.refunds.live(),
    webhookEndpoints: partition.webhookEndpoints.live(),
    events: partition.events.live(),
  };
}
