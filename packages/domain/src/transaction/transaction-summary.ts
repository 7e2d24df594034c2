import { authorizedAmount, capturedAmount, refundedAmount } from './totals';
import type { TransactionData } from './transaction-data';

/**
 * A transaction as readers show and list it: its own fields and the totals its children add up to, without the
 * children themselves (a read of one needs no more than the transaction's row).
 */
export type TransactionSummary = Omit<TransactionData, 'captures' | 'refunds'> & {
  authorizedAmount: number;
  capturedAmount: number;
  refundedAmount: number;
};

/** The summary of a full snapshot (the totals computed from its children, as every write stores them). */
export function summaryOf(data: TransactionData): TransactionSummary {
  // Copied field by field: a rest spread of this many fields takes V8's slow path and leaves a slow object.
  const summary: Record<string, unknown> = {};
  for (const field in data) {
    if (field !== 'captures' && field !== 'refunds') summary[field] = data[field as keyof TransactionData];
  }
  summary.authorizedAmount = authorizedAmount(data);
  summary.capturedAmount = capturedAmount(data);
  summary.refundedAmount = refundedAmount(data);
  return summary as TransactionSummary;
}
