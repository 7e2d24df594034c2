import type { DomainEvent, Transaction, TransactionData } from '@kessai/domain';
import { VERSION_CONFLICT } from './pg-errors';
import { sqlLiteral } from './sql-literals';
import { toTransactionRow } from './transaction-rows';
import { changedChildren, changedColumns, historyRows, jsonColumnsAsText, outboxRows } from './transaction-statements';

/**
 * The changes of `transaction` since `before` (the state stored with `eventCount` history rows) as one statement
 * of data-modifying CTEs, atomic on its own: the changed columns (version-checked), the changed or new children,
 * the history and the outbox, with SQL literals (so it can also travel with a `COMMIT` in one simple query). It
 * fails with `VERSION_CONFLICT` unless the stored version is still `before`'s. Pulls the aggregate's pending
 * events. The result also holds what will be stored once it runs: `stored`, a copy of the state at its new
 * version, and `eventCount`.
 *
 * Written by hand rather than with knex's builder: on the hot path, building it cost more than the database
 * spent running it. Column names come from our own row mappers, never from input.
 */
export function writeStatement(
  transaction: Transaction,
  before: TransactionData,
  eventCount: number,
): { sql: string; stored: TransactionData; eventCount: number } {
  const data = transaction.toData();
  const events = transaction.pullEvents();
  const changed = changedColumns(
    jsonColumnsAsText(toTransactionRow(before)),
    jsonColumnsAsText(toTransactionRow(data)),
  );
  const sets = Object.entries({ ...changed, version: data.version + 1, event_count: eventCount + events.length })
    .map(([column, value]) => `"${column}" = ${sqlLiteral(value)}`)
    .join(', ');
  const ctes = [
    `"t" AS (UPDATE "transactions" SET ${sets} WHERE "id" = ${sqlLiteral(data.id)} AND "version" = ${sqlLiteral(data.version)} RETURNING "id")`,
    ...childAndEventCtes(data, before, events, eventCount),
  ];
  const check = `CASE WHEN count(*) = 1 THEN 1 ELSE CAST('${VERSION_CONFLICT}:' || count(*) AS int) END AS updated`;
  // `data` is our own copy and only read above: it becomes the stored state, at the version the write sets.
  const stored = { ...data, version: data.version + 1 };
  return { sql: `WITH ${ctes.join(', ')} SELECT ${check} FROM "t"`, stored, eventCount: eventCount + events.length };
}

/**
 * A new transaction as one statement: its row, its children, its history and its outbox rows, in the same shape
 * (and with the same builders) as `writeStatement`. Pulls the aggregate's pending events.
 */
export function insertStatement(transaction: Transaction): {
  sql: string;
  stored: TransactionData;
  eventCount: number;
} {
  const data = transaction.toData();
  const events = transaction.pullEvents();
  const row = { ...jsonColumnsAsText(toTransactionRow(data)), version: 1, event_count: events.length };
  const ctes = [
    `"t" AS (${insert('transactions', [row])} RETURNING "id")`,
    ...childAndEventCtes(data, undefined, events, 0),
  ];
  return {
    sql: `WITH ${ctes.join(', ')} SELECT count(*)::int AS inserted FROM "t"`,
    stored: { ...data, version: 1 },
    eventCount: events.length,
  };
}

/** The children that differ from `before` (all of them when there is none), the history and the outbox, as CTEs. */
function childAndEventCtes(
  data: TransactionData,
  before: TransactionData | undefined,
  events: DomainEvent[],
  eventCount: number,
): string[] {
  const ctes: string[] = [];
  const { captures, refunds } = changedChildren(data, before);
  if (captures.length) ctes.push(`"c" AS (${upsert('captures', captures)})`);
  if (refunds.length) ctes.push(`"r" AS (${upsert('refunds', refunds)})`);
  if (events.length) {
    ctes.push(`"e" AS (${insert('transaction_events', historyRows(data, events, eventCount))})`);
    ctes.push(`"o" AS (${insert('outbox', outboxRows(data, events))})`);
  }
  return ctes;
}

/** `INSERT` of rows that all have the same columns. */
function insert(table: string, rows: readonly object[]): string {
  const columns = Object.keys(rows[0] ?? {});
  const values = rows.map(
    (row) => `(${columns.map((column) => sqlLiteral((row as Record<string, unknown>)[column])).join(', ')})`,
  );
  return `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES ${values.join(', ')}`;
}

/** A child row replaced whole by id (a capture or a refund whose state moved). */
function upsert(table: string, rows: readonly object[]): string {
  const columns = Object.keys(rows[0] ?? {}).filter((column) => column !== 'id');
  const merge = columns.map((column) => `"${column}" = excluded."${column}"`).join(', ');
  return `${insert(table, rows)} ON CONFLICT ("id") DO UPDATE SET ${merge}`;
}
