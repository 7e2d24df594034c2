import type { Transaction, TransactionData } from '@kessai/domain';
import { escapeLiteral } from 'pg';
import { VERSION_CONFLICT } from './pg-errors';
import type { Statement } from './pooled-connection';
import { sqlLiteral } from './sql-literals';
import { columnNames } from './table-columns';
import { changedChildren, changedColumns } from './transaction-changes';
import {
  EVENT_COUNT,
  historyRow,
  outboxRow,
  TRANSACTION_COLUMNS,
  transactionData,
  transactionRow,
} from './transaction-columns';

// The SQL of KnexTransactionRepository, built from the column maps. Column and table names are ours, never input.

/**
 * The columns a load names: the data's and the history count. Named, not `*`: a prepared statement's result must
 * not change under a running process when a migration adds a column.
 */
const LOADED_COLUMNS = [...columnNames(TRANSACTION_COLUMNS), EVENT_COUNT];

/** A transaction's row as loaded: its columns and its children as JSON arrays, in position order. */
export type LoadedRow = Record<string, unknown> & {
  event_count: number;
  captures_json: Array<Record<string, unknown>>;
  refunds_json: Array<Record<string, unknown>>;
};

/** The select list of a load from `transactions` under `alias`, children included (one round trip). */
export function loadedColumns(alias: string): string[] {
  return [
    ...LOADED_COLUMNS.map((column) => `${alias}.${column}`),
    `COALESCE((SELECT json_agg(c ORDER BY c.position) FROM captures c WHERE c.transaction_id = ${alias}.id), '[]') AS captures_json`,
    `COALESCE((SELECT json_agg(r ORDER BY r.position) FROM refunds r WHERE r.transaction_id = ${alias}.id), '[]') AS refunds_json`,
  ];
}

export function loadSql(conditions: string): string {
  return `SELECT ${loadedColumns('t').join(', ')} FROM transactions t WHERE ${conditions} LIMIT 1`;
}

export function loadedData(row: LoadedRow): { data: TransactionData; eventCount: number } {
  return { data: transactionData(row, row.captures_json, row.refunds_json), eventCount: Number(row.event_count ?? 0) };
}

const LOCKED_LOAD = 'kessai_locked_load';

/**
 * `BEGIN`, the row lock and the load in one simple-protocol query (literals: that protocol has no parameters),
 * preparing the load first when the connection has not yet. Each statement takes its own snapshot, so the load
 * runs after the lock is granted and sees every child committed before it; reading the children inside the
 * locking statement would use that statement's older snapshot.
 */
export function lockAndLoadSql(merchantAccountId: string, id: string, prepare: boolean): string {
  const where = `id = ${escapeLiteral(id)} AND merchant_account_id = ${escapeLiteral(merchantAccountId)}`;
  const prepared = prepare
    ? `PREPARE ${LOCKED_LOAD} (uuid, text) AS ${loadSql('t.id = $1 AND t.merchant_account_id = $2')}; `
    : '';
  return `${prepared}BEGIN; SELECT 1 FROM transactions WHERE ${where} FOR UPDATE; EXECUTE ${LOCKED_LOAD}(${escapeLiteral(id)}, ${escapeLiteral(merchantAccountId)})`;
}

export function storedVersion(id: string): Statement {
  return { name: 'kessai_stored_version', text: 'SELECT version FROM transactions WHERE id = $1', values: [id] };
}

/** What a written unit of work leaves stored: the state at its new version, and the history count. */
export interface Written {
  sql: string;
  stored: TransactionData;
  eventCount: number;
}

/**
 * The unit of work of one change, as one statement of data-modifying CTEs (atomic on its own, or sent with a
 * `COMMIT` in one simple query): the transaction's row (inserted when there is no `before`, else its changed
 * columns, checked against `before`'s version: a moved version fails the statement with `VERSION_CONFLICT`), the
 * changed or new children, the history and the outbox. Pulls the aggregate's pending events. SQL literals, built
 * by hand: on the hot path, knex's builder cost more than the database spent running the statement.
 */
export function unitOfWork(transaction: Transaction, before: TransactionData | undefined, eventCount: number): Written {
  const data = transaction.toData();
  const events = transaction.pullEvents();
  const count = eventCount + events.length;
  const version = before ? data.version + 1 : 1;
  const row = transactionRow(data, count, version);
  const ctes = [
    before
      ? `"t" AS (${update(row, before, eventCount)} RETURNING "id")`
      : `"t" AS (${insert('transactions', [row])} RETURNING "id")`,
  ];
  const { captures, refunds } = changedChildren(data, before);
  if (captures.length) ctes.push(`"c" AS (${upsert('captures', captures)})`);
  if (refunds.length) ctes.push(`"r" AS (${upsert('refunds', refunds)})`);
  if (events.length) {
    ctes.push(
      `"e" AS (${insert(
        'transaction_events',
        events.map((event, i) => historyRow(event, eventCount + i + 1)),
      )})`,
    );
    ctes.push(`"o" AS (${insert('outbox', events.map(outboxRow))})`);
  }
  const check = before
    ? `CASE WHEN count(*) = 1 THEN 1 ELSE CAST('${VERSION_CONFLICT}:' || count(*) AS int) END AS updated`
    : 'count(*)::int AS inserted';
  // `data` is our own copy and only read above: it becomes the stored state, at the version the write sets.
  return { sql: `WITH ${ctes.join(', ')} SELECT ${check} FROM "t"`, stored: { ...data, version }, eventCount: count };
}

/** The version-checked `UPDATE` of the columns that differ from `before`'s. */
function update(row: Record<string, unknown>, before: TransactionData, eventCount: number): string {
  const sets = Object.entries(changedColumns(transactionRow(before, eventCount), row))
    .map(([column, value]) => `"${column}" = ${sqlLiteral(value)}`)
    .join(', ');
  return `UPDATE "transactions" SET ${sets} WHERE "id" = ${sqlLiteral(before.id)} AND "version" = ${sqlLiteral(before.version)}`;
}

/** `INSERT` of rows that all have the same columns. */
function insert(table: string, rows: readonly Record<string, unknown>[]): string {
  const columns = Object.keys(rows[0] ?? {});
  const values = rows.map((row) => `(${columns.map((column) => sqlLiteral(row[column])).join(', ')})`);
  return `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES ${values.join(', ')}`;
}

/** A child row replaced whole by id (a capture or a refund whose state moved). */
function upsert(table: string, rows: readonly Record<string, unknown>[]): string {
  const columns = Object.keys(rows[0] ?? {}).filter((column) => column !== 'id');
  const merge = columns.map((column) => `"${column}" = excluded."${column}"`).join(', ');
  return `${insert(table, rows)} ON CONFLICT ("id") DO UPDATE SET ${merge}`;
}
