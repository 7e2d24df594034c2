import type { Actor } from './actor';
import type { DomainEvent, DomainEventName } from './domain-events';
import { subjectOf } from './event-subject';
import { statusOf } from './status-of';
import { totals } from './totals';
import type { TransactionEvent, TransactionEventOf } from './transaction-events';
import type { TransactionState } from './transaction-state';

/** Who caused a change; recorded on every event for the audit history. */
export type ChangeSource = 'api' | 'webhook' | 'sync' | 'janitor';

/** Why a change happened: the cause and, when someone asked for it, who. Command metadata, like its time. */
export interface ChangeCause {
  source: ChangeSource;
  actor?: Actor | undefined;
}

/** The states either side of an event, for the amounts its record shows. */
interface Sides {
  readonly before: TransactionState | undefined;
  readonly after: TransactionState;
}

/** How one kind of event is published: its name (picked by its outcome for some) and the context it shows. */
interface AuditEntry<E extends TransactionEvent> {
  readonly name: DomainEventName | ((event: E) => DomainEventName);
  readonly context: (event: E, sides: Sides) => Record<string, unknown>;
}

type AuditTable = { readonly [T in TransactionEvent['type']]: AuditEntry<TransactionEventOf<T>> };

const captureAmount = (state: TransactionState, id: string) =>
  state.kind === 'authorized' ? state.captures.find((c) => c.id === id)?.amount : undefined;
const refundAmount = (state: TransactionState | undefined, id: string) =>
  state?.kind === 'authorized' ? state.refunds.find((r) => r.id === id)?.amount : undefined;
const declinedOrFailed =
  (declined: DomainEventName, failed: DomainEventName) =>
  (event: { outcome: 'declined' | 'failed' }): DomainEventName =>
    event.outcome === 'declined' ? declined : failed;
const captured = (id: string, { after }: Sides) => ({
  amount: captureAmount(after, id),
  captured_amount: totals(after).captured,
});

/** Every decided event's published name and context, by event type. */
const AUDIT: AuditTable = {
  created: {
    name: 'transaction.created',
    context: ({ details }) => ({ amount: details.amount, currency: details.currency, intent: details.intent }),
  },
  approval_started: {
    name: 'transaction.approval-pending',
    context: (event) => ({ approval_expires_at: event.approvalExpiresAt.toISOString() }),
  },
  authorized: { name: 'transaction.authorized', context: (_, { after }) => ({ amount: after.details.amount }) },
  refused: {
    name: (event) =>
      event.reason === 'canceled'
        ? 'transaction.canceled'
        : declinedOrFailed('transaction.declined', 'transaction.failed')(event),
    context: ({ failure }) => ({ error_code: failure.errorCode, raw_response_code: failure.rawResponseCode }),
  },
  references_updated: {
    name: 'transaction.updated',
    context: (event) => ({
      changed: [
        ...(event.externalIdentifier !== undefined ? ['external_identifier'] : []),
        ...(event.metadata !== undefined ? ['metadata'] : []),
      ],
    }),
  },
  capture_reserved: {
    name: 'transaction.capture-pending',
    context: ({ capture }) => ({ amount: capture.amount, final: capture.final }),
  },
  capture_succeeded: { name: 'transaction.captured', context: (event, sides) => captured(event.captureId, sides) },
  external_capture_found: {
    name: 'transaction.captured',
    context: (event, sides) => captured(event.capture.id, sides),
  },
  capture_refused: {
    name: declinedOrFailed('transaction.capture-declined', 'transaction.capture-failed'),
    context: (event, { after }) => ({ amount: captureAmount(after, event.captureId), raw_response_code: event.code }),
  },
  capture_not_found: {
    name: 'transaction.capture-failed',
    context: (event, { after }) => ({ amount: captureAmount(after, event.captureId), reason: 'not_found_at_provider' }),
  },
  capture_closed: {
    name: 'transaction.capture-closed',
    context: (event) => ({ released_amount: event.releasedAmount }),
  },
  void_reserved: { name: 'transaction.void-pending', context: () => ({}) },
  voided: { name: 'transaction.voided', context: (event) => ({ error_code: event.errorCode }) },
  void_refused: {
    name: 'transaction.void-failed',
    context: (event) => ({ raw_response_code: event.code, outcome: event.outcome }),
  },
  refund_reserved: { name: 'refund.pending', context: ({ refund }) => ({ amount: refund.amount }) },
  external_refund_found: { name: 'refund.succeeded', context: ({ refund }) => ({ amount: refund.amount }) },
  refund_outcome_unknown: {
    name: 'refund.outcome-unknown',
    context: (event, { after }) => ({ amount: refundAmount(after, event.refundId), reason: event.reason }),
  },
  refund_succeeded: {
    name: 'refund.succeeded',
    context: (event, { after }) => ({ amount: refundAmount(after, event.refundId) }),
  },
  refund_refused: {
    name: declinedOrFailed('refund.declined', 'refund.failed'),
    context: (event, { after }) => ({ amount: refundAmount(after, event.refundId), raw_response_code: event.code }),
  },
  refund_not_found: {
    name: 'refund.failed',
    context: (event, { after }) => ({ amount: refundAmount(after, event.refundId), reason: 'not_found_at_provider' }),
  },
  refund_parts_found: {
    name: 'refund.partly-succeeded',
    context: (event, { after }) => ({ amount: refundAmount(after, event.refundId), refunded_at_provider: event.made }),
  },
  refund_rest_requested: {
    name: 'refund.rest-requested',
    context: (event, { after }) => ({ amount: refundAmount(after, event.refundId), refunded_at_provider: event.found }),
  },
  refund_settled_short: {
    name: 'refund.succeeded',
    context: (event, { before }) => ({
      amount: event.refunded,
      requested_amount: refundAmount(before, event.refundId),
    }),
  },
};

/**
 * The audit and outbox record of a decided event: its published name, the child it is about and the context a
 * reader of the history needs, with the status the event left the transaction in.
 */
export function auditRecordOf(
  event: TransactionEvent,
  before: TransactionState | undefined,
  after: TransactionState,
  cause: ChangeCause,
  id: string,
): DomainEvent {
  // The table is keyed by the event's own type, so its entry takes this event.
  const entry = AUDIT[event.type] as AuditEntry<TransactionEvent>;
  const name = typeof entry.name === 'string' ? entry.name : entry.name(event);
  const context = entry.context(event, { before, after });
  return {
    id,
    name,
    merchantAccountId: after.details.merchantAccountId,
    transactionId: after.details.id,
    subjectId: subjectOf(event)?.id ?? null,
    occurredAt: event.at,
    context: { ...context, source: cause.source, status: statusOf(after), ...(cause.actor && { actor: cause.actor }) },
  };
}
