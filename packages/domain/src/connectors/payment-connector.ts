import { DomainError } from '../errors';
import type { TransactionDetails } from '../transactions/transaction-state';
import type { CapabilityProfile } from './capability-profile';
import type { ConnectorOutcome } from './outcome';
import type { ProviderClaim } from './provider-claim';
import type { ProviderEvent, ProviderOrderPage, ProviderSnapshot } from './provider-snapshot';

/** A connection's secrets, decrypted only for the duration of a call. */
export interface ConnectorCredentials {
  readonly [name: string]: string;
}

/** Which connection a call is made with. */
export interface ConnectorAccount {
  paymentServiceId: string;
  credentials: ConnectorCredentials;
}

export interface ApprovalStarted {
  approvalUrl: string;
  approvalExpiresAt: Date;
  providerSessionId: string;
  providerOrderId: string;
}

export interface CaptureRequest {
  providerOrderId: string;
  captureId: string;
  amount: number;
  currency: string;
  /** Final: the provider releases any remainder. Not final: more captures may follow. */
  final: boolean;
  /** Stable across retries of this capture: derived from the capture id. */
  idempotencyKey: string;
}

export interface VoidRequest {
  providerOrderId: string;
  idempotencyKey: string;
}

export interface RefundRequest {
  providerOrderId: string;
  refundId: string;
  amount: number;
  currency: string;
  reason: string | null;
  idempotencyKey: string;
}

export interface OrderPageRequest {
  pageToken: string | null;
  /** At most this many orders (a provider may cap it lower). */
  limit: number;
}

export interface WebhookDelivery {
  headers: Readonly<Record<string, string | undefined>>;
  /** The body exactly as received: signatures are computed over these bytes. */
  rawBody: string;
}

/**
 * The port to a payment provider. Every method is a single provider interaction; none is ever called inside a
 * database transaction. Implementations report outcomes as values and never throw for provider answers.
 */
export interface PaymentConnector {
  readonly capabilities: CapabilityProfile;
  createApproval(
    account: ConnectorAccount,
    transaction: TransactionDetails,
  ): Promise<ConnectorOutcome<ApprovalStarted>>;
  capture(account: ConnectorAccount, request: CaptureRequest): Promise<ConnectorOutcome<{ providerCaptureId: string }>>;
  void(account: ConnectorAccount, request: VoidRequest): Promise<ConnectorOutcome<Record<string, never>>>;
  /**
   * A provider may need several refunds (parts) for one of Kessai's: each carries `refundId` as its reference.
   * A call counts the parts already made under `refundId` and sends only the rest, so that Kessai can finish a
   * refund an earlier call left partly made (a crash mid-split) by calling again with the same `refundId` and a
   * new idempotency key. `succeeded` lists every part; `failed` or `declined` means this call made no part.
   */
  refund(account: ConnectorAccount, request: RefundRequest): Promise<ConnectorOutcome<{ providerRefundIds: string[] }>>;
  /**
   * One order with its payments and refunds: what sync applies and what reconciliation compares. `failed` with
   * `ORDER_NOT_FOUND` when the provider has no such order (as opposed to refusing the credentials or the call).
   */
  fetchStatus(account: ConnectorAccount, providerOrderId: string): Promise<ConnectorOutcome<ProviderSnapshot>>;
  /**
   * One page of the orders made with the connection's credentials, newest created first (`pageToken` null for the
   * first page). Providers without a date filter are walked back from the newest to the day being reconciled.
   */
  listOrders(account: ConnectorAccount, page: OrderPageRequest): Promise<ConnectorOutcome<ProviderOrderPage>>;
  /**
   * Verifies a webhook's signature with the connection's secret and extracts the event. Throws
   * `WebhookVerificationError` when the signature, timestamp or payload is not acceptable.
   */
  parseWebhook(account: ConnectorAccount, delivery: WebhookDelivery, now: Date): ProviderEvent;
  /**
   * What the body of a webhook `parseWebhook` accepted states, when it is one fact Kessai may already hold (see
   * `isClaimHeld`): processing then spares the provider a read. Optional: without it every webhook is reconciled.
   */
  claimOf?(eventType: string, rawBody: string): ProviderClaim | undefined;
}

export class WebhookVerificationError extends DomainError {
  readonly code = 'webhook_verification_failed';
}
