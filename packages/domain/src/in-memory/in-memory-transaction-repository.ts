import { DuplicateRecordError, IdempotencyKeyHeldError, TransactionNotFoundError } from '../errors';
import { needsAttention } from '../transactions/analytics/attention';
import type {
  CreatedTransaction,
  CreationWindow,
  EventWindow,
  Page,
  RequestWrites,
  StoredEvent,
  TransactionListQuery,
  TransactionRepository,
  UpdateResult,
} from '../transactions/ports/transaction-repository';
import { Transaction } from '../transactions/transaction';
import type { Refund, TransactionState } from '../transactions/transaction-state';
import type { TransactionSummary } from '../transactions/transaction-summary';
import { InMemoryIdempotencyStore } from './in-memory-idempotency-store';
import type { InMemoryOutbox } from './in-memory-outbox';
import type { InMemoryWebhookInbox } from './in-memory-webhook-inbox';
import { KeyedMutex } from './keyed-mutex';
import { compareKeys, keysetPage } from './keyset-page';

/** A stored transaction: its state (never mutated, `evolve` makes new ones) and its summary at that version. */
interface Row {
  id: string;
  state: TransactionState;
  summary: TransactionSummary;
}

/**
 * Transactions in a Map. Each write is a "unit of work": state, audit events and outbox entries change together,
 * and `update` holds a per-transaction mutex, the stand-in for PostgreSQL's row lock.
 */
export class InMemoryTransactionRepository implements TransactionRepository {
  private readonly rows = new Map<string, Row>();
  private readonly history = new Map<string, StoredEvent[]>();
  private readonly mutex = new KeyedMutex();

  /**
   * `idempotency`: where the keys and answers of the requests updates serve are kept (the API's store); `inbox`:
   * the provider webhooks updates answer (without it, none is marked here: their callers mark them alone).
   */
  constructor(
    private readonly outbox: InMemoryOutbox,
    private readonly idempotency = new InMemoryIdempotencyStore(),
    private readonly inbox?: InMemoryWebhookInbox,
  ) {}

  async add(transaction: Transaction): Promise<void> {
    if (this.rows.has(transaction.id)) throw new DuplicateRecordError(`transaction ${transaction.id} already exists`);
    this.persist(transaction);
  }

  async get(merchantAccountId: string, id: string): Promise<Transaction | undefined> {
    const row = this.rows.get(id);
    return row && row.summary.merchantAccountId === merchantAccountId ? aggregateOf(row) : undefined;
  }

  async summary(merchantAccountId: string, id: string): Promise<TransactionSummary | undefined> {
    const row = this.rows.get(id);
    return row && row.summary.merchantAccountId === merchantAccountId ? { ...row.summary } : undefined;
  }

  async update<R>(
    merchantAccountId: string,
    id: string,
    change: (transaction: Transaction) => R,
    request: RequestWrites = {},
  ): Promise<UpdateResult<R>> {
    const updated = await this.mutex.run(id, async () => {
      const transaction = await this.get(merchantAccountId, id);
      if (!transaction) throw new TransactionNotFoundError(`transaction ${id} was not found`);
      const result = change(transaction);
      const { claim, answer, webhooks } = request;
      if (
        claim &&
        this.idempotency.beginNow(claim.scope, claim.fingerprint, claim.now, claim.leaseMs).kind !== 'started'
      )
        throw new IdempotencyKeyHeldError(`Idempotency-Key ${claim.scope.key} is held by another request`);
      const answered = this.inbox && transaction.hasChanges() ? webhooks?.of(transaction) : undefined;
      if (transaction.hasChanges()) this.persist(transaction);
      if (answered) this.inbox?.markAnsweredNow(answered);
      const response = answer?.of(transaction);
      if (answer && response)
        this.idempotency.completeNow(answer.claim.scope, answer.claim.fingerprint, response, answer.claim.now);
      return { transaction, result, marked: answered !== undefined };
    });
    request.claim?.taken?.();
    if (updated.marked) request.webhooks?.marked?.();
    return { transaction: updated.transaction, result: updated.result };
  }

