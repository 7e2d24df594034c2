import {
  CaptureAfterFinalError,
  CaptureExceedsAuthorizedError,
  InvalidStateTransitionError,
  NothingToCaptureError,
  UnsupportedFeatureError,
} from '../errors';
import { statusOf } from './status-of';
import { totals } from './totals';
import type { TransactionCommandOf } from './transaction-commands';
import type { TransactionEvent } from './transaction-events';
import { type Authorized, NO_FAILURE, type TransactionState } from './transaction-state';

/**
 * Reserves a capture against the authorized money. A capture id already known (a retried request) reserves
 * nothing: no event.
 */
export function reserveCapture(
  state: TransactionState,
  command: TransactionCommandOf<'reserve_capture'>,
  now: Date,
): TransactionEvent[] {
  if (state.kind === 'authorized' && state.captures.some((capture) => capture.id === command.captureId)) return [];
  const authorized = capturable(state);
  const { capabilities } = command;
  const claimed = authorized.captures.filter((c) => c.status === 'pending' || c.status === 'succeeded');
  if (authorized.captureClosed || claimed.some((capture) => capture.final)) {
    throw new CaptureAfterFinalError('a final capture was already made: the rest of the authorization is released');
  }
  const remaining = totals(authorized).capturable;
  if (remaining === 0)
    throw new NothingToCaptureError('the whole authorized amount is already captured or being captured');
  const amount = command.amount?.amount ?? remaining;
  const { details } = authorized;
  if (amount > remaining) {
    throw new CaptureExceedsAuthorizedError(
      `cannot capture ${amount}: only ${remaining} of the authorized ${details.amount} ${details.currency} is left to capture`,
      '/amount',
    );
  }
  const final = command.final ?? true;
  if (!final && !capabilities.multipleCaptures) {
    throw new UnsupportedFeatureError(`${capabilities.connector} does not support multiple captures`, '/final');
  }
  if (amount < details.amount && !capabilities.partialCapture) {
    throw new UnsupportedFeatureError(`${capabilities.connector} does not support partial capture`, '/amount');
  }
  const capture = {
    id: command.captureId,
    amount,
    final,
    status: 'pending' as const,
    providerCaptureId: null,
    external: false,
    failure: NO_FAILURE,
    createdAt: now,
    updatedAt: now,
  };
  return [{ type: 'capture_reserved', at: now, capture }];
}

function capturable(state: TransactionState): Authorized {
  switch (state.kind) {
    case 'awaiting_approval':
      throw new InvalidStateTransitionError('cannot capture before the buyer has authorized the payment');
    case 'refused':
      throw new InvalidStateTransitionError(
        `cannot capture a transaction that was not authorized (${statusOf(state)})`,
      );
    case 'authorized':
      if (state.voiding.kind !== 'none') {
        throw new InvalidStateTransitionError('cannot capture a voided transaction (or one being voided)');
      }
      return state;
  }
}

/** Records the provider's answer to a capture. A capture that is no longer pending is left as it is. */
export function recordCaptureOutcome(
  state: TransactionState,
  { captureId, outcome }: TransactionCommandOf<'record_capture_outcome'>,
  now: Date,
): TransactionEvent[] {
  const capture = state.kind === 'authorized' ? state.captures.find((c) => c.id === captureId) : undefined;
  if (capture?.status !== 'pending' || outcome.kind === 'unknown') return [];
  if (outcome.kind === 'succeeded') {
    return [{ type: 'capture_succeeded', at: now, captureId, providerCaptureId: outcome.value.providerCaptureId }];
  }
  return [
    {
      type: 'capture_refused',
      at: now,
      captureId,
      outcome: outcome.kind,
      code: outcome.code,
      message: outcome.message,
    },
  ];
}
