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
 * Wakes the outbox dispatcher after every committed write, so merchant webhooks leave within milliseconds rather
 * than at the next janitor run (which still sweeps, should a wake-up be lost). Wake-ups coalesce: at most one
 * `dispatch-outbox` schedule call is in flight, and a write during it earns exactly one more.
 */
export class OutboxKickingTransactionRepository implements TransactionRepository {
  private inFlight = false;
  private again = false;

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

  private kick(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.jobs
      .schedule({ name: 'dispatch-outbox', payload: {}, runAt: new Date(), key: 'dispatch-outbox' })
      .catch(this.onError)
      .finally(() => {
        this.inFlight = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }
}
