import {
  type ApprovalStarted,
  type CapabilityProfile,
  type CaptureRequest,
  type ConnectorAccount,
  type ConnectorOutcome,
  type OrderPageRequest,
  orderNotFound,
  type PaymentConnector,
  type ProviderClaim,
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
import { SmartpayOrderReader } from './smartpay-order-reader';
import { refundOverPayments } from './smartpay-refund';
import { parseSmartpayWebhook } from './webhooks/parse-webhook';
import { smartpayClaimOf } from './webhooks/webhook-claim';
import { checkoutSessionPayload } from './wire/checkout-payload';
import { orderSnapshot } from './wire/order-snapshot';
import { checkoutSessionSchema, idOf, paymentSchema } from './wire/schemas';

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

/**
 * Kessai's PaymentConnector for Smartpay API v1. The same code talks to `https://api.smartpay.co/v1` and to the
 * local sandbox: only `apiBase` differs. Credentials come with each call (`secretKey`, `webhookSigningSecret`).
 */
export class SmartpayPaymentConnector implements PaymentConnector {
  readonly capabilities: CapabilityProfile;
  readonly client: SmartpayClient;
  private readonly orders: SmartpayOrderReader;
  private readonly toleranceMs: number;
  private readonly refundDeadlineMs: number;
  private readonly returnOptions: { returnUrl?: (transaction: TransactionDetails) => string };

  constructor(options: SmartpayConnectorOptions = {}) {
    this.client = new SmartpayClient(options);
    this.orders = new SmartpayOrderReader(this.client);
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

  /** Spread over the order's payments (`refundOverPayments`). */
  async refund(
    account: ConnectorAccount,
    request: RefundRequest,
  ): Promise<ConnectorOutcome<{ providerRefundIds: string[] }>> {
    const calls = { client: this.client, orders: this.orders, deadlineMs: this.refundDeadlineMs };
    return refundOverPayments(calls, secretKeyOf(account), request);
  }

  async fetchStatus(account: ConnectorAccount, providerOrderId: string): Promise<ConnectorOutcome<ProviderSnapshot>> {
    try {
      const { order, payments, refunds } = await this.orders.load(secretKeyOf(account), providerOrderId);
      return succeeded(orderSnapshot(order, payments, refunds));
    } catch (error) {
      // Smartpay's 404 for the order itself (unknown id, or the other mode's key): the order is not there.
      if (error instanceof SmartpayApiError && error.statusCode === 404 && error.errorCode === 'order.not-found')
        return orderNotFound(`Smartpay has no order ${providerOrderId}`);
      return outcomeOfError(error);
    }
  }

  /** Newest first; Smartpay's list has no date filter, so callers walk it back (`SmartpayOrderReader.page`). */
  async listOrders(account: ConnectorAccount, page: OrderPageRequest): Promise<ConnectorOutcome<ProviderOrderPage>> {
    try {
      return succeeded(await this.orders.page(secretKeyOf(account), page));
    } catch (error) {
      return outcomeOfError(error);
    }
  }

  parseWebhook(account: ConnectorAccount, delivery: WebhookDelivery, now: Date): ProviderEvent {
    const secret = account.credentials.webhookSigningSecret;
    if (!secret) throw new WebhookVerificationError('this connection has no webhook signing secret');
    return parseSmartpayWebhook(secret, delivery, now, this.toleranceMs);
  }

  claimOf(eventType: string, rawBody: string): ProviderClaim | undefined {
    return smartpayClaimOf(eventType, rawBody);
  }
}

function secretKeyOf(account: ConnectorAccount): string {
  const key = account.credentials.secretKey;
  if (!key) throw new Error(`payment service ${account.paymentServiceId} has no secretKey`);
  return key;
}
