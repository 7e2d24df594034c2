import type { TransactionStatus } from '../transaction-status';

/**
 * Where a transaction's money stands, read from its row alone (status, error code, cancel time and totals): the one
 * rule the overview's counts are made of. The PostgreSQL adapter writes the same rule as SQL and the contract suite
 * holds both to it; the dashboard's own reading (`money-state.ts`) is checked against it on shared fixtures.
 */
export const MONEY_STATES = [
  'pending',
  'uncaptured',
  'partially_captured',
  'captured',
  'partially_refunded',
  'refunded',
  'voided',
  'cancelled',
  'failed',
] as const;
export type MoneyState = (typeof MONEY_STATES)[number];

/** The error code a transaction cancelled before the buyer approved is served with (status authorization_failed). */
export const CANCELLED_ERROR_CODE = 'canceled_buyer_approval';

export interface MoneyStateFields {
  status: TransactionStatus;
  errorCode: string | null;
  canceledAt: Date | null;
  authorizedAmount: number;
  capturedAmount: number;
  refundedAmount: number;
}

/** The statuses in which the buyer's money is held or taken (authorized, and not voided). */
export const HOLDING_STATUSES: readonly TransactionStatus[] = [
  'authorization_succeeded',
  'capture_pending',
  'capture_succeeded',
  'authorization_void_pending',
];

export function moneyStateOf(tx: MoneyStateFields): MoneyState {
  if (tx.status === 'authorization_failed' && (tx.canceledAt !== null || tx.errorCode === CANCELLED_ERROR_CODE)) {
    return 'cancelled';
  }
  if (tx.status === 'authorization_failed' || tx.status === 'authorization_declined') return 'failed';
  if (tx.status === 'authorization_voided') return 'voided';
  if (!HOLDING_STATUSES.includes(tx.status)) return 'pending';
  if (tx.refundedAmount > 0) return tx.refundedAmount >= tx.capturedAmount ? 'refunded' : 'partially_refunded';
  if (tx.capturedAmount === 0) return 'uncaptured';
  return tx.capturedAmount < tx.authorizedAmount ? 'partially_captured' : 'captured';
}
