import type { Transaction, TransactionData } from '@kessai/domain';
import { escapeLiteral, type PoolClient } from 'pg';
import { fromLoadedRow, type LoadedRow, loadSql } from './transaction-statements';
import { writeStatement } from './write-statement';

// The two round trips of KnexTransactionRepository.update, on a connection borrowed from knex's pool.

/** A pooled node-postgres client, as knex's pool hands it out. */
export type PgConnection = Pick<PoolClient, 'query'>;

/** The name of the prepared load `update` executes after taking the row lock. */
const LOCKED_LOAD = 'kessai_locked_load';
/** Connections on which `LOCKED_LOAD` is prepared: a property of the session, whichever repository uses it. */
const preparedLoad = new WeakSet<object>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Lock, then read, in one round trip: statements sent as one simple-protocol query (hence the escaped
 * literals; there are no bind parameters in that protocol). Each statement takes its own snapshot, so the read
 * runs after the lock is granted and sees every child committed before it. Reading the children inside the
 * locking statement instead would use that statement's older snapshot (the race test caught exactly that).
 */
export async function lockAndLoad(
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
export async function writeAndCommit(
  connection: PgConnection,
  transaction: Transaction,
  before: TransactionData,
  eventCount: number,
): Promise<{ stored: TransactionData; eventCount: number }> {
  const write = writeStatement(transaction, before, eventCount);
  await connection.query(`${write.sql}; COMMIT`);
  return write;
}
