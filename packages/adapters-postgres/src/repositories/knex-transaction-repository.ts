import {
  ConcurrencyConflictError,
  type Page,
  type RefundData,
  type StoredEvent,
  Transaction,
  type TransactionData,
  type TransactionListQuery,
  TransactionNotFoundError,
  type TransactionRepository,
  type UpdateResult,
} from '@kessai/domain';
import type { Knex } from 'knex';
import { keysetPage } from './keyset-page';
import { lockAndLoad, type PgConnection, writeAndCommit } from './locked-update';
import { isVersionConflict, translated, translatePgError } from './pg-errors';
import { preparedQuery } from './prepared-query';
import { type RecentState, RecentStates } from './recent-states';
import { applyFilters } from './transaction-filters';
import {
  type CaptureRow,
  fromRefundRow,
  fromTransactionRow,
  type RefundRow,
  type TransactionRow,
  toTransactionRow,
} from './transaction-rows';
import {
  changedChildren,
  fromLoadedRow,
  historyRows,
  jsonColumnsAsText,
  type LoadedRow,
  loadSql,
  outboxRows,
} from './transaction-statements';
import { insertStatement, writeStatement } from './write-statement';

/**
 * Transactions in PostgreSQL. Every write is one database transaction holding the state, the children, the audit
 * events and the outbox entries.
 *
 * Reservation strategy: `update` takes `SELECT … FOR UPDATE` on the transaction row, so concurrent changes of one
 * transaction run one after the other across every process, and the aggregate's own guard (not SQL) decides. We
 * chose the row lock over a single guarded `UPDATE … WHERE captured + x <= authorized` because the rules are more
 * than one inequality (final captures, status, pending children, refunds against captured) and they live in the
 * domain, where they are tested; peers.md measured the lock at −5% throughput. The cached totals columns and their
 * CHECK constraints are a second, independent guard: a buggy decision still cannot store an over-capture.
 *
 * When this process stored or read the transaction lately (`RecentStates`), `update` first decides on that state
 * and sends the write alone, checked against the stored version: one round trip instead of two. If another
 * writer got there first, nothing is written and the update runs again the locked way, so the guard always
 * decides on the stored state.
 */
export class KnexTransactionRepository implements TransactionRepository {
  private readonly recent: RecentStates;

  /** `recentStates`: how many transactions' last states this process keeps for one-round-trip updates (0: none). */
  constructor(
    private readonly knex: Knex,
    options: { recentStates?: number } = {},
  ) {
    this.recent = new RecentStates(options.recentStates ?? 2_000);
  }

  /** One statement (data-modifying CTEs are atomic on their own): the row, its children, history and outbox. */
  async add(transaction: Transaction): Promise<void> {
    const write = insertStatement(transaction);
    await translated(() => this.sendAlone(write.sql));
    transaction.markPersisted();
    this.recent.remember(write.stored, write.eventCount);
  }

  async get(merchantAccountId: string, id: string): Promise<Transaction | undefined> {
    const data = await translated(() => this.load({ id, merchant_account_id: merchantAccountId }));
    return data ? Transaction.rehydrate(data) : undefined;
  }

  async update<R>(
    merchantAccountId: string,
    id: string,
    change: (transaction: Transaction) => R,
  ): Promise<UpdateResult<R>> {
    const recent = this.recent.get(merchantAccountId, id);
    return (recent && (await this.updateRecent(recent, change))) ?? this.updateLocked(merchantAccountId, id, change);
  }

  /**
   * One round trip: `change` decides on the state this process last saw. A change is written alone, checked
   * against the stored version; a refusal or a no-op stands once a read of the stored version shows that state
   * is still the stored one (as if the row lock had been taken at that read: the decision is ordered before any
   * writer still in flight). `undefined`, with nothing written, when the state turned out old.
   */
  private async updateRecent<R>(
    recent: RecentState,
    change: (transaction: Transaction) => R,
  ): Promise<UpdateResult<R> | undefined> {
    const transaction = Transaction.rehydrate(recent.data);
    let result: R;
    try {
      result = change(transaction);
    } catch (refusal) {
      if (await this.isStoredVersion(recent)) throw refusal;
      return undefined;
    }
    if (!transaction.hasChanges()) return (await this.isStoredVersion(recent)) ? { transaction, result } : undefined;
    const write = writeStatement(transaction, recent.data, recent.eventCount);
    try {
      await this.sendAlone(write.sql);
    } catch (error) {
      this.recent.forget(recent.data.id);
      // Only a statement PostgreSQL refused was certainly not written; after any other failure (a connection
      // lost with the reply) the write may have happened, and deciding again could apply the change twice.
      if (refusedAsStale(error)) return undefined;
      throw translatePgError(error);
    }
    transaction.markPersisted();
    this.recent.remember(write.stored, write.eventCount);
    return { transaction, result };
  }

