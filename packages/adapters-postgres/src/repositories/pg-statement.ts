import type { PoolClient, QueryResult, QueryResultRow } from 'pg';

/** A pooled node-postgres client, as knex's pool hands it out. */
export type PgConnection = Pick<PoolClient, 'query'>;

/**
 * One statement for node-postgres: with `name`, a prepared statement (parsed and planned once per connection);
 * with `values` alone, bound parameters; with neither, the simple protocol, which may carry several statements
 * (`BEGIN; …`), one round trip for all, answering the last one's rows. Prepared statements name their columns,
 * never `*`, so that a later migration cannot change a prepared statement's result under a running process.
 */
export interface Statement {
  text: string;
  values?: readonly unknown[];
  name?: string;
}

/** What node-postgres answered, one result per statement (a simple-protocol query of several gives several). */
export function resultsOf<Row extends QueryResultRow>(
  answered: QueryResult<Row> | Array<QueryResult<Row>>,
): Array<QueryResult<Row>> {
  return Array.isArray(answered) ? answered : [answered];
}

/** The rows of the last statement answered. */
export function lastRows<Row extends QueryResultRow>(answered: QueryResult<Row> | Array<QueryResult<Row>>): Row[] {
  return resultsOf(answered).at(-1)?.rows ?? [];
}

/**
 * `text` as a SQL string literal, as node-postgres' `escapeLiteral` writes it (quotes doubled; with a backslash,
 * an `E''` literal with backslashes doubled, right whatever `standard_conforming_strings` says), but by native
 * replaces: its loop appends a character at a time, and the thousands-deep string that makes for a stored answer
 * or an outbox row cost more to flatten than the statement's execution.
 */
export function sqlLiteral(text: string): string {
  const quoted = text.includes("'") ? text.replace(/'/g, "''") : text;
  return text.includes('\\') ? ` E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}
