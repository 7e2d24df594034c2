import { createHash } from 'node:crypto';
import type { QueryResultRow } from 'pg';
// node-postgres' own text form of a bound value: what its extended protocol would have sent for it.
import { prepareValue } from 'pg/lib/utils';
import { PREPARED_STATEMENT_EXISTS, PREPARED_STATEMENT_MISSING, sqlStateOf } from './pg-errors';
import { lastRows, type PgConnection, type Statement, sqlLiteral } from './pg-statement';

/**
 * A statement sent alone (its own implicit transaction) through a transaction pooler, prepared where it runs.
 * PgBouncer 1.18 keeps no protocol-level names, but a server connection keeps what SQL `PREPARE` made on it for its
 * life: the statement is run with `EXECUTE` and literal values, and prepared by `PREPARE … ; EXECUTE …` (one
 * simple-protocol query, so both run on the same server connection) the first time a server connection lacks it.
 * PostgreSQL then parses a short `EXECUTE` and reuses its plan, where an unnamed statement is parsed and planned
 * every time. The name is derived from the text: processes of other versions behind the same pooler never run
 * each other's statements under one name. Values that have no literal form go unnamed, as before.
 */
export async function sendPreparedThroughPooler<Row extends QueryResultRow>(
  connection: PgConnection,
  statement: Statement,
): Promise<Row[]> {
  const { values = [] } = statement;
  const unnamed = async () => lastRows<Row>(await connection.query({ text: statement.text, values: [...values] }));
  const args = literals(values);
  if (!args) return unnamed();
  const { execute, prepare } = sqlOf(statement.text, args);
  // Another client may prepare it on the server connection a retry lands on: at most one more turn each way.
  for (const sql of [execute, `${prepare}; ${execute}`, execute]) {
    try {
      return lastRows<Row>(await connection.query(sql));
    } catch (error) {
      const code = sqlStateOf(error);
      if (code !== PREPARED_STATEMENT_MISSING && code !== PREPARED_STATEMENT_EXISTS) throw error;
    }
  }
  return unnamed();
}

/** A statement the server connection it was meant for did not hold as this process believed: decide again. */
export class ServerStatementMissedError extends Error {}

/**
 * Inside an explicit transaction a miss would abort it, so there the statement is run the way its server
 * connection (known by its backend pid, which the locking statement returns) is known to need: `EXECUTE` where
 * this process saw it prepared, `PREPARE …; EXECUTE …` elsewhere, and `; COMMIT` in the same query (one round trip
 * fewer than a bound statement, which cannot share a query with it). When that knowledge is wrong (another process
 * prepared it there first, or a new backend took the pid), PostgreSQL refuses before anything is written: the
 * belief is corrected and `ServerStatementMissedError` tells the caller to roll back and decide again.
 */
export class ServerStatements {
  private readonly byBackend = new Map<number, Set<string>>();

  async executeAndCommit(connection: PgConnection, backend: number, statement: Statement): Promise<void> {
    const { text, values = [] } = statement;
    const args = literals(values);
    if (!args) {
      await connection.query({ text, values: [...values] });
      await connection.query('COMMIT');
      return;
    }
    const { name, execute, prepare } = sqlOf(text, args);
    const known = this.byBackend.get(backend)?.has(name) ?? false;
    try {
      await connection.query(known ? `${execute}; COMMIT` : `${prepare}; ${execute}; COMMIT`);
    } catch (error) {
      const code = sqlStateOf(error);
      if (code === PREPARED_STATEMENT_MISSING) this.byBackend.delete(backend);
      else if (code === PREPARED_STATEMENT_EXISTS) this.remember(backend, name);
      if (code === PREPARED_STATEMENT_MISSING || code === PREPARED_STATEMENT_EXISTS)
        throw new ServerStatementMissedError(String(code));
      throw error;
    }
    this.remember(backend, name);
  }

  private remember(backend: number, name: string): void {
    let names = this.byBackend.get(backend);
    if (!names) {
      // Backends come and go (the pooler's server lifetime): past the bound, start again from nothing known.
      if (this.byBackend.size >= MAX_BACKENDS) this.byBackend.clear();
      names = new Set<string>();
      this.byBackend.set(backend, names);
    }
    names.add(name);
  }
}

/** Names by text, for the few shapes a process sends (past the bound, names are computed each time). */
const names = new Map<string, string>();
const MAX_NAMES = 500;
const MAX_BACKENDS = 1_000;

/** The statement's name, its `EXECUTE` with these literal values, and its `PREPARE`. */
function sqlOf(text: string, args: readonly string[]) {
  const name = nameOf(text);
  const execute = args.length ? `EXECUTE ${name}(${args.join(', ')})` : `EXECUTE ${name}`;
  return { name, execute, prepare: `PREPARE ${name} AS ${text}` };
}

function nameOf(text: string): string {
  const known = names.get(text);
  if (known) return known;
  const name = `kessai_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
  if (names.size < MAX_NAMES) names.set(text, name);
  return name;
}

/** Each value as a SQL literal, as the extended protocol would have sent it; undefined if one has no text form. */
function literals(values: readonly unknown[]): string[] | undefined {
  const out: string[] = [];
  for (const value of values) {
    // Every time column is timestamptz: UTC says the same instant as node-postgres' local-time text, for less work.
    if (value instanceof Date && !Number.isNaN(value.getTime())) {
      out.push(`'${value.toISOString()}'`);
      continue;
    }
    const prepared: unknown = prepareValue(value);
    if (prepared === null || prepared === undefined) out.push('NULL');
    else if (Buffer.isBuffer(prepared)) out.push(sqlLiteral(`\\x${prepared.toString('hex')}`));
    else if (typeof prepared === 'string') out.push(sqlLiteral(prepared));
    else return undefined;
  }
  return out;
}
