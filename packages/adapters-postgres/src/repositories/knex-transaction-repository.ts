import {
  ConcurrencyConflictError,
  type DomainEvent,
  decodeCursor,
  InvalidFieldError,
  type Page,
  pageCursors,
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
import { escapeLiteral, type PoolClient } from 'pg';
import { keysetPage } from './keyset-page';
import { translated, VERSION_CONFLICT } from './pg-errors';
import { preparedQuery } from './prepared-query';
import { inlineBindings } from './sql-literals';
import {
  type CaptureRow,
  fromRefundRow,
  fromTransactionRow,
  type RefundRow,
  TRANSACTION_COLUMNS,
  type TransactionRow,
  toCaptureRow,
  toRefundRow,
  toTransactionRow,
} from './transaction-rows';

/** The name of the prepared load `update` executes after taking the row lock. */
const LOCKED_LOAD = 'kessai_locked_load';
/** Connections on which `LOCKED_LOAD` is prepared: a property of the session, whichever repository uses it. */
const preparedLoad = new WeakSet<object>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A pooled node-postgres client, as knex's pool hands it out. */
type PgConnection = Pick<PoolClient, 'query'>;

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
 */
export class KnexTransactionRepository implements TransactionRepository {
  constructor(private readonly knex: Knex) {}

  /** One statement (data-modifying CTEs are atomic on their own): the row, its children, history and outbox. */
  async add(transaction: Transaction): Promise<void> {
    const data = transaction.toData();
    const events = transaction.pullEvents();
    const k = this.knex;
    let q = k.with(
      't',
      k('transactions')
        .insert({ ...jsonColumnsAsText(toTransactionRow(data)), version: 1, event_count: events.length })
        .returning('id'),
    );
    q = this.withChildrenAndEvents(q, data, undefined, events, 0);
    await translated(() => q.select(k.raw('count(*)::int AS inserted')).from('t'));
    transaction.markPersisted();
  }

  async get(merchantAccountId: string, id: string): Promise<Transaction | undefined> {
    const data = await translated(() => this.load({ id, merchant_account_id: merchantAccountId }));
    return data ? Transaction.rehydrate(data) : undefined;
  }

  /**
   * The reserve path, in two round trips on one pooled connection: `BEGIN` + the row lock + the load as one
   * simple-protocol query, then the changes + `COMMIT` as another. Knex's own transaction helper would send
   * `BEGIN` and `COMMIT` on their own, so the connection is borrowed from knex's pool and driven directly.
   */
  async update<R>(
    merchantAccountId: string,
    id: string,
    change: (transaction: Transaction) => R,
  ): Promise<UpdateResult<R>> {
    return translated(async () => {
      const connection = (await this.knex.client.acquireConnection()) as PgConnection;
      try {
        const locked = await this.lockAndLoad(connection, merchantAccountId, id);
        if (!locked) throw new TransactionNotFoundError(`transaction ${id} was not found`);
        const transaction = Transaction.rehydrate(locked.data);
        const result = change(transaction);
        if (transaction.hasChanges()) {
          await this.writeAndCommit(connection, transaction, locked.data, locked.eventCount);
          transaction.markPersisted();
        } else await connection.query('COMMIT');
        return { transaction, result };
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        await this.knex.client.releaseConnection(connection);
      }
    });
  }

  async save(transaction: Transaction): Promise<void> {
    await translated(() => this.knex.transaction((trx) => this.write(trx, transaction)));
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
   * Lock, then read, in one round trip: statements sent as one simple-protocol query (hence the escaped
   * literals; there are no bind parameters in that protocol). Each statement takes its own snapshot, so the read
   * runs after the lock is granted and sees every child committed before it. Reading the children inside the
   * locking statement instead would use that statement's older snapshot (the race test caught exactly that).
   */
  private async lockAndLoad(
    connection: PgConnection,
    merchantAccountId: string,
    id: string,
  ): Promise<{ data: TransactionData; eventCount: number } | undefined> {
    if (!UUID.test(id)) return undefined; // no such transaction; and the uuid cast below would fail
    const where = `id = ${escapeLiteral(id)} AND merchant_account_id = ${escapeLiteral(merchantAccountId)}`;
    const lockAndExecute = `BEGIN; SELECT 1 FROM transactions WHERE ${where} FOR UPDATE; EXECUTE ${LOCKED_LOAD}(${escapeLiteral(id)}, ${escapeLiteral(merchantAccountId)})`;
    // The load is a server-side prepared statement (planned once per connection; planning it costs PostgreSQL more
    // than running it), prepared on the connection's first update and executed in the same simple query.
    let results: Array<{ rows: LoadedRow[] }>;
    try {
      const prepare = preparedLoad.has(connection)
        ? ''
        : `PREPARE ${LOCKED_LOAD} (uuid, text) AS ${loadSql('t.id = $1 AND t.merchant_account_id = $2')}; `;
      results = (await connection.query(`${prepare}${lockAndExecute}`)) as unknown as typeof results;
    } catch (error) {
      // Prepared earlier in a query that then failed: the statement exists, only our note of it is missing.
      if ((error as { code?: string }).code !== '42P05') throw error;
      preparedLoad.add(connection);
      results = (await connection.query(lockAndExecute)) as unknown as typeof results;
    }
    preparedLoad.add(connection);
    const row = results.at(-1)?.rows[0];
    return row && { data: fromLoadedRow(row), eventCount: Number(row.event_count ?? 0) };
  }

  /**
   * The changes of one `update` and its `COMMIT`, in one round trip: the version-checked UPDATE, the changed or
   * new children, the history and the outbox as data-modifying CTEs, with literals in place of parameters (the
   * simple protocol that carries two statements has none; see `inlineBindings`). A version that moved makes the
   * statement fail on purpose, so the `COMMIT` after it never runs.
   */
  private async writeAndCommit(
    connection: PgConnection,
    transaction: Transaction,
    before: TransactionData,
    eventCount: number,
  ): Promise<void> {
    const data = transaction.toData();
    const events = transaction.pullEvents();
    const row = jsonColumnsAsText(toTransactionRow(data));
    const changed = changedColumns(jsonColumnsAsText(toTransactionRow(before)), row);
    const k = this.knex;
    let q = k.with(
      't',
      k('transactions')
        .where({ id: data.id, version: data.version })
        .update({ ...changed, version: data.version + 1, event_count: eventCount + events.length }, ['id']),
    );
    q = this.withChildrenAndEvents(q, data, before, events, eventCount);
    const checked = q
      .select(
        k.raw(`CASE WHEN count(*) = 1 THEN 1 ELSE CAST('${VERSION_CONFLICT}:' || count(*) AS int) END AS updated`),
      )
      .from('t')
      .toSQL()
      .toNative();
    await connection.query(`${inlineBindings(checked.sql, checked.bindings)}; COMMIT`);
  }

  /** The children that changed, the history rows and the outbox rows, as CTEs after `t`. */
  private withChildrenAndEvents(
    query: Knex.QueryBuilder,
    data: TransactionData,
    before: TransactionData | undefined,
    events: DomainEvent[],
    eventCount: number,
  ): Knex.QueryBuilder {
    const k = this.knex;
    let q = query;
    const { captures, refunds } = changedChildren(data, before);
    if (captures.length) q = q.with('c', k('captures').insert(captures).onConflict('id').merge());
    if (refunds.length) q = q.with('r', k('refunds').insert(refunds).onConflict('id').merge());
    if (events.length) {
      q = q
        .with('e', k('transaction_events').insert(historyRows(data, events, eventCount)))
        .with('o', k('outbox').insert(outboxRows(data, events)));
    }
    return q;
  }

  /**
   * The unit of work of `save`: state (version-checked), children, history and outbox, in the caller's db
   * transaction. `update`, the hot path, writes only what changed, with its commit (`writeAndCommit`).
   */
  private async write(trx: Knex.Transaction, transaction: Transaction): Promise<void> {
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
    return row && fromLoadedRow(row);
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

type LoadedRow = TransactionRow & { captures_json: unknown[]; refunds_json: unknown[] };

/** The transaction and its children in one statement (children as JSON arrays). */
function loadSql(conditions: string): string {
  return `SELECT ${TRANSACTION_COLUMNS.map((column) => `t.${column}`).join(', ')},
     COALESCE((SELECT json_agg(c ORDER BY c.position) FROM captures c WHERE c.transaction_id = t.id), '[]') AS captures_json,
     COALESCE((SELECT json_agg(r ORDER BY r.position) FROM refunds r WHERE r.transaction_id = t.id), '[]') AS refunds_json
   FROM transactions t WHERE ${conditions} LIMIT 1`;
}

function fromLoadedRow(row: LoadedRow): TransactionData {
  const { captures_json, refunds_json, ...transaction } = row;
  return fromTransactionRow(transaction, childRows<CaptureRow>(captures_json), childRows<RefundRow>(refunds_json));
}

/** Children that differ from the loaded state (all of them when there is none): only those are written. */
function changedChildren(data: TransactionData, before: TransactionData | undefined) {
  const unchanged = (kind: 'captures' | 'refunds', index: number, value: unknown) =>
    before !== undefined && JSON.stringify(before[kind][index]) === JSON.stringify(value);
  return {
    captures: data.captures.flatMap((c, i) => (unchanged('captures', i, c) ? [] : [toCaptureRow(data, c, i)])),
    refunds: data.refunds.flatMap((r, i) => (unchanged('refunds', i, r) ? [] : [toRefundRow(data, r, i)])),
  };
}

function historyRows(data: TransactionData, events: DomainEvent[], eventCount: number) {
  return events.map((event, i) => ({
    id: event.id,
    transaction_id: data.id,
    merchant_account_id: data.merchantAccountId,
    sequence: eventCount + i + 1,
    name: event.name,
    subject_id: event.subjectId,
    occurred_at: event.occurredAt,
    context: JSON.stringify(event.context),
  }));
}

function outboxRows(data: TransactionData, events: DomainEvent[]) {
  return events.map((event) => ({
    event_id: event.id,
    merchant_account_id: data.merchantAccountId,
    transaction_id: data.id,
    event: JSON.stringify(event),
  }));
}

/** Children read through json_agg carry their timestamps as text. */
function childRows<T extends { created_at: Date; updated_at: Date }>(json: unknown[]): T[] {
  return (json as Array<T & { created_at: string; updated_at: string }>).map((row) => ({
    ...row,
    created_at: new Date(row.created_at),
    updated_at: new Date(row.updated_at),
  }));
}

/** jsonb values go as JSON text: the pg driver would send a JS array as a PostgreSQL array literal. */
function jsonColumnsAsText(row: TransactionRow) {
  return {
    ...row,
    billing_details: JSON.stringify(row.billing_details),
    shipping_details: JSON.stringify(row.shipping_details),
    cart_items: JSON.stringify(row.cart_items),
    metadata: JSON.stringify(row.metadata),
  };
}

function changedColumns<T extends Record<string, unknown>>(before: T, after: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(after) as Array<keyof T>) {
    const a = before[key];
    const b = after[key];
    const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
    if (!same) changed[key] = b;
  }
  return changed;
}

function applyFilters(q: Knex.QueryBuilder, query: TransactionListQuery): void {
  if (query.statuses?.length) q.whereIn('status', [...query.statuses]);
  if (query.externalIdentifier !== undefined) q.where('external_identifier', query.externalIdentifier);
  if (query.createdAtGte) q.where('created_at', '>=', query.createdAtGte);
  if (query.createdAtLte) q.where('created_at', '<=', query.createdAtLte);
  if (query.updatedAtGte) q.where('updated_at', '>=', query.updatedAtGte);
  if (query.updatedAtLte) q.where('updated_at', '<=', query.updatedAtLte);
  if (query.amountEq !== undefined) q.where('amount', query.amountEq);
  if (query.amountGte !== undefined) q.where('amount', '>=', query.amountGte);
  if (query.amountLte !== undefined) q.where('amount', '<=', query.amountLte);
  if (query.metadata && Object.keys(query.metadata).length)
    q.whereRaw('metadata @> ?::jsonb', [JSON.stringify(query.metadata)]);
}
