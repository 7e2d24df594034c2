import type { Knex } from 'knex';
import type { QueryResult, QueryResultRow } from 'pg';
import { preparesStatements } from '../connect';
import { lastRows, type PgConnection, resultsOf, type Statement } from './pg-statement';
import { sendPreparedThroughPooler } from './pooler-prepared-statements';

export type { PgConnection, Statement };

/**
 * The one way the transaction repository talks to PostgreSQL: node-postgres on a connection borrowed from knex's
 * pool (knex builds SQL where a query is dynamic, and owns the pool; its query runner would send `BEGIN` and
 * `COMMIT` on their own, a round trip each).
 */
export async function withConnection<T>(knex: Knex, work: (connection: PgConnection) => Promise<T>): Promise<T> {
  const client = (await knex.client.acquireConnection()) as PgConnection;
  try {
    return await work(preparesStatements(knex) ? client : new UnnamedStatements(client));
  } finally {
    await knex.client.releaseConnection(client);
  }
}

/**
 * A connection that sends every statement unnamed (parsed and planned at each use): what a transaction pooler
 * needs, since the next transaction may run on another server connection that never saw the name.
 */
class UnnamedStatements implements PgConnection {
  constructor(readonly client: PgConnection) {}

  query: PgConnection['query'] = ((config: unknown, ...rest: unknown[]) =>
    (this.client.query as (...args: unknown[]) => unknown)(
      typeof config === 'object' && config !== null && 'name' in config ? { ...config, name: undefined } : config,
      ...rest,
    )) as PgConnection['query'];
}

/** Whether statements may be prepared by name (or with SQL `PREPARE`) on this connection: see `withConnection`. */
export function keepsPreparedStatements(connection: PgConnection): boolean {
  return !(connection instanceof UnnamedStatements);
}

export async function send<Row extends QueryResultRow>(connection: PgConnection, statement: Statement): Promise<Row[]> {
  const { text, values, name } = statement;
  const result = (
    values === undefined && name === undefined
      ? await connection.query(text)
      : await connection.query({ text, values: values as unknown[], ...(name ? { name } : {}) })
  ) as QueryResult<Row> | Array<QueryResult<Row>>;
  return lastRows(result);
}

/** A simple-protocol query of several statements, every statement's result in order. */
export async function sendAll<Row extends QueryResultRow>(
  connection: PgConnection,
  text: string,
): Promise<Array<QueryResult<Row>>> {
  return resultsOf((await connection.query(text)) as QueryResult<Row> | Array<QueryResult<Row>>);
}

/** The connection itself, for what prepares statements with SQL where a pooler keeps no names. */
export function unwrapped(connection: PgConnection): PgConnection {
  return connection instanceof UnnamedStatements ? connection.client : connection;
}

/**
 * One statement on a connection of its own, committed on its own. A named one through a transaction pooler is
 * prepared with SQL `PREPARE` where it runs (`sendPreparedThroughPooler`): alone, it is its own transaction.
 */
export function query<Row extends QueryResultRow>(knex: Knex, statement: Statement): Promise<Row[]> {
  return withConnection(knex, (connection) =>
    statement.name && connection instanceof UnnamedStatements
      ? sendPreparedThroughPooler<Row>(connection.client, statement)
      : send<Row>(connection, statement),
  );
}

/** A knex query, as SQL and bindings for `send`. */
export function built(builder: Knex.QueryBuilder, name?: string): Statement {
  const { sql, bindings } = builder.toSQL().toNative();
  return { text: sql, values: bindings, ...(name ? { name } : {}) };
}
