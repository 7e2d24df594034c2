import {
  authorizedAmount,
  type CaptureData,
  capturedAmount,
  type DomainEvent,
  type RefundData,
  refundedAmount,
  reservedCaptureAmount,
  reservedRefundAmount,
  type StoredEvent,
  type TransactionData,
  type TransactionSummary,
} from '@kessai/domain';
import {
  type ColumnsOf,
  instant,
  json,
  mapping,
  maybeInstant,
  optional,
  type RowOf,
  textArray,
  value,
} from './table-columns';

// The columns of the transaction tables, each named once: rows, statements and reads all derive from these maps.

type TransactionFields = Omit<TransactionData, 'captures' | 'refunds'>;

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
  providerTransactionId: value('provider_transaction_id'),
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

/** Cached totals, the domain's own, derived from the children on every write (the CHECK constraints guard them). */
export const TRANSACTION_TOTALS = {
  authorized_amount: authorizedAmount,
  reserved_capture_amount: reservedCaptureAmount,
  captured_amount: capturedAmount,
  reserved_refund_amount: reservedRefundAmount,
  refunded_amount: refundedAmount,
} as const satisfies Record<string, (data: TransactionData) => number>;

/** The cached totals a summary shows, by the summary's field. */
export const SUMMARY_TOTALS = {
  authorizedAmount: 'authorized_amount',
  capturedAmount: 'captured_amount',
  refundedAmount: 'refunded_amount',
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
} satisfies ColumnsOf<CaptureData>;

export const REFUND_COLUMNS = {
  ...CHILD_OUTCOME,
  reason: value('reason'),
  externalIdentifier: value('external_identifier'),
  providerRefundIds: textArray('provider_refund_ids'),
  refundedAtProvider: value('refunded_at_provider'),
} satisfies ColumnsOf<RefundData>;

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

/** The outbox row of an event; `position`, `created_at` and `dispatched_at` are the database's and the dispatcher's. */
export const OUTBOX_WRITTEN = {
  event_id: (event: DomainEvent) => event.id,
  merchant_account_id: (event: DomainEvent) => event.merchantAccountId,
  transaction_id: (event: DomainEvent) => event.transactionId,
  event: (event: DomainEvent) => JSON.stringify(event),
} as const;
export const OUTBOX_KEPT = ['position', 'created_at', 'dispatched_at'] as const;

export type TransactionRow = RowOf<typeof TRANSACTION_COLUMNS> &
  Record<keyof typeof TRANSACTION_TOTALS | typeof EVENT_COUNT, number>;
type ChildPlace = Record<(typeof CHILD_PLACE)[number], string | number>;
export type CaptureRow = RowOf<typeof CAPTURE_COLUMNS> & ChildPlace;
export type RefundRow = RowOf<typeof REFUND_COLUMNS> & ChildPlace;

const transactionMapping = mapping<TransactionFields>(TRANSACTION_COLUMNS);
const captureMapping = mapping<CaptureData>(CAPTURE_COLUMNS);
const refundMapping = mapping<RefundData>(REFUND_COLUMNS);
const eventMapping = mapping<StoredEvent>(EVENT_COLUMNS);

const TOTALS = Object.entries(TRANSACTION_TOTALS);

/** The transaction's own row (children and history apart), at `eventCount` history rows and `version`. */
export function transactionRow(data: TransactionData, eventCount: number, version = data.version): TransactionRow {
  const row = transactionMapping.row(data);
  for (const [column, total] of TOTALS) row[column] = total(data);
  row[EVENT_COUNT] = eventCount;
  row[TRANSACTION_COLUMNS.version.name] = version;
  return row as TransactionRow;
}

/**
 * The columns of a stored transaction's row that a change moved: its own fields that differ, the cached totals
 * that differ, and always the history count and the version.
 */
export function transactionChanges(
  before: TransactionData,
  after: TransactionData,
  eventCount: number,
  version: number,
): Partial<TransactionRow> {
  const row = transactionMapping.changes(before, after);
  for (const [column, total] of TOTALS) {
    const now = total(after);
    if (now !== total(before)) row[column] = now;
  }
  row[EVENT_COUNT] = eventCount;
  row[TRANSACTION_COLUMNS.version.name] = version;
  return row as Partial<TransactionRow>;
}

export function captureRow(parent: TransactionData, capture: CaptureData, position: number): CaptureRow {
  return captureMapping.row(capture, place(parent, position)) as CaptureRow;
}

export function refundRow(parent: TransactionData, refund: RefundData, position: number): RefundRow {
  return refundMapping.row(refund, place(parent, position)) as RefundRow;
}

export function historyRow(event: DomainEvent, sequence: number): Record<string, unknown> {
  return eventMapping.row({ ...event, sequence });
}

export function outboxRow(event: DomainEvent): Record<string, unknown> {
  return Object.fromEntries(Object.entries(OUTBOX_WRITTEN).map(([column, of]) => [column, of(event)]));
}

/** A transaction read with its children (`json_agg` arrays in position order, see `transaction-sql.ts`). */
export function transactionData(
  row: Record<string, unknown>,
  captures: ReadonlyArray<Record<string, unknown>>,
  refunds: ReadonlyArray<Record<string, unknown>>,
): TransactionData {
  return {
    ...transactionMapping.data(row),
    captures: captures.map(captureMapping.data),
    refunds: refunds.map(refundMapping.data),
  };
}

/** A transaction read without its children: its own columns and the cached totals. */
export function transactionSummary(row: Record<string, unknown>): TransactionSummary {
  // Added to the mapped object rather than spread into a new one: a spread of this many fields takes V8's slow
  // path, and the presenter then reads a dictionary-mode object.
  const summary = transactionMapping.data(row) as TransactionSummary;
  summary.authorizedAmount = Number(row[SUMMARY_TOTALS.authorizedAmount]);
  summary.capturedAmount = Number(row[SUMMARY_TOTALS.capturedAmount]);
  summary.refundedAmount = Number(row[SUMMARY_TOTALS.refundedAmount]);
  return summary;
}

export function refundData(row: Record<string, unknown>): RefundData {
  return refundMapping.data(row);
}

export function storedEvent(row: Record<string, unknown>): StoredEvent {
  return eventMapping.data(row);
}

function place(parent: TransactionData, position: number): Record<string, unknown> & ChildPlace {
  return { transaction_id: parent.id, merchant_account_id: parent.merchantAccountId, position };
}
