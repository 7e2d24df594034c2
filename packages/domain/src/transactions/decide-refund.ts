import { NothingToRefundError, RefundExceedsCapturedError, UnsupportedFeatureError } from '../errors';
import { ZERO } from '../money';
import { totals } from './totals';
import type { TransactionCommandOf } from './transaction-commands';
import type { TransactionEvent } from './transaction-events';
import { NO_FAILURE, type TransactionState } from './transaction-state';

/**
 * Reserves a refund against the *captured* money (never the authorized amount: peers.md §C.5). A refund id
 * already known (a retried request) reserves nothing: no event.
 */
export function reserveRefund(
  state: TransactionState,
  command: TransactionCommandOf<'reserve_refund'>,
  now: Date,
): TransactionEvent[] {
  if (state.kind === 'authorized' && state.refunds.some((refund) => refund.id === command.refundId)) return [];
  const { captured, refundable: remaining } = totals(state);
  if (captured === 0) throw new NothingToRefundError('nothing has been captured, so there is nothing to refund');
  if (remaining === 0) throw new NothingToRefundError('the captured amount is already refunded (or being refunded)');
  const amount = command.amount?.amount ?? remaining;
  if (amount > remaining) {
    throw new RefundExceedsCapturedError(
      `cannot refund ${amount}: only ${remaining} of the captured ${captured} ${state.details.currency} is left to refund`,
      '/amount',
    );
  }
  const { capabilities } = command;
  if (amount < captured && !capabilities.partialRefunds) {
    throw new UnsupportedFeatureError(`${capabilities.connector} does not support partial refunds`, '/amount');
  }
  const refund = {
    id: command.refundId,
    amount,
    reason: command.reason ?? null,
    externalIdentifier: command.externalIdentifier ?? null,
    status: 'processing' as const,
    providerRefundIds: [],
    refundedAtProvider: ZERO,
    external: false,
    failure: NO_FAILURE,
    createdAt: now,
    updatedAt: now,
  };
  return [{ type: 'refund_reserved', at: now, refund }];
}

/** Records the provider's answer to a refund. A refund that is no longer processing is left as it is. */
export function recordRefundOutcome(
  state: TransactionState,
  { refundId, outcome }: TransactionCommandOf<'record_refund_outcome'>,
  now: Date,
): TransactionEvent[] {
  const refund = state.kind === 'authorized' ? state.refunds.find((r) => r.id === refundId) : undefined;
  if (refund?.status !== 'processing') return [];
  switch (outcome.kind) {
    case 'unknown':
      // Still processing, but its call has ended: readings of the provider may now count the parts it made.
      return [{ type: 'refund_outcome_unknown', at: now, refundId, reason: outcome.reason }];
    case 'succeeded':
      return [{ type: 'refund_succeeded', at: now, refundId, providerRefundIds: outcome.value.providerRefundIds }];
    default:
      return [
        {
          type: 'refund_refused',
          at: now,
          refundId,
          outcome: outcome.kind,
          code: outcome.code,
          message: outcome.message,
        },
      ];
  }
}
