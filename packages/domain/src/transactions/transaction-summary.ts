import type { TransactionBuyer } from '../buyers/buyer';
import type { Amount } from '../money';
import type { CartItem } from './cart-item';
import type { PersonDetails } from './person-details';
import { statusOf } from './status-of';
import { totals } from './totals';
import { NO_FAILURE, providerOrderOf, type TransactionState } from './transaction-state';
import type { TransactionIntent, TransactionStatus } from './transaction-status';

/**
 * A transaction as readers show and list it: flat, its status decided, the totals its children add up to and
 * none of the children themselves (a read of one needs no more than the transaction's row). Read model only:
 * decisions are taken on `TransactionState`.
 */
export interface TransactionSummary {
  id: string;
  merchantAccountId: string;
  /** Base62 short form of the id, ≤ 22 chars: what providers get as the order reference. */
  reconciliationId: string;
  paymentServiceId: string;
  connector: string;
  intent: TransactionIntent;
  status: TransactionStatus;
  amount: number;
  currency: string;
  country: string;
  paymentMethod: string;
  /** The merchant's own reference for the payment method (Gr4vy `payment_method.external_identifier`). */
  paymentMethodExternalIdentifier?: string | null;
  redirectUrl: string;
  approvalUrl: string | null;
  approvalExpiresAt: Date | null;
  billingDetails: PersonDetails;
  shippingDetails: PersonDetails;
  /** The buyer it was made for: a stored one (with id) or a guest's references. Absent on older transactions. */
  buyer?: TransactionBuyer;
  cartItems: readonly CartItem[];
  externalIdentifier: string | null;
  metadata: Readonly<Record<string, string>>;
  /** The provider's references: its checkout session and its order. */
  providerSessionId: string | null;
  providerOrderId: string | null;
  errorCode: string | null;
  rawResponseCode: string | null;
  rawResponseDescription: string | null;
  /** No more captures: a final capture succeeded, or the provider released the remainder. */
  captureClosed: boolean;
  createdAt: Date;
  updatedAt: Date;
  authorizedAt: Date | null;
  capturedAt: Date | null;
  voidedAt: Date | null;
  canceledAt: Date | null;
  buyerApprovalTimedOutAt: Date | null;
  /** Optimistic-concurrency version: bumped on every persisted change. */
  version: number;
  authorizedAmount: Amount;
  capturedAmount: Amount;
  refundedAmount: Amount;
  /** Claimed by refunds that succeeded or may still succeed: what is left to refund is captured minus this. */
  reservedRefundAmount: Amount;
}

/**
 * The summary of a state at a stored version. Every field is named, which keeps the object on V8's fast path
 * (spreading a rest object of this many fields is several times slower); nested details are shared, frozen.
 */
export function summaryOf(state: TransactionState, version: number): TransactionSummary {
  const known = summaries.get(state);
  if (known?.version === version) return known;
  const summary = Object.freeze(summarize(state, version));
  summaries.set(state, summary);
  return summary;
}

/** The last summary made of each state: a write and its answer summarize the same frozen state several times. */
const summaries = new WeakMap<TransactionState, TransactionSummary>();

function summarize(state: TransactionState, version: number): TransactionSummary {
  const { details } = state;
  const order = providerOrderOf(state);
  const authorized = state.kind === 'authorized' ? state : null;
  const refused = state.kind === 'refused' ? state : null;
  const failure = state.kind === 'awaiting_approval' ? NO_FAILURE : state.failure;
  const money = totals(state);
  const summary: TransactionSummary = {
    id: details.id,
    merchantAccountId: details.merchantAccountId,
    reconciliationId: details.reconciliationId,
    paymentServiceId: details.paymentServiceId,
    connector: details.connector,
    intent: details.intent,
    status: statusOf(state),
    amount: details.amount,
    currency: details.currency,
    country: details.country,
    paymentMethod: details.paymentMethod,
    redirectUrl: details.redirectUrl,
    approvalUrl: state.kind === 'awaiting_approval' ? (state.approval?.url ?? null) : null,
    approvalExpiresAt: state.approvalExpiresAt,
    billingDetails: details.billingDetails,
    shippingDetails: details.shippingDetails,
    cartItems: details.cartItems,
    externalIdentifier: details.externalIdentifier,
    metadata: details.metadata,
    providerSessionId: order?.sessionId ?? null,
    providerOrderId: order?.orderId ?? null,
    errorCode: failure.errorCode,
    rawResponseCode: failure.rawResponseCode,
    rawResponseDescription: failure.rawResponseDescription,
    captureClosed: authorized?.captureClosed ?? false,
    createdAt: details.createdAt,
    updatedAt: state.updatedAt,
    authorizedAt: authorized?.authorizedAt ?? null,
    capturedAt: authorized?.capturedAt ?? null,
    voidedAt: authorized?.voiding.kind === 'voided' ? authorized.voiding.voidedAt : null,
    canceledAt: refused?.canceledAt ?? null,
    buyerApprovalTimedOutAt: refused?.buyerApprovalTimedOutAt ?? null,
    version,
    authorizedAmount: money.authorized,
    capturedAmount: money.captured,
    refundedAmount: money.refunded,
    reservedRefundAmount: money.reservedRefunds,
  };
  if (details.paymentMethodExternalIdentifier !== undefined) {
    summary.paymentMethodExternalIdentifier = details.paymentMethodExternalIdentifier;
  }
  if (details.buyer !== undefined) summary.buyer = details.buyer;
  return summary;
}
