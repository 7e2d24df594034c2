import type { TransactionSummary } from './transaction-summary';

/** What a caller can ask of a transaction: its money operations, cancel, and a sync with the provider. */
export const TRANSACTION_ACTIONS = ['capture', 'refund', 'void', 'cancel', 'sync'] as const;
export type TransactionAction = (typeof TRANSACTION_ACTIONS)[number];

/** The facts the rule reads: a summary holds them, so lists can answer without loading any children. */
export type ActionFacts = Pick<
  TransactionSummary,
  'status' | 'captureClosed' | 'authorizedAmount' | 'capturedAmount' | 'reservedRefundAmount'
>;

/**
 * What the transaction's state lets the aggregate do now, in this order: the same guards `decide` applies to a
 * capture, refund, void or cancel of the whole remaining amount (a connection lacking a feature may still refuse).
 * Sync is always allowed: it only reads what the provider already did.
 */
export function allowedActions(tx: ActionFacts): TransactionAction[] {
  const actions: TransactionAction[] = [];
  // A pending capture may be final, which a summary does not tell: another capture waits for its outcome.
  const noCapturePending = tx.status === 'authorization_succeeded' || tx.status === 'capture_succeeded';
  if (noCapturePending && !tx.captureClosed && tx.authorizedAmount > tx.capturedAmount) actions.push('capture');
  if (tx.capturedAmount > tx.reservedRefundAmount) actions.push('refund');
  if (tx.status === 'authorization_succeeded') actions.push('void');
  if (tx.status === 'processing' || tx.status === 'buyer_approval_pending') actions.push('cancel');
  actions.push('sync');
  return actions;
}