  async list(merchantAccountId: string, query: TransactionListQuery): Promise<Page<TransactionSummary>> {
    const rows = [...this.rows.values()].filter(
      (row) => row.summary.merchantAccountId === merchantAccountId && matches(row, query),
    );
    const page = keysetPage(rows, (row) => row.summary.updatedAt, query.limit, query.cursor);
    return { ...page, items: page.items.map((row) => ({ ...row.summary })) };
  }

  async findByProviderOrderId(paymentServiceId: string, providerOrderId: string): Promise<Transaction | undefined> {
    for (const row of this.rows.values()) {
      if (row.summary.paymentServiceId === paymentServiceId && row.summary.providerOrderId === providerOrderId) {
        return aggregateOf(row);
      }
    }
    return undefined;
  }

  async findByProviderCaptureId(paymentServiceId: string, providerCaptureId: string): Promise<Transaction | undefined> {
    for (const row of this.rows.values()) {
      if (
        row.summary.paymentServiceId === paymentServiceId &&
        capturesOf(row).some((capture) => capture.providerCaptureId === providerCaptureId)
      )
        return aggregateOf(row);
    }
    return undefined;
  }

  async listCreated(merchantAccountId: string, window: CreationWindow): Promise<CreatedTransaction[]> {
    const key = (row: CreatedTransaction) => [row.createdAt.getTime(), row.id] as const;
    const after = window.after && key(window.after);
    return [...this.rows.values()]
      .map((row) => row.summary)
      .filter(
        (row) =>
          row.merchantAccountId === merchantAccountId &&
          row.paymentServiceId === window.paymentServiceId &&
          row.createdAt.getTime() >= window.from.getTime() &&
          row.createdAt.getTime() < window.to.getTime(),
      )
      .map((row) => ({ id: row.id, createdAt: new Date(row.createdAt) }))
      .filter((row) => !after || compareKeys(key(row), after) > 0)
      .sort((a, b) => compareKeys(key(a), key(b)))
      .slice(0, window.limit);
  }

  async findRefund(
    merchantAccountId: string,
    refundId: string,
  ): Promise<{ transactionId: string; refund: Refund } | undefined> {
    for (const row of this.rows.values()) {
      if (row.summary.merchantAccountId !== merchantAccountId) continue;
      const refund = refundsOf(row).find((candidate) => candidate.id === refundId);
      if (refund) return { transactionId: row.summary.id, refund };
    }
    return undefined;
  }

  async listEvents(merchantAccountId: string, transactionId: string, window: EventWindow): Promise<StoredEvent[]> {
    const row = this.rows.get(transactionId);
    if (!row || row.summary.merchantAccountId !== merchantAccountId) return [];
    const { after, before, limit } = window;
    const inside = (this.history.get(transactionId) ?? []).filter(
      (event) => (after === undefined || event.sequence > after) && (before === undefined || event.sequence < before),
    );
    return structuredClone(before === undefined ? inside.slice(0, limit) : inside.slice(-limit));
  }

  async findExpiredApprovals(now: Date, limit: number): Promise<Array<{ merchantAccountId: string; id: string }>> {
    return [...this.rows.values()]
      .map((row) => row.summary)
      .filter(
        (row) => (row.status === 'processing' || row.status === 'buyer_approval_pending') && row.approvalExpiresAt,
      )
      .filter((row) => (row.approvalExpiresAt?.getTime() ?? Number.POSITIVE_INFINITY) <= now.getTime())
      .sort((a, b) => (a.approvalExpiresAt?.getTime() ?? 0) - (b.approvalExpiresAt?.getTime() ?? 0))
      .slice(0, limit)
      .map((row) => ({ merchantAccountId: row.merchantAccountId, id: row.id }));
  }