  /**
   * One statement alone on a pooled connection, over the simple protocol (its values are literals: see
   * `write-statement.ts`), so it commits on its own.
   */
  private async sendAlone(sql: string): Promise<void> {
    const connection = (await this.knex.client.acquireConnection()) as PgConnection;
    try {
      await connection.query(sql);
    } finally {
      await this.knex.client.releaseConnection(connection);
    }
  }

  /** Whether `recent` is still the stored state (every committed write moves the version). */
  private async isStoredVersion(recent: RecentState): Promise<boolean> {
    const [row] = await translated(() =>
      preparedQuery<{ version: number }>(
        this.knex,
        'kessai_stored_version',
        'SELECT version FROM transactions WHERE id = $1',
        [recent.data.id],
      ),
    );
    if (row?.version === recent.data.version) return true;
    this.recent.forget(recent.data.id);
    return false;
  }

  /**
   * Two round trips on one pooled connection: `BEGIN` + the row lock + the load as one simple-protocol query,
   * then the changes + `COMMIT` as another. Knex's own transaction helper would send `BEGIN` and `COMMIT` on
   * their own, so the connection is borrowed from knex's pool and driven directly.
   */
  private async updateLocked<R>(
    merchantAccountId: string,
    id: string,
    change: (transaction: Transaction) => R,
  ): Promise<UpdateResult<R>> {
    return translated(async () => {
      const connection = (await this.knex.client.acquireConnection()) as PgConnection;
      try {
        const locked = await lockAndLoad(connection, merchantAccountId, id);
        if (!locked) throw new TransactionNotFoundError(`transaction ${id} was not found`);
        const transaction = Transaction.rehydrate(locked.data);
        const result = change(transaction);
        if (transaction.hasChanges()) {
          const written = await writeAndCommit(connection, transaction, locked.data, locked.eventCount);
          transaction.markPersisted();
          this.recent.remember(written.stored, written.eventCount);
        } else {
          await connection.query('COMMIT');
          this.recent.remember(locked.data, locked.eventCount);
        }
        return { transaction, result };
      } catch (error) {
        this.recent.forget(id);
        await connection.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        await this.knex.client.releaseConnection(connection);
      }
    });
  }

  async save(transaction: Transaction): Promise<void> {
    const eventCount = await translated(() => this.knex.transaction((trx) => this.write(trx, transaction)));
    // Only once committed: a remembered state must be one that was stored under its version.
    this.recent.remember(transaction.toData(), eventCount);
  }

  async list(merchantAccountId: string, query: TransactionListQuery): Promise<Page<TransactionData>> {
    const q = this.knex<TransactionRow>('transactions').where({ merchant_account_id: merchantAccountId });
    applyFilters(q, query);
    const page = await keysetPage<TransactionRow>(q, 'updated_at', query.limit, query.cursor);
    return { ...page, items: await this.withChildrenMany(page.items) };
  }

  async findByProviderTransactionId(
    paymentServiceId: string,
    providerTransactionId: string,
  ): Promise<Transaction | undefined> {
    const data = await this.load({
      payment_service_id: paymentServiceId,
      provider_transaction_id: providerTransactionId,
    });
    return data ? Transaction.rehydrate(data) : undefined;
  }

  async findByProviderCaptureId(paymentServiceId: string, providerCaptureId: string): Promise<Transaction | undefined> {
    const owner = await translated(() =>
      this.knex('captures as c')
        .join('transactions as t', 't.id', 'c.transaction_id')
        .where({ 'c.provider_capture_id': providerCaptureId, 't.payment_service_id': paymentServiceId })
        .first<{ id: string; merchant_account_id: string } | undefined>('t.id', 't.merchant_account_id'),
    );
    return owner && this.get(owner.merchant_account_id, owner.id);
  }

  async findRefund(
    merchantAccountId: string,
    refundId: string,
  ): Promise<{ transactionId: string; refund: RefundData } | undefined> {
    const row = await this.knex<RefundRow>('refunds')
      .where({ id: refundId, merchant_account_id: merchantAccountId })
      .first();
    return row ? { transactionId: row.transaction_id, refund: fromRefundRow(row) } : undefined;
  }

