import { InvalidStateTransitionError } from '../errors';
import type { TransactionEvent, TransactionEventOf } from './transaction-events';
import {
  type Authorized,
  type Capture,
  NO_FAILURE,
  providerOrderOf,
  type Refund,
  type TransactionState,
} from './transaction-state';

/** Folds one event into the state: the only writer of a transaction's state. Never mutates its input. */
export function evolve(state: TransactionState | undefined, event: TransactionEvent): TransactionState {
  if (event.type === 'created') {
    const { details, approvalExpiresAt, at } = event;
    return { kind: 'awaiting_approval', details, updatedAt: at, approvalExpiresAt, approval: null };
  }
  if (!state) throw new InvalidStateTransitionError(`a transaction must be created before "${event.type}"`);
  const at = event.at;
  switch (event.type) {
    case 'approval_started':
      if (state.kind !== 'awaiting_approval') return unexpected(state, event);
      return {
        ...state,
        updatedAt: at,
        approval: { url: event.url, order: event.order },
        approvalExpiresAt: event.approvalExpiresAt,
      };
    case 'authorized':
      return {
        kind: 'authorized',
        details: state.details,
        updatedAt: at,
        approvalExpiresAt: state.approvalExpiresAt,
        order: event.order,
        authorizedAt: at,
        captures: [],
        refunds: [],
        captureClosed: false,
        capturedAt: null,
        voiding: { kind: 'none' },
        failure: NO_FAILURE,
      };
    case 'refused':
      return {
        kind: 'refused',
        details: state.details,
        updatedAt: at,
        approvalExpiresAt: state.approvalExpiresAt,
        outcome: event.outcome,
        order: providerOrderOf(state),
        failure: event.failure,
        canceledAt: event.reason === 'canceled' ? at : null,
        buyerApprovalTimedOutAt: event.reason === 'expired' ? at : null,
      };
    case 'references_updated': {
      const { externalIdentifier, metadata } = event;
      const details = {
        ...state.details,
        ...(externalIdentifier !== undefined && { externalIdentifier }),
        ...(metadata !== undefined && { metadata: { ...metadata } }),
      };
      return { ...state, details, updatedAt: at };
    }
    default:
      return state.kind === 'authorized' ? evolveAuthorized(state, event) : unexpected(state, event);
  }
}

type AuthorizedEvent = Exclude<
  TransactionEvent,
  TransactionEventOf<'created' | 'approval_started' | 'authorized' | 'refused' | 'references_updated'>
>;

function evolveAuthorized(state: Authorized, event: AuthorizedEvent): Authorized {
  const at = event.at;
  const next = { ...state, updatedAt: at };
  switch (event.type) {
    case 'capture_reserved':
      return { ...next, captures: [...state.captures, event.capture] };
    case 'external_capture_found':
    case 'capture_succeeded': {
      const captures =
        event.type === 'capture_succeeded'
          ? withChild(state.captures, event.captureId, (c) => ({
              ...c,
              status: 'succeeded',
              providerCaptureId: event.providerCaptureId,
              failure: { ...c.failure, errorCode: null },
              updatedAt: at,
            }))
          : [...state.captures, event.capture];
      const settled = captures.find(
        (c) => c.id === (event.type === 'capture_succeeded' ? event.captureId : event.capture.id),
      );
      const captured = captures.filter((c) => c.status === 'succeeded').reduce((sum, c) => sum + c.amount, 0);
      const closes = settled?.final === true || captured === state.details.amount;
      // A capture that succeeded ends a pending void: the provider took money, so there is nothing to release.
      const voiding = state.voiding.kind === 'pending' ? { kind: 'none' as const } : state.voiding;
      return { ...next, captures, capturedAt: at, captureClosed: state.captureClosed || closes, voiding };
    }
    case 'capture_refused': {
      const failure = {
        errorCode: errorCodeOf(event.outcome),
        rawResponseCode: event.code,
        rawResponseDescription: event.message,
      };
      const captures = withChild(state.captures, event.captureId, (c) => ({
        ...c,
        status: event.outcome,
        failure,
        updatedAt: at,
      }));
      // Gr4vy shows the last failed attempt on the transaction too, so a capture that failed is never read as done.
      return { ...next, captures, failure };
    }
    case 'capture_not_found':
      return {
        ...next,
        captures: withChild(state.captures, event.captureId, (c) => ({
          ...c,
          status: 'failed',
          failure: { ...c.failure, errorCode: 'not_found_at_provider' },
          updatedAt: at,
        })),
      };
    case 'capture_closed':
      return { ...next, captureClosed: true };
    case 'void_reserved':
      return { ...next, voiding: { kind: 'pending' } };
    case 'voided':
      return {
        ...next,
        voiding: { kind: 'voided', voidedAt: at },
        captureClosed: true,
        failure: event.errorCode ? { ...state.failure, errorCode: event.errorCode } : state.failure,
      };
    case 'void_refused':
      return {
        ...next,
        voiding: { kind: 'none' },
        failure: {
          errorCode: errorCodeOf(event.outcome),
          rawResponseCode: event.code,
          rawResponseDescription: event.message,
        },
      };
    case 'refund_reserved':
    case 'external_refund_found':
      return { ...next, refunds: [...state.refunds, event.refund] };
    default:
      return { ...next, refunds: evolveRefunds(state.refunds, event, at) };
  }
}

