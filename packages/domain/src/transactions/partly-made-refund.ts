import type { ProviderRefund, ProviderSnapshot } from '../connectors/provider-snapshot';
import { type Amount, sumOf } from '../money';
import { recordRefundOutcome } from './decide-refund';
import type { TransactionCommandOf } from './transaction-commands';
import type { TransactionEvent } from './transaction-events';
import type { Refund, TransactionState } from './transaction-state';

/**
 * A partly-made refund: one the provider split over several payments and that stopped part-way (a crash, or
 * concurrent refunds taking every remainder). The parts made count as refunded from the first reading after its
 * call ended; the rest is sent by sync, claimed by one process, long after that call; a refused rest settles the
 * refund at what was refunded. Every rule of it lives here.
 */

export interface PartlyMadeRefund {
  refund: Refund;
  parts: ProviderRefund[];
  found: Amount;
}

/** The parts the provider reports made under our refund's id, succeeded ones only. */
export function partsAtProvider(refund: Pick<Refund, 'id'>, snapshot: ProviderSnapshot): ProviderRefund[] {
  return snapshot.refunds.filter((part) => part.reference === refund.id && part.status === 'succeeded');
}

const sumOfParts = (parts: readonly ProviderRefund[]): Amount => sumOf(parts);

/** Refunds still processing that the provider reports partly made: what was asked, its parts and their sum. */
export function partlyMadeRefunds(state: TransactionState, snapshot: ProviderSnapshot): PartlyMadeRefund[] {
  if (state.kind !== 'authorized') return [];
  return state.refunds.flatMap((refund) => {
    if (refund.status !== 'processing' || refund.external) return [];
    const parts = partsAtProvider(refund, snapshot);
    const found = sumOfParts(parts);
    return found > 0 && found < refund.amount ? [{ refund, parts, found }] : [];
  });
}

/**
 * A refund's provider call has ended once it reported back (an unknown outcome stamps `updatedAt`), or surely
 * once the grace has passed (its process died mid-call). Parts a call in flight is still making are left to its
 * own outcome: counting them from every reading would write the transaction again and again under a burst.
 */
function callEnded(refund: Refund, now: Date, graceMs: number): boolean {
  return (
    refund.updatedAt.getTime() > refund.createdAt.getTime() || now.getTime() - refund.createdAt.getTime() >= graceMs
  );
}

/** More parts shown made than counted so far, once the call ended: that money is back with the buyer. */
export function partsFound(
  refund: Refund,
  parts: ProviderRefund[],
  now: Date,
  graceMs: number,
): TransactionEvent | null {
  const made = sumOfParts(parts);
  if (refund.status !== 'processing' || made <= refund.refundedAtProvider || !callEnded(refund, now, graceMs)) {
    return null;
  }
  const providerRefundIds = parts.map((part) => part.providerRefundId);
  return { type: 'refund_parts_found', at: now, refundId: refund.id, providerRefundIds, made };
}

/**
 * Claims sending the rest, stamped on the refund's `updatedAt`, so that one process alone sends it, and only once
 * the last call had long ended (`afterMs`). The wait doubles with the refund's age, so a provider that keeps
 * failing is asked less and less often.
 */
export function claimRefundRest(
  state: TransactionState,
  { refundId, found, afterMs }: TransactionCommandOf<'claim_refund_rest'>,
  now: Date,
): TransactionEvent[] {
  const refund = state.kind === 'authorized' ? state.refunds.find((r) => r.id === refundId) : undefined;
  if (refund?.status !== 'processing' || refund.external || found <= 0 || found >= refund.amount) return [];
  const sinceLastCall = now.getTime() - refund.updatedAt.getTime();
  const age = refund.updatedAt.getTime() - refund.createdAt.getTime();
  if (sinceLastCall < Math.max(afterMs, age)) return [];
  return [{ type: 'refund_rest_requested', at: now, refundId, found }];
}

/**
 * The outcome of sending the rest. A refusal (no part made by that call) settles the refund at what the provider
 * did refund: the money that went back is real, the rest is released for the merchant to refund anew.
 */
export function recordRefundRest(
  state: TransactionState,
  { refundId, outcome, parts }: TransactionCommandOf<'record_refund_rest'>,
  now: Date,
): TransactionEvent[] {
  const refund = state.kind === 'authorized' ? state.refunds.find((r) => r.id === refundId) : undefined;
  const refunded = sumOfParts(parts);
  if (refund?.status !== 'processing' || (outcome.kind !== 'declined' && outcome.kind !== 'failed') || refunded <= 0) {
    return recordRefundOutcome(state, { type: 'record_refund_outcome', refundId, outcome }, now);
  }
  const providerRefundIds = parts.map((part) => part.providerRefundId);
  return [
    {
      type: 'refund_settled_short',
      at: now,
      refundId,
      refunded,
      providerRefundIds,
      code: outcome.code,
      message: outcome.message,
    },
  ];
}
