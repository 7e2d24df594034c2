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
  const { captures: _captures, refunds: _refunds, ...own } = data;
  return {
    ...own,
    authorizedAmount: authorizedAmount(data),
    capturedAmount: capturedAmount(data),
    refundedAmount: refundedAmount(data),
  };
}
