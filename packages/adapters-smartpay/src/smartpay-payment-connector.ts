import {
  type ApprovalStarted,
  type CapabilityProfile,
  type CaptureRequest,
  type ConnectorAccount,
  type ConnectorOutcome,
  failed,
  type OrderPageRequest,
  orderNotFound,
  type PaymentConnector,
  type ProviderEvent,
  type ProviderOrderPage,
  type ProviderSnapshot,
  type RefundRequest,
  SMARTPAY_CAPABILITIES,
  succeeded,
  type TransactionDetails,
  type VoidRequest,
  type WebhookDelivery,
  WebhookVerificationError,
} from '@kessai/domain';
import { SmartpayApiError } from './client/errors';
import { SmartpayClient, type SmartpayClientOptions } from './client/smartpay-client';
import { outcomeOfError } from './outcome-of';
import { parseSmartpayWebhook } from './webhooks/parse-webhook';
import { checkoutSessionPayload } from './wire/checkout-payload';
import { orderSnapshot, orderSummary } from './wire/order-snapshot';
import {
  checkoutSessionSchema,
  collectionSchema,
  idOf,
  orderSchema,
  paymentSchema,
  refundSchema,
  type SmartpayPayment,
  type SmartpayRefund,
} from './wire/schemas';

export interface SmartpayConnectorOptions extends SmartpayClientOptions {
  /** How far a webhook's timestamp may be from now (default 5 minutes). */
  webhookToleranceMs?: number;
  capabilities?: CapabilityProfile;
  /**
   * How long a refund call keeps starting parts (default 60 s). Kessai finishes a refund left partly made only
   * long after this (`REFUND_REST_AFTER_MS`), so the two never send parts at once.
   */
  refundDeadlineMs?: number;
  /** Where the buyer comes back to from the hosted page: Kessai's own (signed) return link, which knows the real status. */
  returnUrl?: (transaction: TransactionDetails) => string;
}

/** The most orders one list call asks for. */
const MAX_PAGE = 100;

/** The longest a refund waits before reading its order again after a collision (the wait doubles up to it). */
const REFUND_RETRY_CAP_MS = 500;

/**
 * Kessai's PaymentConnector for Smartpay API v1. The same code talks to `https://api.smartpay.co/v1` and to the
 * local sandbox: only `apiBase` differs. Credentials come with each call (`secretKey`, `webhookSigningSecret`).
 */
export class SmartpayPaymentConnector implements PaymentConnector {
  readonly capabilities: CapabilityProfile;
  readonly client: SmartpayClient;
  private readonly toleranceMs: number;
  private readonly refundDeadlineMs: number;
  private readonly returnOptions: { returnUrl?: (transaction: TransactionDetails) => string };

  constructor(options: SmartpayConnectorOptions = {}) {
    this.client = new SmartpayClient(options);
    this.capabilities = options.capabilities ?? SMARTPAY_CAPABILITIES;
    this.toleranceMs = options.webhookToleranceMs ?? 5 * 60_000;
    this.refundDeadlineMs = options.refundDeadlineMs ?? 60_000;
    this.returnOptions = options.returnUrl ? { returnUrl: options.returnUrl } : {};
  }

  async createApproval(
    account: ConnectorAccount,
    transaction: TransactionDetails,
  ): Promise<ConnectorOutcome<ApprovalStarted>> {
    try {
      const raw = await this.client.send({
        method: 'POST',
        path: '/checkout-sessions',
        secretKey: secretKeyOf(account),
        body: checkoutSessionPayload(transaction, this.returnOptions),
        idempotencyKey: `kessai-approval-${transaction.id}`,
      });
      const session = checkoutSessionSchema.parse(raw);
      const expiresAt = session.expiresAt ?? transaction.createdAt.getTime() + this.capabilities.approvalWindowMs;
      return succeeded({
        approvalUrl: session.url,
        approvalExpiresAt: new Date(expiresAt),
        providerSessionId: session.id,
        providerOrderId: idOf(session.order),
      });
    } catch (error) {
      return outcomeOfError(error);
    }
  }

  async capture(
    account: ConnectorAccount,
    request: CaptureRequest,
  ): Promise<ConnectorOutcome<{ providerCaptureId: string }>> {
    try {
      const raw = await this.client.send({
        method: 'POST',
        path: '/payments',
        secretKey: secretKeyOf(account),
        idempotencyKey: request.idempotencyKey,
        body: {
          order: request.providerOrderId,
          amount: request.amount,
          currency: request.currency,
          cancelRemainder: request.final ? 'automatic' : 'manual',
          reference: request.captureId,
        },
      });
      return succeeded({ providerCaptureId: paymentSchema.parse(raw).id });
    } catch (error) {
      return outcomeOfError(error);
    }
  }

