import { RefundNotFoundError, TransactionNotFoundError } from '../../errors';
import type { Page, StoredEvent, TransactionListQuery, TransactionRepository } from '../ports/transaction-repository';
import type { Transaction } from '../transaction';
import { type Refund, refundsOf } from '../transaction-state';
import type { TransactionSummary } from '../transaction-summary';
import { historyPage } from './history-page';

/** Read side: every query is scoped by merchant account; another merchant's id is simply not found. */
export class TransactionQueries {
  constructor(private readonly transactions: TransactionRepository) {}

  /** The stored aggregate, for readers of its children (captures, refunds). */
  async get(merchantAccountId: string, id: string): Promise<Transaction> {
    const transaction = await this.transactions.get(merchantAccountId, id);
    if (!transaction) throw new TransactionNotFoundError(`transaction ${id} was not found`);
    return transaction;
  }

  /** What the API shows of a transaction (no children). */
  async summary(merchantAccountId: string, id: string): Promise<TransactionSummary> {
    const summary = await this.transactions.summary(merchantAccountId, id);
    if (!summary) throw new TransactionNotFoundError(`transaction ${id} was not found`);
    return summary;
  }

  list(merchantAccountId: string, query: TransactionListQuery): Promise<Page<TransactionSummary>> {
    return this.transactions.list(merchantAccountId, query);
  }

  async refund(merchantAccountId: string, refundId: string): Promise<{ transactionId: string; refund: Refund }> {
    const found = await this.transactions.findRefund(merchantAccountId, refundId);
    if (!found) throw new RefundNotFoundError(`refund ${refundId} was not found`);
    return found;
  }

  async refunds(merchantAccountId: string, transactionId: string): Promise<readonly Refund[]> {
    return refundsOf((await this.get(merchantAccountId, transactionId)).state);
  }

  /** The transaction's history, oldest first, a page at a time. */
  async events(
    merchantAccountId: string,
    transactionId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<Page<StoredEvent>> {
    await this.get(merchantAccountId, transactionId);
    return historyPage((window) => this.transactions.listEvents(merchantAccountId, transactionId, window), page);
  }
}
