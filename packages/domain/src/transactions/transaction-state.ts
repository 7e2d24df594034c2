import type { TransactionBuyer } from '../buyers/buyer';
import type { Amount, CurrencyCode } from '../money';
import type { CartItem } from './cart-item';
import type { PersonDetails } from './person-details';
import type { CaptureStatus, RefundStatus, TransactionIntent } from './transaction-status';

/**
 * The Transaction aggregate's state: one variant per phase, each carrying only the fields that phase gives
 * meaning to. `evolve` is its only writer; `statusOf` derives Gr4vy's status from it.
 */
export type TransactionState = AwaitingApproval | Refused | Authorized;

/** What the merchant asked for; fixed at creation except the merchant's own references. */
export interface TransactionDetails {
  readonly id: string;
  readonly merchantAccountId: string;
  readonly reconciliationId: string;
  readonly paymentServiceId: string;
  readonly connector: string;
  readonly intent: TransactionIntent;
  readonly amount: Amount;
  readonly currency: CurrencyCode;
  readonly country: string;
  readonly paymentMethod: string;
  readonly paymentMethodExternalIdentifier?: string | null;
  readonly redirectUrl: string;
  readonly billingDetails: PersonDetails;
  readonly shippingDetails: PersonDetails;
  readonly buyer?: TransactionBuyer;
  readonly cartItems: readonly CartItem[];
  readonly externalIdentifier: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly createdAt: Date;
}

interface Phase {
  readonly details: TransactionDetails;
  readonly updatedAt: Date;
  /** When the buyer's approval window closes (set at creation, moved by the provider's answer). */
  readonly approvalExpiresAt: Date | null;
}

/** The provider's references once it started the approval: its checkout session and its order. */
export interface ProviderOrder {
  readonly sessionId: string | null;
  readonly orderId: string;
}

/** `processing` until the provider started the approval, then `buyer_approval_pending`. */
export interface AwaitingApproval extends Phase {
  readonly kind: 'awaiting_approval';
  readonly approval: { readonly url: string; readonly order: ProviderOrder } | null;
}

/** The last provider answer that was not a success, as Gr4vy shows it on the transaction. */
export interface FailureDetails {
  readonly errorCode: string | null;
  readonly rawResponseCode: string | null;
  readonly rawResponseDescription: string | null;
}

/** Ended before any money was authorized: declined, failed, expired or canceled. Terminal. */
export interface Refused extends Phase {
  readonly kind: 'refused';
  readonly outcome: 'declined' | 'failed';
  readonly order: ProviderOrder | null;
  readonly failure: FailureDetails & { readonly errorCode: string };
  readonly canceledAt: Date | null;
  readonly buyerApprovalTimedOutAt: Date | null;
}

export interface Capture {
  readonly id: string;
  readonly amount: Amount;
  readonly final: boolean;
  readonly status: CaptureStatus;
  readonly providerCaptureId: string | null;
  /** Found at the provider, not requested through Kessai (automatic capture, the provider's dashboard). */
  readonly external: boolean;
  readonly failure: FailureDetails;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface Refund {
  readonly id: string;
  readonly amount: Amount;
  readonly reason: string | null;
  readonly externalIdentifier: string | null;
  readonly status: RefundStatus;
  readonly providerRefundIds: readonly string[];
  /** Money the provider returned under it: all of it once succeeded, the parts made so far while processing. */
  readonly refundedAtProvider: Amount;
  readonly external: boolean;
  readonly failure: FailureDetails;
  readonly createdAt: Date;
  /** While processing: when its last provider call ended or its rest was claimed (what the rest waits on). */
  readonly updatedAt: Date;
}

export type VoidState =
  | { readonly kind: 'none' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'voided'; readonly voidedAt: Date };

/** The buyer authorized the money at the provider: captures, refunds and a void may follow. */
export interface Authorized extends Phase {
  readonly kind: 'authorized';
  readonly order: ProviderOrder;
  readonly authorizedAt: Date;
  readonly captures: readonly Capture[];
  readonly refunds: readonly Refund[];
  /** No more captures: a final capture succeeded, or the provider released the remainder. */
  readonly captureClosed: boolean;
  readonly capturedAt: Date | null;
  readonly voiding: VoidState;
  readonly failure: FailureDetails;
}

export const NO_FAILURE: FailureDetails = { errorCode: null, rawResponseCode: null, rawResponseDescription: null };

/** The provider order a transaction is known by, once there is one. */
export function providerOrderOf(state: TransactionState): ProviderOrder | null {
  switch (state.kind) {
    case 'awaiting_approval':
      return state.approval?.order ?? null;
    case 'refused':
    case 'authorized':
      return state.order;
  }
}

/** A transaction's captures: none before the buyer authorized. */
export function capturesOf(state: TransactionState): readonly Capture[] {
  return state.kind === 'authorized' ? state.captures : [];
}

/** A transaction's refunds: none before the buyer authorized. */
export function refundsOf(state: TransactionState): readonly Refund[] {
  return state.kind === 'authorized' ? state.refunds : [];
}
