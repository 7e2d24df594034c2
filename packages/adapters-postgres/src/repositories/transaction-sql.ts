import type { DomainEvent, RequestWrites, Transaction } from '@kessai/domain';
import { keepAnswerSql, takeKeySql } from './knex-idempotency-store';
import { markAnsweredSql } from './knex-webhook-inbox';
import { OUTBOX_ROW_EVENTS } from './outbox-positions';
import { KEY_HELD, VERSION_CONFLICT } from './pg-errors';
import { type Statement, sqlLiteral } from './pg-statement';
import type { RecentState } from './recent-states';
import { columnNames } from './table-columns';
import { ACTIVITY_COLUMNS, EVENT_COUNT, SUMMARY_TOTALS, TRANSACTION_COLUMNS } from './transaction-columns';
import { figuresDelta, figuresUpsert } from './transaction-figures';
import {
  allChildRows,
  historyRow,
  insertedRow,
  namedChildRows,
  outboxRow,
  storedState,
  updatedColumns,
} from './transaction-rows';

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

/** The select list of a summary: the transaction's own columns and the cached totals it shows, no children. */
export const SUMMARY_COLUMNS = [...columnNames(TRANSACTION_COLUMNS), ...Object.values(SUMMARY_TOTALS)];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can name a transaction: anything else is simply not found (and would fail the uuid cast). */
export function isTransactionId(id: string): boolean {
  return UUID.test(id);
}

export function loadSql(conditions: string): string {
  return `SELECT ${loadedColumns('t').join(', ')} FROM transactions t WHERE ${conditions} LIMIT 1`;
}

export function loadedState(row: LoadedRow): RecentState {
  return {
    state: storedState(row, row.captures_json, row.refunds_json),
    version: Number(row[TRANSACTION_COLUMNS.version.name]),
    eventCount: Number(row.event_count ?? 0),
  };
}

const LOCKED_LOAD = 'kessai_locked_load';

/**
 * `BEGIN`, the row lock and the load in one simple-protocol query (literals: that protocol has no parameters).
 * Each statement takes its own snapshot, so the load runs after the lock is granted and sees every child committed
 * before it; reading the children inside the locking statement would use that statement's older snapshot. Where
 * the connection keeps prepared statements the load is prepared once (`prepare`), then executed (`execute`);
 * through a transaction pooler it is sent whole every time (`inline`): the next server connection never saw it.
 */
export function lockAndLoadSql(merchantAccountId: string, id: string, load: 'prepare' | 'execute' | 'inline'): string {
  const where = `id = ${sqlLiteral(id)} AND merchant_account_id = ${sqlLiteral(merchantAccountId)}`;
  // The lock answers the backend's pid: which server connection the transaction runs on (`ServerStatements`).
  const lock = `BEGIN; SELECT pg_backend_pid() AS backend FROM transactions WHERE ${where} FOR UPDATE; `;
  if (load === 'inline')
    return `${lock}${loadSql(`t.id = ${sqlLiteral(id)} AND t.merchant_account_id = ${sqlLiteral(merchantAccountId)}`)}`;
  const prepared =
    load === 'prepare'
      ? `PREPARE ${LOCKED_LOAD} (uuid, text) AS ${loadSql('t.id = $1 AND t.merchant_account_id = $2')}; `
      : '';
  return `${prepared}${lock}EXECUTE ${LOCKED_LOAD}(${sqlLiteral(id)}, ${sqlLiteral(merchantAccountId)})`;
}

export function storedVersion(id: string): Statement {
  return { name: 'kessai_stored_version', text: 'SELECT version FROM transactions WHERE id = $1', values: [id] };
}

/** A unit of work's statement, and what it leaves stored: the state at its new version, and the history count. */
export interface Written {
  statement: Statement;
  stored: RecentState;
  /** Whether the statement marks processed the provider webhooks the change answers (`request.webhooks`). */
  marksWebhooks: boolean;
}

/**
 * The unit of work of what the aggregate decided (`pullDecided`), as one statement of data-modifying CTEs (atomic
 * on its own, or inside the locked load's transaction): the transaction's row (inserted when there is no
 * `before`, else its movable columns, checked against `before`'s version: a moved version fails the statement with
 * `VERSION_CONFLICT`), the children the decided events name (all of them on an insert), the history, the
 * outbox, what the change moves in the overview's rollup (`transaction-figures.ts`), what it writes for the
 * request it serves (`requestWrites`) and the provider webhooks it answers, marked processed. Values travel as
 * parameters and the text depends only on the change's shape, so each shape is parsed and planned once per
 * connection (`preparedName`).
 */
