import type {
  CreationWindow,
  EventWindow,
  Page,
  Refund,
  RequestWrites,
  StoredEvent,
  Transaction,
  TransactionListQuery,
  TransactionRepository,
  TransactionSummary,
  UpdateResult,
} from '@kessai/domain';
import type { OutboxKick } from './outbox-kick';

/** Kicks the outbox dispatcher after every committed write (the writes put the events in the outbox). */
export class OutboxKickingTransactionRepository implements TransactionRepository {
  constructor(
    private readonly inner: TransactionRepository,
    private readonly outbox: Pick<OutboxKick, 'kick'>,
  ) {}

  async add(transaction: Transaction): Promise<void> {
    await this.inner.add(transaction);
    this.outbox.kick();
  }

  async update<R>(
    merchantAccountId: string,
    id: string,
    change: (transaction: Transaction) => R,
    request?: RequestWrites,
  ): Promise<UpdateResult<R>> {
    const result = await this.inner.update(merchantAccountId, id, change, request);
    this.outbox.kick();
    return result;
  }

  get(merchantAccountId: string, id: string): Promise<Transaction | undefined> {
    return this.inner.get(merchantAccountId, id);
  }

  summary(merchantAccountId: string, id: string): Promise<TransactionSummary | undefined> {
    return this.inner.summary(merchantAccountId, id);
  }
  list(merchantAccountId: string, query: TransactionListQuery): Promise<Page<TransactionSummary>> {
    return this.inner.list(merchantAccountId, query);
  }
  listCreated(merchantAccountId: string, window: CreationWindow) {
    return this.inner.listCreated(merchantAccountId, window);
  }
  findByProviderOrderId(paymentServiceId: string, providerOrderId: string) {
    return this.inner.findByProviderOrderId(paymentServiceId, providerOrderId);
  }
  findByProviderCaptureId(paymentServiceId: string, providerCaptureId: string) {
    return this.inner.findByProviderCaptureId(paymentServiceId, providerCaptureId);
  }
  findRefund(
    merchantAccountId: string,
    refundId: string,
  ): Promise<{ transactionId: string; refund: Refund } | undefined> {
    return this.inner.findRefund(merchantAccountId, refundId);
  }
  listEvents(merchantAccountId: string, transactionId: string, window: EventWindow): Promise<StoredEvent[]> {
    return this.inner.listEvents(merchantAccountId, transactionId, window);
  }
  findExpiredApprovals(now: Date, limit: number) {
    return this.inner.findExpiredApprovals(now, limit);
  }
  findUnresolved(before: Date, limit: number) {
    return this.inner.findUnresolved(before, limit);
  }
}