  async void(account: ConnectorAccount, request: VoidRequest): Promise<ConnectorOutcome<Record<string, never>>> {
    try {
      await this.client.send({
        method: 'PUT',
        path: `/orders/${encodeURIComponent(request.providerOrderId)}/cancellation`,
        secretKey: secretKeyOf(account),
        idempotencyKey: request.idempotencyKey,
      });
      return succeeded({});
    } catch (error) {
      return outcomeOfError(error);
    }
  }

  /**
   * Smartpay refunds a payment, not an order: the amount is spread over the order's payments, oldest first, each
   * up to its unrefunded remainder, every part carrying our refund id as reference and its own idempotency key.
   * Parts already made under the refund id count (Kessai calls again to finish a refund left partly made).
   * Concurrent refunds of one order split from the same reading of it, so a part can find its payment's remainder
   * taken (403 `amount.insufficient`) although the order as a whole has room (Kessai reserved this refund against
   * the captured total): then the order is read again after a growing random wait and what is left is spread anew:
   * onto one payment that holds it all, drawn at random among those that do (so that colliding refunds stop
   * choosing the same one), else over the largest remainders first (so it takes few parts). That goes on until
   * `refundDeadlineMs`, after which no part is started, so that Kessai can tell when a call that stopped has surely
   * ended. A refund is declined only when the order as a whole has no room for it.
   */
  async refund(
    account: ConnectorAccount,
    request: RefundRequest,
  ): Promise<ConnectorOutcome<{ providerRefundIds: string[] }>> {
    const secretKey = secretKeyOf(account);
    const startedAt = Date.now();
    let earlier: string[] = [];
    const made: string[] = [];
    // Part of the money went back by this call: only a sync can say how the refund ends.
    const partly = (why: string): ConnectorOutcome<{ providerRefundIds: string[] }> => ({
      kind: 'unknown',
      reason: `partly refunded: ${why}`,
    });
    try {
      for (let round = 0; ; round++) {
        const { payments, refunds } = await this.loadOrder(secretKey, request.providerOrderId);
        const ours = refunds.filter((r) => r.reference === request.refundId && r.status === 'succeeded');
        earlier = ours.map((r) => r.id).filter((id) => !made.includes(id));
        let left = request.amount - ours.reduce((sum, r) => sum + r.amount, 0);
        // Each payment's unrefunded remainder in this reading, summed once (the split and its ordering ask often).
        const refundedOf = new Map<string, number>();
        for (const r of refunds)
          if (r.status === 'succeeded')
            refundedOf.set(idOf(r.payment), (refundedOf.get(idOf(r.payment)) ?? 0) + r.amount);
        const remainderOf = (payment: SmartpayPayment) => payment.amount - (refundedOf.get(payment.id) ?? 0);
        try {
          // Round 0 goes oldest first (its idempotency keys are those of earlier versions); later rounds spread out.
          for (const payment of round === 0 ? payments : spreadOrder(payments, remainderOf, left)) {
            if (left <= 0) break;
            const part = Math.min(left, remainderOf(payment));
            if (part <= 0) continue;
            if (Date.now() - startedAt > this.refundDeadlineMs) {
              return made.length > 0
                ? partly(`stopped after ${this.refundDeadlineMs} ms with ${left} left`)
                : failed('timeout', `no part could be made within ${this.refundDeadlineMs} ms`);
            }
            const raw = await this.client.send({
              method: 'POST',
              path: '/refunds',
              secretKey,
              // Round 0 keeps the key of earlier versions; a later round's part is a different request.
              idempotencyKey: `${request.idempotencyKey}-${payment.id}${round > 0 ? `-r${round}` : ''}`,
              body: {
                payment: payment.id,
                amount: part,
                currency: request.currency,
                reason: refundReason(request.reason),
                reference: request.refundId,
              },
            });
            made.push(refundSchema.parse(raw).id);
            left -= part;
          }
        } catch (error) {
          const remainderTaken = error instanceof SmartpayApiError && error.errorCode === 'amount.insufficient';
          const orderHasRoom = payments.reduce((sum, payment) => sum + Math.max(0, remainderOf(payment)), 0) >= left;
          if (remainderTaken && orderHasRoom) {
            // Refunds that collided read the order again at different times, so they stop colliding.
            await sleep(Math.random() * Math.min(REFUND_RETRY_CAP_MS, 10 * 2 ** Math.min(round, 6)));
            continue;
          }
          throw error;
        }
        if (left <= 0) return succeeded({ providerRefundIds: [...earlier, ...made] });
        return made.length > 0
          ? partly(`the order's payments hold ${left} less than asked`)
          : failed('amount.insufficient', `the order's payments hold ${left} less than asked`);
      }
    } catch (error) {
      const outcome = outcomeOfError<{ providerRefundIds: string[] }>(error);
      return made.length > 0 && outcome.kind !== 'unknown' ? partly(outcome.kind) : outcome;
    }
  }

