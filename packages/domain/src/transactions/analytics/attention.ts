import { APPROVAL_EXPIRING_SOON_MS, UNKNOWN_OUTCOME_RECHECK_MS } from '../timing-policy';
import { capturesOf, refundsOf, type TransactionState } from '../transaction-state';
import type { TransactionSummary } from '../transaction-summary';

/** What a transaction can be waiting on a person for: the overview's "needs attention" rows that are transactions. */
export const ATTENTION_KINDS = ['unknown_outcome', 'partly_made_refund', 'expiring_approval'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

/** The instants the attention rules compare with, all decided from one `now`. */
export interface AttentionTimes {
  now: Date;
  /** A capture, refund or void still pending and last touched before this has an unknown outcome. */
  unresolvedBefore: Date;
  /** An approval awaited that expires after `now` and before this is about to expire. */
  expiringBefore: Date;
}

export function attentionTimes(now: Date): AttentionTimes {
  return {
    now,
    unresolvedBefore: new Date(now.getTime() - UNKNOWN_OUTCOME_RECHECK_MS),
    expiringBefore: new Date(now.getTime() + APPROVAL_EXPIRING_SOON_MS),
  };
}

/** A list filter to the transactions one attention row counts (`GET /transactions?attention=…`). */
export interface AttentionFilter extends AttentionTimes {
  kind: AttentionKind;
}

/**
 * Whether a transaction is one an attention row counts: the rule as the in-memory storage applies it; the
 * PostgreSQL adapter writes it as SQL and the contract suites hold both to it.
 */
export function needsAttention(
  state: TransactionState,
  summary: TransactionSummary,
  { kind, now, unresolvedBefore, expiringBefore }: AttentionFilter,
): boolean {
  const before = unresolvedBefore.getTime();
  const waiting = refundsOf(state).filter((r) => r.status === 'processing' && !r.external);
  switch (kind) {
    case 'unknown_outcome':
      return (
        (summary.status === 'authorization_void_pending' && summary.updatedAt.getTime() <= before) ||
        capturesOf(state).some((c) => c.status === 'pending' && c.updatedAt.getTime() <= before) ||
        waiting.some((r) => r.refundedAtProvider === 0 && r.updatedAt.getTime() <= before)
      );
    case 'partly_made_refund':
      return waiting.some((r) => r.refundedAtProvider > 0);
    case 'expiring_approval':
      return (
        (summary.status === 'processing' || summary.status === 'buyer_approval_pending') &&
        summary.approvalExpiresAt !== null &&
        summary.approvalExpiresAt.getTime() > now.getTime() &&
        summary.approvalExpiresAt.getTime() <= expiringBefore.getTime()
      );
  }
}