type RefundEvent = TransactionEventOf<
  | 'refund_outcome_unknown'
  | 'refund_succeeded'
  | 'refund_refused'
  | 'refund_not_found'
  | 'refund_parts_found'
  | 'refund_rest_requested'
  | 'refund_settled_short'
>;

function evolveRefunds(refunds: readonly Refund[], event: RefundEvent, at: Date): readonly Refund[] {
  return withChild(refunds, event.refundId, (refund): Refund => {
    switch (event.type) {
      case 'refund_outcome_unknown':
        return {
          ...refund,
          failure: { ...refund.failure, rawResponseDescription: `outcome not known yet: ${event.reason}` },
          updatedAt: at,
        };
      case 'refund_succeeded':
        return {
          ...refund,
          status: 'succeeded',
          providerRefundIds: event.providerRefundIds,
          refundedAtProvider: refund.amount,
          failure: { ...refund.failure, errorCode: null },
          updatedAt: at,
        };
      case 'refund_refused':
        return {
          ...refund,
          status: event.outcome,
          failure: {
            errorCode: errorCodeOf(event.outcome),
            rawResponseCode: event.code,
            rawResponseDescription: event.message,
          },
          updatedAt: at,
        };
      case 'refund_not_found':
        return {
          ...refund,
          status: 'failed',
          failure: { ...refund.failure, errorCode: 'not_found_at_provider' },
          updatedAt: at,
        };
      case 'refund_parts_found':
        // `updatedAt` stays: it marks the end of the refund's last provider call, which its rest waits on.
        return {
          ...refund,
          providerRefundIds: event.providerRefundIds,
          refundedAtProvider: event.made,
          failure: {
            ...refund.failure,
            rawResponseDescription: `partly refunded at the provider (${event.made} of ${refund.amount}); the rest follows`,
          },
        };
      case 'refund_rest_requested':
        return {
          ...refund,
          failure: {
            ...refund.failure,
            rawResponseDescription: `partly refunded at the provider (${event.found} of ${refund.amount}): sending the rest`,
          },
          updatedAt: at,
        };
      case 'refund_settled_short':
        return {
          ...refund,
          status: 'succeeded',
          amount: event.refunded,
          providerRefundIds: event.providerRefundIds,
          refundedAtProvider: event.refunded,
          failure: {
            errorCode: null,
            rawResponseCode: event.code,
            rawResponseDescription: `refunded ${event.refunded} of the ${refund.amount} asked; the provider refused the rest: ${event.message}`,
          },
          updatedAt: at,
        };
    }
  });
}

const errorCodeOf = (outcome: 'declined' | 'failed') => (outcome === 'declined' ? 'declined' : 'service_error');

function withChild<T extends Capture | Refund>(
  children: readonly T[],
  id: string,
  change: (child: T) => T,
): readonly T[] {
  return children.map((child) => (child.id === id ? change(child) : child));
}

function unexpected(state: TransactionState, event: TransactionEvent): never {
  throw new InvalidStateTransitionError(`"${event.type}" cannot follow a transaction that is ${state.kind}`);
}
