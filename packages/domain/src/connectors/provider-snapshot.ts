/**
 * The provider's view of one order, as fetched by sync or implied by a webhook. The aggregate applies it
 * monotonically (`Transaction.applyProviderSnapshot`): it only ever moves a transaction forward.
 */
export type ProviderOrderStatus =
  /** Waiting for the buyer (Smartpay `requires_authorization`). */
  | 'pending_approval'
  /** Authorized; some amount may still be captured (Smartpay `requires_capture`). */
  | 'authorized'
  /** Nothing left to capture: fully captured or the remainder released (Smartpay `succeeded`). */
  | 'completed'
  /** Canceled by the merchant or expired, remainder released (Smartpay `canceled`). */
  | 'canceled'
  /** Hard decline (Smartpay `rejected`). */
  | 'declined'
  /** Failed at the provider (Smartpay `failed`). */
  | 'failed'
  /** The provider is still working on it (Smartpay `pending`). */
  | 'processing';

export interface ProviderPayment {
  providerPaymentId: string;
  amount: number;
  /** The reference we sent with the capture: our capture id. Absent on automatic captures. */
  reference: string | null;
  createdAt: Date;
}

export interface ProviderRefund {
  providerRefundId: string;
  providerPaymentId: string;
  amount: number;
  /** The reference we sent: our refund id. */
  reference: string | null;
  status: 'succeeded' | 'failed';
  createdAt: Date;
}

export interface ProviderSnapshot {
  providerOrderId: string;
  status: ProviderOrderStatus;
  /** The provider's own status string, kept for the audit trail. */
  rawStatus: string;
  amount: number;
  currency: string;
  payments: ProviderPayment[];
  refunds: ProviderRefund[];
  /** When the authorization lapses at the provider, if it says. */
  authorizationExpiresAt: Date | null;
}

/** One order as a provider's order list shows it, without its payments and refunds. */
export interface ProviderOrderSummary {
  providerOrderId: string;
  status: ProviderOrderStatus;
  rawStatus: string;
  amount: number;
  currency: string;
  /** The merchant's reference the order was made with, if any. */
  reference: string | null;
  createdAt: Date;
}

/** A page of the provider's orders, newest created first; `nextPageToken` is null on the last page. */
export interface ProviderOrderPage {
  orders: ProviderOrderSummary[];
  nextPageToken: string | null;
}

/** A verified provider webhook, reduced to what the domain needs: it is a hint to reconcile, not the truth. */
export interface ProviderEvent {
  /** Provider event id, the dedup key in the webhook inbox. */
  eventId: string;
  type: string;
  /** The provider order the event is about, when it can be told from the payload. */
  providerOrderId: string | null;
  /**
   * For an event that names no order but a capture (Smartpay's `refund.created` names the payment it refunds):
   * that capture's provider id, through which the transaction is found.
   */
  providerCaptureId?: string | null;
  occurredAt: Date;
}
