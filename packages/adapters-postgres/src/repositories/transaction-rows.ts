import {
  type Authorized,
  type Capture,
  type CurrencyCode,
  type DomainEvent,
  type EventSubject,
  isAuthorized,
  type ProviderOrder,
  type Refund,
  type StoredEvent,
  storedAmount,
  subjectOf,
  summaryOf,
  type TransactionDetails,
  type TransactionEvent,
  type TransactionState,
  type TransactionSummary,
  totals,
} from '@kessai/domain';
import { mapping } from './table-columns';
import {
  CAPTURE_COLUMNS,
  type CaptureRow,
  type ChildFields,
  type ChildPlace,
  EVENT_COLUMNS,
  EVENT_COUNT,
  FIXED_AT_CREATION,
  OUTBOX_WRITTEN,
  REFERENCES,
  REFUND_COLUMNS,
  type RefundRow,
  SUMMARY_TOTALS,
  TRANSACTION_COLUMNS,
  TRANSACTION_TOTALS,
  type TransactionFields,
  type TransactionRow,
} from './transaction-columns';

// The one mapping between the aggregate's state and the rows that store it, both ways.

const transactionMapping = mapping<TransactionFields>(TRANSACTION_COLUMNS);
/** The columns an update writes: the field maps narrowed to what can change after creation. */
const updateMapping = narrowed((field) => !FIXED_AT_CREATION.has(field) && !REFERENCES.has(field));
const referencesMapping = narrowed((field) => REFERENCES.has(field));
const captureMapping = mapping<ChildFields<Capture>>(CAPTURE_COLUMNS);
const refundMapping = mapping<ChildFields<Refund>>(REFUND_COLUMNS);
const eventMapping = mapping<StoredEvent>(EVENT_COLUMNS);

const TOTALS = Object.entries(TRANSACTION_TOTALS);

/** A stored transaction's own row, whole (its insert), at `version` with `eventCount` history rows. */
export function insertedRow(state: TransactionState, version: number, eventCount: number): TransactionRow {
  return withTotals(transactionMapping.row(summaryOf(state, version)), state, eventCount) as TransactionRow;
}

/**
 * The columns an update of a stored transaction writes: every one a decision can move (status, provider
 * references, failure, timestamps, the cached totals, history count and version), and the merchant's references
 * when `events` updated them. Fixed ones (amount, parties, cart) are never written again.
 */
export function updatedColumns(
  state: TransactionState,
  version: number,
  eventCount: number,
  events: readonly TransactionEvent[],
): Partial<TransactionRow> {
  const summary = summaryOf(state, version);
  const row = updateMapping.row(summary);
  if (events.some((event) => event.type === 'references_updated')) referencesMapping.row(summary, row);
  return withTotals(row, state, eventCount) as Partial<TransactionRow>;
}

/** Every child's row: what the insert of a transaction writes. */
export function allChildRows(state: TransactionState): { captures: CaptureRow[]; refunds: RefundRow[] } {
  if (state.kind !== 'authorized') return { captures: [], refunds: [] };
  return {
    captures: state.captures.map((capture, i) => captureRow(state, capture, i)),
    refunds: state.refunds.map((refund, i) => refundRow(state, refund, i)),
  };
}

/** The rows of the children `events` name, each once, as the state holds it now: what an update writes. */
export function namedChildRows(
  state: TransactionState,
  events: readonly TransactionEvent[],
): { captures: CaptureRow[]; refunds: RefundRow[] } {
  const named = events.map(subjectOf).filter((subject): subject is EventSubject => subject !== null);
  if (state.kind !== 'authorized' || named.length === 0) return { captures: [], refunds: [] };
  const ids = (kind: EventSubject['kind']) => new Set(named.filter((s) => s.kind === kind).map((s) => s.id));
  const captureIds = ids('capture');
  const refundIds = ids('refund');
  return {
    captures: state.captures.flatMap((c, i) => (captureIds.has(c.id) ? [captureRow(state, c, i)] : [])),
    refunds: state.refunds.flatMap((r, i) => (refundIds.has(r.id) ? [refundRow(state, r, i)] : [])),
  };
}

export function historyRow(event: DomainEvent, sequence: number): Record<string, unknown> {
  return eventMapping.row({ ...event, sequence });
}

/** The outbox row of a unit of work's events. */
export function outboxRow(events: readonly DomainEvent[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(OUTBOX_WRITTEN).map(([column, of]) => [column, of(events)]));
}

