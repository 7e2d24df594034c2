import {
  type CreatedTransaction,
  type CreationWindow,
  type EventWindow,
  type Page,
  type Refund,
  type RequestWrites,
  type StoredEvent,
  Transaction,
  type TransactionListQuery,
  type TransactionRepository,
  type TransactionSummary,
  type UpdateResult,
} from '@kessai/domain';
import type { Knex } from 'knex';
import { type RecentState, RecentStates } from './recent-states';
import { TransactionReads } from './transaction-reads';
import { TransactionWrites } from './transaction-writes';

/**
 * Transactions in PostgreSQL. Every write is one statement (`unitOfWork`) holding the state, the children, the
 * audit events and the outbox entries; the cached totals columns and the money triggers guard what it stores.
 *
 * Update strategy: decide on a state known to be the stored one, then write it checked against that version. The
 * state is the one this process last stored or read (`RecentStates`: one round trip) or, when there is none or it
 * turned out old, the row as read under `SELECT … FOR UPDATE` (three round trips, and concurrent updates of one
 * transaction queue behind the lock across processes). The aggregate, not SQL, decides, because the rules are more
 * than one inequality (final captures, status, pending children, refunds against captured).
 */
export class KnexTransactionRepository implements TransactionRepository {
  private readonly reads: TransactionReads;
  private readonly writes: TransactionWrites;

  /** `recentStates`: how many transactions' last states this process keeps for one-round-trip updates (0: none). */
  constructor(knex: Knex, options: { recentStates?: number } = {}) {
    const recent = new RecentStates(options.recentStates ?? 2_000);
    this.reads = new TransactionReads(knex, recent);
    this.writes = new TransactionWrites(knex, recent);
  }

  add(transaction: Transaction): Promise<void> {
    return this.writes.add(transaction);
  }

  update<R>(
    merchantAccountId: string,
    id: string,
    change: (transaction: Transaction) => R,
    request?: RequestWrites,
  ): Promise<UpdateResult<R>> {
    return this.writes.update(merchantAccountId, id, change, request);
  }

  async get(merchantAccountId: string, id: string): Promise<Transaction | undefined> {
    return aggregate(await this.reads.byId(merchantAccountId, id));
  }

  summary(merchantAccountId: string, id: string): Promise<TransactionSummary | undefined> {
    return this.reads.summary(merchantAccountId, id);
  }

  list(merchantAccountId: string, query: TransactionListQuery): Promise<Page<TransactionSummary>> {
    return this.reads.list(merchantAccountId, query);
  }

  async findByProviderOrderId(paymentServiceId: string, providerOrderId: string) {
    return aggregate(await this.reads.byProviderOrderId(paymentServiceId, providerOrderId));
  }

  async findByProviderCaptureId(paymentServiceId: string, providerCaptureId: string) {
    return aggregate(await this.reads.byProviderCaptureId(paymentServiceId, providerCaptureId));
  }

  findRefund(
    merchantAccountId: string,
    refundId: string,
  ): Promise<{ transactionId: string; refund: Refund } | undefined> {
    return this.reads.refund(merchantAccountId, refundId);
  }

  listEvents(merchantAccountId: string, transactionId: string, window: EventWindow): Promise<StoredEvent[]> {
    return this.reads.events(merchantAccountId, transactionId, window);
  }

  listCreated(merchantAccountId: string, window: CreationWindow): Promise<CreatedTransaction[]> {
    return this.reads.created(merchantAccountId, window);
  }

  findExpiredApprovals(now: Date, limit: number): Promise<Array<{ merchantAccountId: string; id: string }>> {
    return this.reads.expiredApprovals(now, limit);
  }

  findUnresolved(before: Date, limit: number): Promise<Array<{ merchantAccountId: string; id: string }>> {
    return this.reads.unresolved(before, limit);
  }
}

function aggregate(stored: RecentState | undefined): Transaction | undefined {
  return stored ? Transaction.rehydrate(stored.state, stored.version) : undefined;
}
