import type { Knex } from 'knex';
import type { QueryResultRow } from 'pg';
import { query } from './pooled-connection';

/** A hot statement as a named prepared statement on a pooled connection (see `Statement`). */
export function preparedQuery<Row extends QueryResultRow>(
  knex: Knex,
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  return query<Row>(knex, { name, text, values });
}
