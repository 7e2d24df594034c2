import { randomUUID } from 'node:crypto';
import { type CapabilityProfile, SMARTPAY_CAPABILITIES } from '../connectors/capability-profile';
import {
  type ConnectorOutcome,
  declined,
  failed,
  orderNotFound,
  succeeded,
  unknownOutcome,
} from '../connectors/outcome';
import type {
  ApprovalStarted,
  CaptureRequest,
  ConnectorAccount,
  OrderPageRequest,
  PaymentConnector,
  RefundRequest,
  VoidRequest,
  WebhookDelivery,
} from '../connectors/payment-connector';
import { WebhookVerificationError } from '../connectors/payment-connector';
import type { ProviderClaim } from '../connectors/provider-claim';
import type {
  ProviderEvent,
  ProviderOrderPage,
  ProviderPayment,
  ProviderRefund,
  ProviderSnapshot,
} from '../connectors/provider-snapshot';
import { approvalDeadline } from '../transactions/timing-policy';
import type { TransactionDetails } from '../transactions/transaction-state';

type Operation = 'createApproval' | 'capture' | 'void' | 'refund' | 'fetchStatus' | 'listOrders';

/**
 * What the next call of an operation does, in the spirit of Kill Bill's fault-injecting mock gateway:
 * `succeed` (the default: apply and answer), `decline`, `fail`, `unknown` (nothing happens, the caller hears
 * nothing), `unknown-after-applying` (the provider acts but the answer is lost), a delay before a step, or, for a
 * refund, `partlyMade` (one part of that many yen is made, then the answer is lost: a split cut short).
 */
export type ScriptedStep =
  | 'succeed'
  | 'decline'
  | 'fail'
  | 'unknown'
  | 'unknown-after-applying'
  | { delayMs: number; then?: ScriptedStep }
  | { partlyMade: number };

export interface FakeOrder {
  id: string;
  amount: number;
  currency: string;
  status: ProviderSnapshot['status'];
  payments: ProviderPayment[];
  refunds: ProviderRefund[];
  createdAt: Date;
}

/** An in-process provider with Smartpay's rules (no over-capture, no over-refund, idempotency keys). */
export class FakePaymentConnector implements PaymentConnector {
  readonly orders = new Map<string, FakeOrder>();
  readonly calls: Array<{ operation: Operation; request: unknown }> = [];
  private readonly script = new Map<Operation, ScriptedStep[]>();
  private readonly remembered = new Map<string, ConnectorOutcome<unknown>>();

  constructor(readonly capabilities: CapabilityProfile = SMARTPAY_CAPABILITIES) {}

  /** Queue what the next calls of `operation` do. */
  next(operation: Operation, ...steps: ScriptedStep[]): this {
    this.script.set(operation, [...(this.script.get(operation) ?? []), ...steps]);
    return this;
  }

  /** The buyer approves on the hosted page (automatic-capture orders take their payment at once). */
  approve(orderId: string, automaticCapture = false): void {
    const order = this.order(orderId);
    order.status = automaticCapture ? 'completed' : 'authorized';
    if (automaticCapture) order.payments.push(payment(order.amount, null));
  }
  decline(orderId: string): void {
    this.order(orderId).status = 'declined';
  }

  async createApproval(
    _account: ConnectorAccount,
    transaction: TransactionDetails,
  ): Promise<ConnectorOutcome<ApprovalStarted>> {
    return this.perform('createApproval', transaction, undefined, () => {
      const id = `order_test_${randomUUID().replace(/-/g, '').slice(0, 22)}`;
      this.orders.set(id, {
        id,
        amount: transaction.amount,
        currency: transaction.currency,
        status: 'pending_approval',
        payments: [],
        refunds: [],
        createdAt: transaction.createdAt,
      });
      return succeeded({
        approvalUrl: `https://checkout.fake/${id}`,
        approvalExpiresAt: approvalDeadline(transaction.createdAt, this.capabilities),
        providerSessionId: `checkout_test_${id.slice(11)}`,
        providerOrderId: id,
      });
    });
  }

