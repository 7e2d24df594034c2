import type { Actor } from './actor';
import type { DomainEvent, DomainEventName } from './domain-events';
import { statusOf } from './status-of';
import { totals } from './totals';
import type { TransactionEvent } from './transaction-events';
import type { TransactionState } from './transaction-state';

/** Who caused a change; recorded on every event for the audit history. */
export type ChangeSource = 'api' | 'webhook' | 'sync' | 'janitor';

/** Why a change happened: the cause and, when someone asked for it, who. Command metadata, like its time. */
export interface ChangeCause {
  source: ChangeSource;
  actor?: Actor | undefined;
}

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
  const [name, subjectId, context] = described(event, before, after);
  return {
    id,
    name,
    merchantAccountId: after.details.merchantAccountId,
    transactionId: after.details.id,
    subjectId,
    occurredAt: event.at,
    context: { ...context, source: cause.source, status: statusOf(after), ...(cause.actor && { actor: cause.actor }) },
  };
}

type Described = [DomainEventName, string | null, Record<string, unknown>];

function described(event: TransactionEvent, before: TransactionState | undefined, after: TransactionState): Described {
  const captureAmount = (id: string) =>
    after.kind === 'authorized' ? after.captures.find((c) => c.id === id)?.amount : undefined;
  const refundAmount = (state: TransactionState | undefined, id: string) =>
    state?.kind === 'authorized' ? state.refunds.find((r) => r.id === id)?.amount : undefined;
  switch (event.type) {
    case 'created':
      return [
        'transaction.created',
        null,
        { amount: event.details.amount, currency: event.details.currency, intent: event.details.intent },
      ];
    case 'approval_started':
      return ['transaction.approval-pending', null, { approval_expires_at: event.approvalExpiresAt.toISOString() }];
    case 'authorized':
      return ['transaction.authorized', null, { amount: after.details.amount }];
    case 'refused': {
      const name =
        event.reason === 'canceled'
          ? 'transaction.canceled'
          : event.outcome === 'declined'
            ? 'transaction.declined'
            : 'transaction.failed';
      return [name, null, { error_code: event.failure.errorCode, raw_response_code: event.failure.rawResponseCode }];
    }
    case 'references_updated': {
      const changed = [
        ...(event.externalIdentifier !== undefined ? ['external_identifier'] : []),
        ...(event.metadata !== undefined ? ['metadata'] : []),
      ];
      return ['transaction.updated', null, { changed }];
    }
    case 'capture_reserved':
      return [
        'transaction.capture-pending',
        event.capture.id,
        { amount: event.capture.amount, final: event.capture.final },
      ];
    case 'capture_succeeded':
    case 'external_capture_found': {
      const id = event.type === 'capture_succeeded' ? event.captureId : event.capture.id;
      return ['transaction.captured', id, { amount: captureAmount(id), captured_amount: totals(after).captured }];
    }
    case 'capture_refused': {
      const name = event.outcome === 'declined' ? 'transaction.capture-declined' : 'transaction.capture-failed';
      return [name, event.captureId, { amount: captureAmount(event.captureId), raw_response_code: event.code }];
    }
    case 'capture_not_found':
      return [
        'transaction.capture-failed',
        event.captureId,
        { amount: captureAmount(event.captureId), reason: 'not_found_at_provider' },
      ];
    case 'capture_closed':
      return ['transaction.capture-closed', null, { released_amount: event.releasedAmount }];
    case 'void_reserved':
      return ['transaction.void-pending', null, {}];
    case 'voided':
      return ['transaction.voided', null, { error_code: event.errorCode }];
    case 'void_refused':
      return ['transaction.void-failed', null, { raw_response_code: event.code, outcome: event.outcome }];
    case 'refund_reserved':
      return ['refund.pending', event.refund.id, { amount: event.refund.amount }];
    case 'external_refund_found':
      return ['refund.succeeded', event.refund.id, { amount: event.refund.amount }];
    case 'refund_outcome_unknown':
      return [
        'refund.outcome-unknown',
        event.refundId,
        { amount: refundAmount(after, event.refundId), reason: event.reason },
      ];
    case 'refund_succeeded':
      return ['refund.succeeded', event.refundId, { amount: refundAmount(after, event.refundId) }];
    case 'refund_refused': {
      const name = event.outcome === 'declined' ? 'refund.declined' : 'refund.failed';
      return [name, event.refundId, { amount: refundAmount(after, event.refundId), raw_response_code: event.code }];
    }
    case 'refund_not_found':
      return [
        'refund.failed',
        event.refundId,
        { amount: refundAmount(after, event.refundId), reason: 'not_found_at_provider' },
      ];
    case 'refund_parts_found':
      return [
        'refund.partly-succeeded',
        event.refundId,
        { amount: refundAmount(after, event.refundId), refunded_at_provider: event.made },
      ];
    case 'refund_rest_requested':
      return [
        'refund.rest-requested',
        event.refundId,
        { amount: refundAmount(after, event.refundId), refunded_at_provider: event.found },
      ];
    case 'refund_settled_short':
      return [
        'refund.succeeded',
        event.refundId,
        { amount: event.refunded, requested_amount: refundAmount(before, event.refundId) },
      ];
  }
}