/** A transaction read with its children (`json_agg` arrays in position order, see `transaction-sql.ts`). */
export function storedState(
  row: Record<string, unknown>,
  captures: ReadonlyArray<Record<string, unknown>>,
  refunds: ReadonlyArray<Record<string, unknown>>,
): TransactionState {
  const fields = transactionMapping.data(row);
  const phase = {
    details: detailsOf(fields),
    updatedAt: fields.updatedAt,
    approvalExpiresAt: fields.approvalExpiresAt,
  };
  const order: ProviderOrder | null =
    fields.providerOrderId === null ? null : { sessionId: fields.providerSessionId, orderId: fields.providerOrderId };
  const failure = {
    errorCode: fields.errorCode,
    rawResponseCode: fields.rawResponseCode,
    rawResponseDescription: fields.rawResponseDescription,
  };
  if (isAuthorized(fields.status)) {
    if (!order) throw new Error(`transaction ${fields.id} is ${fields.status} but names no provider order`);
    return {
      kind: 'authorized',
      ...phase,
      order,
      authorizedAt: fields.authorizedAt ?? fields.createdAt,
      captures: captures.map(storedCapture),
      refunds: refunds.map(storedRefund),
      captureClosed: fields.captureClosed,
      capturedAt: fields.capturedAt,
      voiding: voidingOf(fields),
      failure,
    };
  }
  switch (fields.status) {
    case 'processing':
    case 'buyer_approval_pending':
      return {
        kind: 'awaiting_approval',
        ...phase,
        approval: fields.status === 'buyer_approval_pending' && order ? { url: fields.approvalUrl ?? '', order } : null,
      };
    case 'authorization_declined':
    case 'authorization_failed':
      return {
        kind: 'refused',
        ...phase,
        outcome: fields.status === 'authorization_declined' ? 'declined' : 'failed',
        order,
        failure: { ...failure, errorCode: fields.errorCode ?? '' },
        canceledAt: fields.canceledAt,
        buyerApprovalTimedOutAt: fields.buyerApprovalTimedOutAt,
      };
  }
}

/** A transaction read without its children: its own columns and the cached totals. */
export function transactionSummary(row: Record<string, unknown>): TransactionSummary {
  // Added to the mapped object rather than spread into a new one: a spread of this many fields takes V8's slow
  // path, and the presenter then reads a dictionary-mode object.
  const summary = transactionMapping.data(row) as TransactionSummary;
  summary.authorizedAmount = storedAmount(Number(row[SUMMARY_TOTALS.authorizedAmount]));
  summary.capturedAmount = storedAmount(Number(row[SUMMARY_TOTALS.capturedAmount]));
  summary.refundedAmount = storedAmount(Number(row[SUMMARY_TOTALS.refundedAmount]));
  summary.reservedRefundAmount = storedAmount(Number(row[SUMMARY_TOTALS.reservedRefundAmount]));
  return summary;
}

export function storedRefund(row: Record<string, unknown>): Refund {
  const { errorCode, rawResponseCode, rawResponseDescription, ...refund } = refundMapping.data(row);
  return { ...refund, failure: { errorCode, rawResponseCode, rawResponseDescription } };
}

export function storedEvent(row: Record<string, unknown>): StoredEvent {
  return eventMapping.data(row);
}

function storedCapture(row: Record<string, unknown>): Capture {
  const { errorCode, rawResponseCode, rawResponseDescription, ...capture } = captureMapping.data(row);
  return { ...capture, failure: { errorCode, rawResponseCode, rawResponseDescription } };
}

function captureRow(parent: TransactionState, capture: Capture, position: number): CaptureRow {
  return captureMapping.row({ ...capture, ...capture.failure }, place(parent, position)) as CaptureRow;
}

function refundRow(parent: TransactionState, refund: Refund, position: number): RefundRow {
  return refundMapping.row({ ...refund, ...refund.failure }, place(parent, position)) as RefundRow;
}

function place({ details }: TransactionState, position: number): Record<string, unknown> & ChildPlace {
  return { transaction_id: details.id, merchant_account_id: details.merchantAccountId, position };
}

function withTotals(row: Record<string, unknown>, state: TransactionState, eventCount: number) {
  const money = totals(state);
  for (const [column, total] of TOTALS) row[column] = total(money);
  row[EVENT_COUNT] = eventCount;
  return row;
}

function detailsOf(fields: TransactionFields): TransactionDetails {
  return {
    id: fields.id,
    merchantAccountId: fields.merchantAccountId,
    reconciliationId: fields.reconciliationId,
    paymentServiceId: fields.paymentServiceId,
    connector: fields.connector,
    intent: fields.intent,
    amount: storedAmount(fields.amount),
    currency: fields.currency as CurrencyCode,
    country: fields.country,
    paymentMethod: fields.paymentMethod,
    ...(fields.paymentMethodExternalIdentifier !== undefined && {
      paymentMethodExternalIdentifier: fields.paymentMethodExternalIdentifier,
    }),
    redirectUrl: fields.redirectUrl,
    billingDetails: fields.billingDetails,
    shippingDetails: fields.shippingDetails,
    ...(fields.buyer !== undefined && { buyer: fields.buyer }),
    cartItems: fields.cartItems,
    externalIdentifier: fields.externalIdentifier,
    metadata: fields.metadata,
    createdAt: fields.createdAt,
  };
}

function voidingOf(fields: TransactionFields): Authorized['voiding'] {
  if (fields.status === 'authorization_voided')
    return { kind: 'voided', voidedAt: fields.voidedAt ?? fields.updatedAt };
  return fields.status === 'authorization_void_pending' ? { kind: 'pending' } : { kind: 'none' };
}

/** The transaction mapping narrowed to the fields `keep` selects (it writes only their columns). */
function narrowed(keep: (field: keyof TransactionFields) => boolean) {
  const columns = Object.entries(TRANSACTION_COLUMNS).filter(([field]) => keep(field as keyof TransactionFields));
  return mapping<TransactionFields>(Object.fromEntries(columns) as typeof TRANSACTION_COLUMNS);
}