  async capture(
    _account: ConnectorAccount,
    request: CaptureRequest,
  ): Promise<ConnectorOutcome<{ providerCaptureId: string }>> {
    return this.perform('capture', request, request.idempotencyKey, () => {
      const order = this.orders.get(request.providerOrderId);
      if (!order) return failed('order.not-found', 'no such order');
      if (order.status !== 'authorized') return declined('order.cannot-capture', `order is ${order.status}`);
      const captured = order.payments.reduce((sum, p) => sum + p.amount, 0);
      if (captured + request.amount > order.amount)
        return declined('payment.excessive-amount', 'exceeds the remainder');
      const made = payment(request.amount, request.captureId);
      order.payments.push(made);
      if (request.final || captured + request.amount === order.amount) order.status = 'completed';
      return succeeded({ providerCaptureId: made.providerPaymentId });
    });
  }

  async void(_account: ConnectorAccount, request: VoidRequest): Promise<ConnectorOutcome<Record<string, never>>> {
    return this.perform('void', request, request.idempotencyKey, () => {
      const order = this.orders.get(request.providerOrderId);
      if (!order) return failed('order.not-found', 'no such order');
      if (order.status !== 'authorized' && order.status !== 'canceled')
        return declined('order.cannot-cancel', `order is ${order.status}`);
      order.status = 'canceled';
      return succeeded({});
    });
  }

  async refund(
    _account: ConnectorAccount,
    request: RefundRequest,
  ): Promise<ConnectorOutcome<{ providerRefundIds: string[] }>> {
    const upcoming = this.script.get('refund')?.[0];
    if (typeof upcoming === 'object' && 'partlyMade' in upcoming) {
      this.script.get('refund')?.shift();
      this.calls.push({ operation: 'refund', request });
      this.makeRefundPart(request, upcoming.partlyMade);
      return unknownOutcome('refund: split cut short after one part (scripted)');
    }
    // Like the port asks: parts already made under this refund id count, only the rest is sent.
    return this.perform('refund', request, request.idempotencyKey, () => this.makeRefundPart(request, request.amount));
  }

  private makeRefundPart(request: RefundRequest, upTo: number): ConnectorOutcome<{ providerRefundIds: string[] }> {
    const order = this.orders.get(request.providerOrderId);
    if (!order) return failed('order.not-found', 'no such order');
    const earlier = order.refunds.filter((r) => r.reference === request.refundId && r.status === 'succeeded');
    const rest = request.amount - earlier.reduce((sum, r) => sum + r.amount, 0);
    const ids = earlier.map((r) => r.providerRefundId);
    if (rest <= 0) return succeeded({ providerRefundIds: ids });
    const captured = order.payments.reduce((sum, p) => sum + p.amount, 0);
    const refunded = order.refunds.reduce((sum, r) => sum + r.amount, 0);
    const amount = Math.min(rest, upTo);
    if (refunded + amount > captured) return declined('amount.insufficient', 'exceeds the unrefunded amount');
    const made: ProviderRefund = {
      providerRefundId: `refund_test_${randomUUID().slice(0, 8)}`,
      providerPaymentId: order.payments[0]?.providerPaymentId ?? '',
      amount,
      reference: request.refundId,
      status: 'succeeded',
      createdAt: new Date(),
    };
    order.refunds.push(made);
    return succeeded({ providerRefundIds: [...ids, made.providerRefundId] });
  }

  async fetchStatus(_account: ConnectorAccount, providerOrderId: string): Promise<ConnectorOutcome<ProviderSnapshot>> {
    return this.perform('fetchStatus', providerOrderId, undefined, () => {
      const order = this.orders.get(providerOrderId);
      if (!order) return orderNotFound(`no order ${providerOrderId}`);
      return succeeded(this.snapshotOf(order));
    });
  }

