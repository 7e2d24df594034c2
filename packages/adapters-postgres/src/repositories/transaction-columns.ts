import type {
  Capture,
  DomainEvent,
  FailureDetails,
  Refund,
  StoredEvent,
  Totals,
  TransactionSummary,
} from '@kessai/domain';
import { type ColumnsOf, instant, json, maybeInstant, optional, type RowOf, textArray, value } from './table-columns';

// The columns of the transaction tables, each named once: rows, statements and reads all derive from these maps.

/** A transaction's own row holds its summary; the summary's totals are cached columns of their own (below). */
export type TransactionFields = Omit<
  TransactionSummary,
  'authorizedAmount' | 'capturedAmount' | 'refundedAmount' | 'reservedRefundAmount'
>;

/** A capture or refund as its row holds it: the provider's failure flat beside the child's own fields. */
export type ChildFields<Child extends Capture | Refund> = Omit<Child, 'failure'> & FailureDetails;

export const TRANSACTION_COLUMNS = {
  id: value('id'),
  merchantAccountId: value('merchant_account_id'),
  reconciliationId: value('reconciliation_id'),
  paymentServiceId: value('payment_service_id'),
  connector: value('connector'),
  intent: value('intent'),
  status: value('status'),
  amount: value('amount'),
  currency: value('currency'),
  country: value('country'),
  paymentMethod: value('payment_method'),
  paymentMethodExternalIdentifier: optional(value('payment_method_external_identifier')),
  redirectUrl: value('redirect_url'),
  approvalUrl: value('approval_url'),
  approvalExpiresAt: maybeInstant('approval_expires_at'),
  billingDetails: json('billing_details'),
  shippingDetails: json('shipping_details'),
  buyer: optional(json('buyer')),
  cartItems: json('cart_items'),
  externalIdentifier: value('external_identifier'),
  metadata: json('metadata'),
  providerSessionId: value('provider_session_id'),
  providerOrderId: value('provider_transaction_id'),
  errorCode: value('error_code'),
  rawResponseCode: value('raw_response_code'),
  rawResponseDescription: value('raw_response_description'),
  captureClosed: value('capture_closed'),
  createdAt: instant('created_at'),
  updatedAt: instant('updated_at'),
  authorizedAt: maybeInstant('authorized_at'),
  capturedAt: maybeInstant('captured_at'),
  voidedAt: maybeInstant('voided_at'),
  canceledAt: maybeInstant('canceled_at'),
  buyerApprovalTimedOutAt: maybeInstant('buyer_approval_timed_out_at'),
  version: value('version'),
} satisfies ColumnsOf<TransactionFields>;

/** What a transaction holds from its creation on: its insert writes them, no update does. */
export const FIXED_AT_CREATION: ReadonlySet<keyof TransactionFields> = new Set([
  'id',
  'merchantAccountId',
  'reconciliationId',
  'paymentServiceId',
  'connector',
  'intent',
  'amount',
  'currency',
  'country',
  'paymentMethod',
  'paymentMethodExternalIdentifier',
  'redirectUrl',
  'billingDetails',
  'shippingDetails',
  'buyer',
  'cartItems',
  'createdAt',
] as const);

/** The merchant's own references: an update writes them only when it decided `references_updated`. */
export const REFERENCES: ReadonlySet<keyof TransactionFields> = new Set(['externalIdentifier', 'metadata'] as const);

/** Cached totals, the domain's own, derived from the children on every write (the CHECK constraints guard them). */
export const TRANSACTION_TOTALS = {
  authorized_amount: (totals) => totals.authorized,
  reserved_capture_amount: (totals) => totals.reservedCaptures,
  captured_amount: (totals) => totals.captured,
  reserved_refund_amount: (totals) => totals.reservedRefunds,
  refunded_amount: (totals) => totals.refunded,
} as const satisfies Record<string, (totals: Totals) => number>;

/** The cached totals a summary shows, by the summary's field. */
export const SUMMARY_TOTALS = {
  authorizedAmount: 'authorized_amount',
  capturedAmount: 'captured_amount',
  refundedAmount: 'refunded_amount',
  reservedRefundAmount: 'reserved_refund_amount',
} as const satisfies Record<keyof TransactionSummary & `${string}Amount`, keyof typeof TRANSACTION_TOTALS>;

/** The repository's own bookkeeping: how many history rows the transaction has (the last event's sequence). */
export const EVENT_COUNT = 'event_count';

/** The columns captures and refunds share: how the provider answered, and when the child last moved. */
const CHILD_OUTCOME = {
  id: value('id'),
  amount: value('amount'),
  status: value('status'),
  external: value('external'),
  errorCode: value('error_code'),
  rawResponseCode: value('raw_response_code'),
  rawResponseDescription: value('raw_response_description'),
  createdAt: instant('created_at'),
  updatedAt: instant('updated_at'),
};

export const CAPTURE_COLUMNS = {
  ...CHILD_OUTCOME,
  final: value('final'),
  providerCaptureId: value('provider_capture_id'),
} satisfies ColumnsOf<ChildFields<Capture>>;

export const REFUND_COLUMNS = {
  ...CHILD_OUTCOME,
  reason: value('reason'),
  externalIdentifier: value('external_identifier'),
  providerRefundIds: textArray('provider_refund_ids'),
  refundedAtProvider: value('refunded_at_provider'),
} satisfies ColumnsOf<ChildFields<Refund>>;

/** What places a child row under its transaction, in the order the aggregate holds its children. */
export const CHILD_PLACE = ['transaction_id', 'merchant_account_id', 'position'] as const;

export const EVENT_COLUMNS = {
  id: value('id'),
  name: value('name'),
  merchantAccountId: value('merchant_account_id'),
  transactionId: value('transaction_id'),
  subjectId: value('subject_id'),
  occurredAt: instant('occurred_at'),
  context: json('context'),
  sequence: value('sequence'),
} satisfies ColumnsOf<StoredEvent>;

/** The outbox row of a unit of work: its events, in order; `position` and `created_at` are the database's. */
export const OUTBOX_WRITTEN = {
  events: (events: readonly DomainEvent[]) => JSON.stringify(events),
} as const;
export const OUTBOX_KEPT = ['position', 'created_at'] as const;

/**
 * The columns of `transaction_activity` (migration 017), each one of the transaction row's: what its lists,
 * janitor and overview find it by, kept off the wide row's indexes so that a capture's or a refund's update of it
 * is HOT.
 */
export const ACTIVITY_COLUMNS = [
  'id',
  'merchant_account_id',
  'created_at',
  'updated_at',
  'status',
  'error_code',
  'approval_expires_at',
  'authorized_at',
  'canceled_at',
  'authorized_amount',
  'captured_amount',
  'refunded_amount',
] as const;

export type TransactionRow = RowOf<typeof TRANSACTION_COLUMNS> &
  Record<keyof typeof TRANSACTION_TOTALS | typeof EVENT_COUNT, number>;
export type ChildPlace = Record<(typeof CHILD_PLACE)[number], string | number>;
export type CaptureRow = RowOf<typeof CAPTURE_COLUMNS> & ChildPlace;
export type RefundRow = RowOf<typeof REFUND_COLUMNS> & ChildPlace;
