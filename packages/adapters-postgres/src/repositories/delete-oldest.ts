import type { Knex } from 'knex';

/** Which rows of a table age out: `age` is the SQL the retention index covers, `where` any predicate it also has. */
export interface AgingRows {
  table: string;
  /** The column, or comma-separated columns, that name one row. */
  key: string;
  age: string;
  where?: string;
}

/**
 * Deletes up to `limit` of the oldest rows older than `before`, in one short statement (a retention batch, see
 * `pruneInBatches`), and answers how many. `age` and `where` are spelled as their index is, so the planner uses it.
 */
export async function deleteOldest(knex: Knex, rows: AgingRows, before: Date, limit: number): Promise<number> {
  const { table, key, age, where } = rows;
  const { rowCount } = await knex.raw(
    `DELETE FROM ${table} WHERE (${key}) IN (
       SELECT ${key} FROM ${table} WHERE ${where ? `${where} AND ` : ''}${age} < ? ORDER BY ${age} LIMIT ?)`,
    [before, limit],
  );
  return rowCount ?? 0;
}