  async findUnresolved(before: Date, limit: number): Promise<Array<{ merchantAccountId: string; id: string }>> {
    const cutoff = before.getTime();
    return [...this.rows.values()]
      .filter(
        (row) =>
          capturesOf(row).some((c) => c.status === 'pending' && c.updatedAt.getTime() <= cutoff) ||
          refundsOf(row).some((r) => r.status === 'processing' && r.updatedAt.getTime() <= cutoff) ||
          (row.summary.status === 'authorization_void_pending' && row.summary.updatedAt.getTime() <= cutoff),
      )
      .slice(0, limit)
      .map((row) => ({ merchantAccountId: row.summary.merchantAccountId, id: row.summary.id }));
  }

  /** The unit of work: state, history and outbox together, version bumped once. */
  private persist(transaction: Transaction): void {
    const { records } = transaction.pullDecided();
    transaction.markPersisted();
    this.rows.set(transaction.id, { id: transaction.id, state: transaction.state, summary: transaction.summary() });
    const history = this.history.get(transaction.id) ?? [];
    for (const event of records) history.push({ ...event, sequence: history.length + 1 });
    this.history.set(transaction.id, history);
    this.outbox.append(records);
  }
}

const aggregateOf = (row: Row) => Transaction.rehydrate(row.state, row.summary.version);
const capturesOf = (row: Row) => (row.state.kind === 'authorized' ? row.state.captures : []);
const refundsOf = (row: Row) => (row.state.kind === 'authorized' ? row.state.refunds : []);

function matches(stored: Row, query: TransactionListQuery): boolean {
  const row = stored.summary;
  const t = (date: Date | undefined) => date?.getTime();
  const created = row.createdAt.getTime();
  const updated = row.updatedAt.getTime();
  if (query.statuses?.length && !query.statuses.includes(row.status)) return false;
  if (query.externalIdentifier !== undefined && row.externalIdentifier !== query.externalIdentifier) return false;
  if (query.createdAtGte && created < (t(query.createdAtGte) ?? 0)) return false;
  if (query.createdAtLte && created > (t(query.createdAtLte) ?? 0)) return false;
  if (query.updatedAtGte && updated < (t(query.updatedAtGte) ?? 0)) return false;
  if (query.updatedAtLte && updated > (t(query.updatedAtLte) ?? 0)) return false;
  if (query.amountEq !== undefined && row.amount !== query.amountEq) return false;
  if (query.amountGte !== undefined && row.amount < query.amountGte) return false;
  if (query.amountLte !== undefined && row.amount > query.amountLte) return false;
  if (query.metadata && Object.entries(query.metadata).some(([k, v]) => row.metadata[k] !== v)) return false;
  if (query.attention && !needsAttention(stored.state, row, query.attention)) return false;
  return matchesReferences(row, refundsOf(stored).length > 0, query);
}

function matchesReferences(row: TransactionSummary, refunded: boolean, query: TransactionListQuery): boolean {
  const email = row.billingDetails.emailAddress.toLowerCase();
  const among = (values: readonly string[] | undefined, value: string | null) =>
    !values?.length || (value !== null && values.includes(value));
  if (query.id !== undefined && row.id !== query.id) return false;
  if (query.reconciliationId !== undefined && row.reconciliationId !== query.reconciliationId) return false;
  if (query.providerOrderId !== undefined && row.providerOrderId !== query.providerOrderId) return false;
  if (query.buyerEmailAddresses?.length && !query.buyerEmailAddresses.some((e) => e.toLowerCase() === email))
    return false;
  if (query.buyerId !== undefined && row.buyer?.id !== query.buyerId) return false;
  if (query.buyerExternalIdentifier !== undefined && row.buyer?.externalIdentifier !== query.buyerExternalIdentifier)
    return false;
  if (!among(query.currencies, row.currency) || !among(query.countries, row.country)) return false;
  if (!among(query.paymentServiceIds, row.paymentServiceId) || !among(query.errorCodes, row.errorCode)) return false;
  if (query.hasRefunds !== undefined && refunded !== query.hasRefunds) return false;
  if (query.search !== undefined) {
    const term = query.search;
    const part = term.toLowerCase();
    const exact = [row.id, row.reconciliationId, row.providerOrderId].includes(term);
    const partly = [row.externalIdentifier ?? '', email].some((field) => field.toLowerCase().includes(part));
    if (!exact && !partly) return false;
  }
  return true;
}
