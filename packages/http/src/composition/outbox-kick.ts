import type {
  JobScheduler,
  Page,
  RefundData,
  StoredEvent,
  Transaction,
  TransactionData,
  TransactionListQuery,
  TransactionRepository,
  UpdateResult,
} from '@kessai/domain';

/**
 * How long a wake-up waits, so that a burst of writes is fanned out in one run (one claim, one batch) instead of
 * one run per write: each run costs a dozen round trips. It bounds how late a merchant webhook leaves.
 */
const DISPATCH_DELAY_MS = 200;
/** A queued run due sooner than this may already have read the outbox: queue another. */
const SAFETY_MS = 50;

/**
 * Wakes the outbox dispatcher after every committed write, so merchant webhooks leave within a fraction of a
 * second rather than at the next janitor run (which still sweeps, should a wake-up be lost, e.g. to a database
 * clock far ahead of this process's).
 */
export class OutboxKickingTransactionRepository implements TransactionRepository {
  /** When the dispatch run this process last queued starts (ms since epoch). */
  private queuedRunAt = 0;
  private queuing: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly inner: TransactionRepository,
    private readonly jobs: JobScheduler,
    private readonly onError: (error: unknown) => void,
  ) {}

  async add(transaction: Transaction): Promise<void> {
    await this.inner.add(transaction);
    this.kick();
  }

  async update<R>(
    merchantAccountId: string,
    id: string,
    change: (transaction: Transaction) => R,
  ): Promise<UpdateResult<R>> {
    const result = await this.inner.update(merchantAccountId, id, change);
    this.kick();
    return result;
  }

  async save(transaction: Transaction): Promise<void> {
    await this.inner.save(transaction);
    this.kick();
  }

  get(merchantAccountId: string, id: string): Promise<Transaction | undefined> {
    return this.inner.get(merchantAccountId, id);
  }
  list(merchantAccountId: string, query: TransactionListQuery): Promise<Page<TransactionData>> {
    return this.inner.list(merchantAccountId, query);
  }
  findByProviderTransactionId(paymentServiceId: string, providerTransactionId: string) {
    return this.inner.findByProviderTransactionId(paymentServiceId, providerTransactionId);
  }
  findRefund(
    merchantAccountId: string,
    refundId: string,
  ): Promise<{ transactionId: string; refund: RefundData } | undefined> {
    return this.inner.findRefund(merchantAccountId, refundId);
  }
  listEvents(merchantAccountId: string, transactionId: string): Promise<StoredEvent[]> {
    return this.inner.listEvents(merchantAccountId, transactionId);
  }
  findExpiredApprovals(now: Date, limit: number) {
    return this.inner.findExpiredApprovals(now, limit);
  }
  findUnresolved(before: Date, limit: number) {
    return this.inner.findUnresolved(before, limit);
  }

  /** At shutdown, before the job queue closes: no new wake-ups, and the one being queued finishes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queuing;
  }

  /**
   * Queues a dispatch run `DISPATCH_DELAY_MS` ahead, unless a run this process queued is still ahead (by more
   * than a safety margin): that run starts after this write committed, so it sees it. Runs are unkeyed on
   * purpose: a keyed job could be moved (other processes' wake-ups) or keep an older time and run before a write
   * it was supposed to see. An empty run costs four round trips; at most five are queued per second per process.
   */
  private kick(): void {
    if (this.closed) return;
    const now = Date.now();
    if (now < this.queuedRunAt - SAFETY_MS) return;
    this.queuedRunAt = now + DISPATCH_DELAY_MS;
    this.queuing = this.jobs
      .schedule({ name: 'dispatch-outbox', payload: {}, runAt: new Date(this.queuedRunAt) })
      .catch((error: unknown) => {
        this.queuedRunAt = 0; // not queued after all: the next write tries again
        this.onError(error);
      });
  }
}