  /** Newest first; a page token is the index to continue from. */
  async listOrders(_account: ConnectorAccount, page: OrderPageRequest): Promise<ConnectorOutcome<ProviderOrderPage>> {
    return this.perform('listOrders', page, undefined, () => {
      const newestFirst = [...this.orders.values()].reverse();
      const from = page.pageToken === null ? 0 : Number(page.pageToken);
      const slice = newestFirst.slice(from, from + page.limit);
      return succeeded({
        orders: slice.map((order) => ({
          providerOrderId: order.id,
          status: order.status,
          rawStatus: order.status,
          amount: order.amount,
          currency: order.currency,
          reference: null,
          createdAt: order.createdAt,
        })),
        nextPageToken: from + page.limit < newestFirst.length ? String(from + page.limit) : null,
      });
    });
  }

  snapshotOf(order: FakeOrder): ProviderSnapshot {
    return {
      providerOrderId: order.id,
      status: order.status,
      rawStatus: order.status,
      amount: order.amount,
      currency: order.currency,
      payments: structuredClone(order.payments),
      refunds: structuredClone(order.refunds),
      authorizationExpiresAt: null,
    };
  }

  /** Test webhooks are JSON `{eventId, type, orderId}` with header `x-fake-signature: valid`. */
  parseWebhook(_account: ConnectorAccount, delivery: WebhookDelivery, now: Date): ProviderEvent {
    if (delivery.headers['x-fake-signature'] !== 'valid') throw new WebhookVerificationError('bad signature');
    const body = JSON.parse(delivery.rawBody) as { eventId: string; type: string; orderId: string | null };
    return { eventId: body.eventId, type: body.type, providerOrderId: body.orderId, occurredAt: now };
  }

  /** The claim a test put in the event's body, as a real connector reads one from its provider's event. */
  claimOf(_eventType: string, rawBody: string): ProviderClaim | undefined {
    return (JSON.parse(rawBody) as { claim?: ProviderClaim }).claim;
  }

  order(id: string): FakeOrder {
    const order = this.orders.get(id);
    if (!order) throw new Error(`fake provider has no order ${id}`);
    return order;
  }

  private async perform<T>(
    operation: Operation,
    request: unknown,
    idempotencyKey: string | undefined,
    apply: () => ConnectorOutcome<T>,
  ): Promise<ConnectorOutcome<T>> {
    this.calls.push({ operation, request });
    let step = this.script.get(operation)?.shift() ?? 'succeed';
    while (typeof step === 'object') {
      if (!('delayMs' in step)) throw new Error(`${operation} cannot be scripted as partly made`);
      const { delayMs } = step;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      step = step.then ?? 'succeed';
    }
    if (step === 'decline') return declined('scripted.decline', `${operation} declined by script`);
    if (step === 'fail') return failed('scripted.failure', `${operation} failed by script`);
    if (step === 'unknown') return unknownOutcome(`${operation}: no answer (scripted)`);
    const outcome = this.applyOnce(idempotencyKey, apply);
    return step === 'unknown-after-applying' ? unknownOutcome(`${operation}: answer lost (scripted)`) : outcome;
  }

  /** Like Smartpay's Idempotency-Key: a repeated key replays the first answer without acting again. */
  private applyOnce<T>(key: string | undefined, apply: () => ConnectorOutcome<T>): ConnectorOutcome<T> {
    if (key === undefined) return apply();
    const previous = this.remembered.get(key);
    if (previous) return previous as ConnectorOutcome<T>;
    const outcome = apply();
    this.remembered.set(key, outcome);
    return outcome;
  }
}

function payment(amount: number, reference: string | null): ProviderPayment {
  return { providerPaymentId: `payment_test_${randomUUID().slice(0, 8)}`, amount, reference, createdAt: new Date() };
}