  async fetchStatus(account: ConnectorAccount, providerOrderId: string): Promise<ConnectorOutcome<ProviderSnapshot>> {
    try {
      const { order, payments, refunds } = await this.loadOrder(secretKeyOf(account), providerOrderId);
      return succeeded(orderSnapshot(order, payments, refunds));
    } catch (error) {
      // Smartpay's 404 for the order itself (unknown id, or the other mode's key): the order is not there.
      if (error instanceof SmartpayApiError && error.statusCode === 404 && error.errorCode === 'order.not-found')
        return orderNotFound(`Smartpay has no order ${providerOrderId}`);
      return outcomeOfError(error);
    }
  }

  /** GET /orders (newest first, §2 pagination): Smartpay's list has no date filter, so callers walk it back. */
  async listOrders(account: ConnectorAccount, page: OrderPageRequest): Promise<ConnectorOutcome<ProviderOrderPage>> {
    try {
      const query: Record<string, string> = { maxResults: String(Math.min(page.limit, MAX_PAGE)) };
      if (page.pageToken) query.pageToken = page.pageToken;
      const raw = await this.client.send({ method: 'GET', path: '/orders', secretKey: secretKeyOf(account), query });
      const collection = collectionSchema(orderSchema).parse(raw);
      return succeeded({ orders: collection.data.map(orderSummary), nextPageToken: collection.nextPageToken ?? null });
    } catch (error) {
      return outcomeOfError(error);
    }
  }

  parseWebhook(account: ConnectorAccount, delivery: WebhookDelivery, now: Date): ProviderEvent {
    const secret = account.credentials.webhookSigningSecret;
    if (!secret) throw new WebhookVerificationError('this connection has no webhook signing secret');
    return parseSmartpayWebhook(secret, delivery, now, this.toleranceMs);
  }

  /** The order with its payments (oldest first) and their refunds, fetching what `expand=all` left as ids. */
  private async loadOrder(secretKey: string, orderId: string) {
    const order = orderSchema.parse(
      await this.client.send({
        method: 'GET',
        path: `/orders/${encodeURIComponent(orderId)}`,
        secretKey,
        query: { expand: 'all' },
      }),
    );
    const payments: SmartpayPayment[] = [];
    for (const entry of order.payments) {
      payments.push(
        typeof entry === 'string'
          ? paymentSchema.parse(
              await this.client.send({ method: 'GET', path: `/payments/${encodeURIComponent(entry)}`, secretKey }),
            )
          : entry,
      );
    }
    payments.sort((a, b) => a.createdAt - b.createdAt);
    const refunds: SmartpayRefund[] = [];
    for (const payment of payments) {
      for (const entry of payment.refunds ?? []) {
        refunds.push(
          typeof entry === 'string'
            ? refundSchema.parse(
                await this.client.send({ method: 'GET', path: `/refunds/${encodeURIComponent(entry)}`, secretKey }),
              )
            : entry,
        );
      }
    }
    return { order, payments, refunds };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The payments to spread `left` over after a collision: one that holds it all, drawn at random among those that do,
 * else the largest remainders first. Few parts (each one a refund and a webhook at Smartpay), and colliding refunds
 * draw different payments.
 */
function spreadOrder(
  payments: readonly SmartpayPayment[],
  remainderOf: (payment: SmartpayPayment) => number,
  left: number,
): SmartpayPayment[] {
  const roomy = payments.filter((payment) => remainderOf(payment) >= left);
  if (roomy.length > 0) return [roomy[Math.floor(Math.random() * roomy.length)] as SmartpayPayment];
  return payments.slice().sort((a, b) => remainderOf(b) - remainderOf(a));
}

function secretKeyOf(account: ConnectorAccount): string {
  const key = account.credentials.secretKey;
  if (!key) throw new Error(`payment service ${account.paymentServiceId} has no secretKey`);
  return key;
}

/** Smartpay knows two reasons; anything else a merchant writes is kept on Kessai's refund, not sent. */
function refundReason(reason: string | null): 'requested_by_customer' | 'fraudulent' {
  return reason === 'fraudulent' ? 'fraudulent' : 'requested_by_customer';
}