export function unitOfWork(
  transaction: Transaction,
  before: RecentState | undefined,
  request: RequestWrites = {},
): Written {
  const { events, records } = transaction.pullDecided();
  const { state } = transaction;
  const eventCount = (before?.eventCount ?? 0) + records.length;
  const version = before ? before.version + 1 : 1;
  const values: unknown[] = [];
  const row = before ? updatedColumns(state, version, eventCount, events) : insertedRow(state, version, eventCount);
  const ctes = before
    ? [`"t" AS (${update(row, before, values)} RETURNING "id")`, `"a" AS (${updateActivity(activityOf(row), values)})`]
    : [
        `"t" AS (${insert('transactions', [row], values)} RETURNING "id")`,
        `"a" AS (${insert('transaction_activity', [activityOf(row)], values)})`,
      ];
  const { captures, refunds } = before ? namedChildRows(state, events) : allChildRows(state);
  if (captures.length) ctes.push(`"c" AS (${upsert('captures', captures, values)})`);
  if (refunds.length) ctes.push(`"r" AS (${upsert('refunds', refunds, values)})`);
  if (records.length) {
    const history = records.map((event, i) => historyRow(event, (before?.eventCount ?? 0) + i + 1));
    ctes.push(`"e" AS (${insert('transaction_events', history, values)})`);
    ctes.push(`"o" AS (${insert('outbox', outboxRows(records), values)})`);
  }
  const deltas = figuresDelta(state, before?.state);
  if (deltas.length) ctes.push(`"f" AS (${figuresUpsert(deltas, 't', (value) => parameter(values, value))})`);
  const claimed = requestWrites(transaction, request, values);
  ctes.push(...claimed.ctes);
  const answered = request.webhooks?.of(transaction);
  if (answered) ctes.push(`"w" AS (${markAnsweredSql(answered, (value) => parameter(values, value))})`);
  const check = before
    ? `CASE WHEN count(*) <> 1 THEN CAST('${VERSION_CONFLICT}:' || count(*) AS int) ${claimed.check} ELSE 1 END AS updated`
    : 'count(*)::int AS inserted';
  const text = `WITH ${ctes.join(', ')} SELECT ${check} FROM "t"`;
  const name = preparedName(text);
  return {
    statement: { text, values, ...(name && { name }) },
    stored: { state, version, eventCount },
    marksWebhooks: answered !== undefined,
  };
}

/**
 * The writes for the request a change serves: its key taken (answered too, when it comes with the answer) or its
 * answer kept. A key another request holds fails the statement with `KEY_HELD`, after the version check (a retry
 * on the newer state may find the key free). The count in the cast keeps PostgreSQL from folding it into an error
 * at planning.
 */
function requestWrites(transaction: Transaction, request: RequestWrites, values: unknown[]) {
  const { claim, answer } = request;
  const response = answer?.of(transaction);
  const place = (value: unknown) => parameter(values, value);
  if (claim) {
    return {
      ctes: [`"k" AS (${takeKeySql(claim, response, place)})`],
      check: `WHEN NOT EXISTS (SELECT 1 FROM "k") THEN CAST('${KEY_HELD}:' || count(*) AS int)`,
    };
  }
  if (answer && response) return { ctes: [`"ka" AS (${keepAnswerSql(answer.claim, response, place)})`], check: '' };
  return { ctes: [], check: '' };
}

/** What a change that writes nothing still writes for its request, alone; undefined when nothing. */
export function requestOnly(transaction: Transaction, request: RequestWrites): Statement | undefined {
  const values: unknown[] = [];
  const { ctes } = requestWrites(transaction, request, values);
  if (!ctes.length) return undefined;
  const text = request.claim
    ? `WITH ${ctes.join(', ')} SELECT CASE WHEN count(*) = 1 THEN 1 ELSE CAST('${KEY_HELD}:' || count(*) AS int) END AS taken FROM "k"`
    : `WITH ${ctes.join(', ')} SELECT 1 AS kept`;
  const name = preparedName(text);
  return { text, values, ...(name && { name }) };
}

/**
 * The outbox rows of a unit of work: one, unless it has more events than an outbox position has room for (an entry's
 * position is its row's times `OUTBOX_ROW_EVENTS` plus its place in the row, see `KnexOutbox`).
 */
function outboxRows(records: readonly DomainEvent[]): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < records.length; i += OUTBOX_ROW_EVENTS)
    rows.push(outboxRow(records.slice(i, i + OUTBOX_ROW_EVENTS)));
  return rows;
}

/** Statement shapes seen so far, by text: each gets a name, so connections prepare it once. */
const shapes = new Map<string, string>();
/** Shapes are few (which columns and children a kind of change touches); past this many, the rest go unnamed. */
const MAX_SHAPES = 200;

function preparedName(text: string): string | undefined {
  const known = shapes.get(text);
  if (known || shapes.size >= MAX_SHAPES) return known;
  const name = `kessai_write_${shapes.size + 1}`;
  shapes.set(text, name);
  return name;
}

function activityOf(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(ACTIVITY_COLUMNS.filter((column) => column in row).map((column) => [column, row[column]]));
}

/** The activity row's moved columns, written only when the version-checked update of `"t"` was. */
function updateActivity(columns: Record<string, unknown>, values: unknown[]): string {
  const sets = Object.entries(columns)
    .map(([column, value]) => `"${column}" = ${parameter(values, value)}`)
    .join(', ');
  return `UPDATE "transaction_activity" SET ${sets} WHERE "id" = (SELECT "id" FROM "t")`;
}

/** The version-checked `UPDATE` of the columns a decision can move. */
function update(columns: Record<string, unknown>, before: RecentState, values: unknown[]): string {
  const sets = Object.entries(columns)
    .map(([column, value]) => `"${column}" = ${parameter(values, value)}`)
    .join(', ');
  return `UPDATE "transactions" SET ${sets} WHERE "id" = ${parameter(values, before.state.details.id)} AND "version" = ${parameter(values, before.version)}`;
}

/** `INSERT` of rows that all have the same columns. */
function insert(table: string, rows: readonly Record<string, unknown>[], values: unknown[]): string {
  const columns = Object.keys(rows[0] ?? {});
  const tuples = rows.map((row) => `(${columns.map((column) => parameter(values, row[column])).join(', ')})`);
  return `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES ${tuples.join(', ')}`;
}

/** A child row replaced whole by id (a capture or a refund whose state moved). */
function upsert(table: string, rows: readonly Record<string, unknown>[], values: unknown[]): string {
  const columns = Object.keys(rows[0] ?? {}).filter((column) => column !== 'id');
  const merge = columns.map((column) => `"${column}" = excluded."${column}"`).join(', ');
  return `${insert(table, rows, values)} ON CONFLICT ("id") DO UPDATE SET ${merge}`;
}

function parameter(values: unknown[], value: unknown): string {
  values.push(value === undefined ? null : value);
  return `$${values.length}`;
}
