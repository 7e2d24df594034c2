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
const DISPATCH_DELAY_MS = 500;

/**
 * Wakes the outbox dispatcher after every committed write, so merchant webhooks leave within a fraction of a
 * second rather than at the next janitor run (which still sweeps, should a wake-up be lost: a process that dies
 * while it waits).
 */
export class OutboxKickingTransactionRepository implements TransactionRepository {
  private timer: NodeJS.Timeout | undefined;
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
  findByProviderCaptureId(paymentServiceId: string, providerCaptureId: string) {
    return this.inner.findByProviderCaptureId(paymentServiceId, providerCaptureId);
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

  /** At shutdown, before the job queue closes: no new wake-ups, and a waiting one is sent now. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.queue();
    }
    await this.queuing;
  }

  /**
   * Queues a dispatch run `DISPATCH_DELAY_MS` after the first write of a quiet spell; writes meanwhile ride along.
   * The run is queued only when the wait ends, after every write that rode along committed, so it sees them all,
   * and it is due at once (it runs in this process, see InProcessJobs, or at a worker woken by LISTEN).
   */
  private kick(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.queue();
    }, DISPATCH_DELAY_MS);
    this.timer.unref();
  }

  private queue(): void {
    this.queuing = this.jobs
      .schedule({ name: 'dispatch-outbox', payload: {}, runAt: new Date() })
      .catch((error: unknown) => this.onError(error));
  }
}
