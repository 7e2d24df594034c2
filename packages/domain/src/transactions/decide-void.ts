import { UnsupportedFeatureError, VoidNotAllowedError } from '../errors';
import { statusOf } from './status-of';
import { totals } from './totals';
import type { TransactionCommandOf } from './transaction-commands';
import type { TransactionEvent } from './transaction-events';
import type { TransactionState } from './transaction-state';

/** Releases an authorization nothing was captured from. A void already pending (a retried request) starts nothing. */
export function reserveVoid(
  state: TransactionState,
  { capabilities }: TransactionCommandOf<'reserve_void'>,
  now: Date,
): TransactionEvent[] {
  const status = statusOf(state);
  if (status === 'authorization_void_pending') return [];
  if (!capabilities.void) throw new UnsupportedFeatureError(`${capabilities.connector} does not support void`);
  const claimed = totals(state).reservedCaptures;
  if (status !== 'authorization_succeeded' || claimed > 0) {
    const why =
      claimed > 0
        ? 'money was captured (or is being captured): refund it instead'
        : `the transaction is ${status}, not authorization_succeeded`;
    throw new VoidNotAllowedError(`cannot void: ${why}`);
  }
  return [{ type: 'void_reserved', at: now }];
}

export function recordVoidOutcome(
  state: TransactionState,
  { outcome }: TransactionCommandOf<'record_void_outcome'>,
  now: Date,
): TransactionEvent[] {
  if (state.kind !== 'authorized' || state.voiding.kind !== 'pending' || outcome.kind === 'unknown') return [];
  if (outcome.kind === 'succeeded') return [{ type: 'voided', at: now, errorCode: null }];
  return [{ type: 'void_refused', at: now, outcome: outcome.kind, code: outcome.code, message: outcome.message }];
}
