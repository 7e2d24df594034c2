import type { Knex } from 'knex';
import type { PoolClient, QueryResultRow } from 'pg';

/**
 * Runs a hot statement as a named prepared statement on a connection borrowed from knex's pool: node-postgres
 * prepares it once per connection, and PostgreSQL skips parsing and planning on every later run (for the
 * transaction load, planning cost more than executing). Statements must name their columns, not `*`, so that a
 * later migration cannot change a prepared statement's result under a running process.
 */
export async function preparedQuery<Row extends QueryResultRow>(
  knex: Knex,
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const connection = (await knex.client.acquireConnection()) as PoolClient;
  try {
    return (await connection.query<Row>({ name, text, values })).rows;
  } finally {
    await knex.client.releaseConnection(connection);
  }
}