  async listEvents(merchantAccountId: string, transactionId: string): Promise<StoredEvent[]> {
    const rows = await this.knex('transaction_events')
      .where({ transaction_id: transactionId, merchant_account_id: merchantAccountId })
      .orderBy('sequence', 'asc');
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      merchantAccountId: row.merchant_account_id,
      transactionId: row.transaction_id,
      subjectId: row.subject_id,
      occurredAt: row.occurred_at,
      context: row.context,
      sequence: row.sequence,
    }));
  }

  async findExpiredApprovals(now: Date, limit: number): Promise<Array<{ merchantAccountId: string; id: string }>> {
    const rows = await this.knex('transactions')
      .select('merchant_account_id', 'id')
      .whereIn('status', ['processing', 'buyer_approval_pending'])
      .where('approval_expires_at', '<=', now)
      .orderBy('approval_expires_at', 'asc')
      .limit(limit);
    return rows.map((row) => ({ merchantAccountId: row.merchant_account_id, id: row.id }));
  }

  async findUnresolved(before: Date, limit: number): Promise<Array<{ merchantAccountId: string; id: string }>> {
    const { rows } = await this.knex.raw<{ rows: Array<{ merchant_account_id: string; id: string }> }>(
      `SELECT merchant_account_id, id FROM transactions WHERE status = 'authorization_void_pending' AND updated_at <= :before
       UNION SELECT merchant_account_id, transaction_id FROM captures WHERE status = 'pending' AND updated_at <= :before
       UNION SELECT merchant_account_id, transaction_id FROM refunds WHERE status = 'processing' AND updated_at <= :before
       LIMIT :limit`,
      { before, limit },
    );
    return rows.map((row) => ({ merchantAccountId: row.merchant_account_id, id: row.id }));
  }

  /**
   * The unit of work of `save`: state (version-checked), children, history and outbox, in the caller's db
   * transaction. `update`, the hot path, writes only what changed, with its commit (`writeAndCommit`).
   */
  private async write(trx: Knex.Transaction, transaction: Transaction): Promise<number> {
    const data = transaction.toData();
    const events = transaction.pullEvents();
    const row = jsonColumnsAsText(toTransactionRow(data));
    const updated = await trx('transactions')
      .where({ id: data.id, version: data.version })
      .update({ ...row, version: data.version + 1, event_count: trx.raw('event_count + ?', [events.length]) }, [
        'event_count',
      ]);
    if (updated.length === 0) throw new ConcurrencyConflictError(`transaction ${data.id} changed since it was loaded`);
    const eventCount = (updated[0]?.event_count ?? events.length) - events.length;
    const { captures, refunds } = changedChildren(data, undefined);
    if (captures.length) await trx('captures').insert(captures).onConflict('id').merge();
    if (refunds.length) await trx('refunds').insert(refunds).onConflict('id').merge();
    if (events.length) {
      await trx('transaction_events').insert(historyRows(data, events, eventCount));
      await trx('outbox').insert(outboxRows(data, events));
    }
    transaction.markPersisted();
    return eventCount + events.length;
  }

  /**
   * The transaction and its children in one round trip (children as JSON arrays): on this kind of machine every
   * statement's socket writes cost more than the SQL itself.
   */
  /**
   * The transaction and its children in one round trip (children as JSON arrays), as a named prepared statement:
   * PostgreSQL parses and plans it once per connection instead of on every read, the hottest query there is.
   */
  private async load(where: Record<string, string>): Promise<TransactionData | undefined> {
    const columns = Object.keys(where);
    const conditions = columns.map((column, i) => `t.${column} = $${i + 1}`).join(' AND ');
    const [row] = await preparedQuery<LoadedRow>(
      this.knex,
      `kessai_load_by_${columns.join('_')}`,
      loadSql(conditions),
      Object.values(where),
    );
    if (!row) return undefined;
    const data = fromLoadedRow(row);
    // A read is often followed by an update of the same transaction (a sync, a webhook's reconciliation). The
    // callers only rehydrate `data`, which copies it, so the remembered object is never mutated.
    this.recent.remember(data, Number(row.event_count ?? 0));
    return data;
  }

  private async withChildrenMany(rows: TransactionRow[]): Promise<TransactionData[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const [captures, refunds] = await Promise.all([
      this.knex<CaptureRow>('captures').whereIn('transaction_id', ids),
      this.knex<RefundRow>('refunds').whereIn('transaction_id', ids),
    ]);
    return rows.map((row) =>
      fromTransactionRow(
        row,
        captures.filter((c) => c.transaction_id === row.id),
        refunds.filter((r) => r.transaction_id === row.id),
      ),
    );
  }
}

/**
 * Errors after which PostgreSQL certainly rolled the statement back and a newer stored state is the likely
 * cause: the version check, or a history sequence / child row another writer took first.
 */
function refusedAsStale(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  return isVersionConflict(error) || code.startsWith('23') || code.startsWith('40');
}
