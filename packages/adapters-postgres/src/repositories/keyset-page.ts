import { type CursorPosition, decodeCursor, InvalidFieldError, type Page, pageCursors } from '@kessai/domain';
import type { Knex } from 'knex';

/**
 * One page of a query, newest first by (`column`, id), with the cursors every Kessai list uses. Reads one row more
 * than the page to know whether more lie beyond it.
 */
export async function keysetPage<Row extends { id: string }>(
  query: Knex.QueryBuilder,
  column: string,
  limit: number,
  cursor: string | undefined,
  idShape?: RegExp,
): Promise<Page<Row>> {
  const position = keysetQuery(query, column, limit, cursor, idShape);
  return keysetRows<Row>(await query, column, limit, position);
}

/** Narrows `query` to the page `cursor` points at (one row more than `limit`); the position for `keysetRows`. */
export function keysetQuery(
  query: Knex.QueryBuilder,
  column: string,
  limit: number,
  cursor: string | undefined,
  idShape?: RegExp,
  idColumn = 'id',
): CursorPosition | undefined {
  const position = cursor === undefined ? undefined : decodeCursor(cursor, idShape);
  if (cursor !== undefined && !position) throw new InvalidFieldError('cursor is not valid', '/cursor');
  const backwards = position?.direction === 'previous';
  if (position)
    query.whereRaw(`(??, ??) ${backwards ? '>' : '<'} (?, ?)`, [
      column,
      idColumn,
      new Date(position.updatedAt),
      position.id,
    ]);
  const order = backwards ? 'asc' : 'desc';
  query
    .orderBy([
      { column, order },
      { column: idColumn, order },
    ])
    .limit(limit + 1);
  return position;
}

/** The page of the rows a `keysetQuery` read, with its cursors. */
export function keysetRows<Row extends { id: string }>(
  rows: Row[],
  column: string,
  limit: number,
  position: CursorPosition | undefined,
): Page<Row> {
  const backwards = position?.direction === 'previous';
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backwards) page.reverse();
  const at = (row: Row) => (row as unknown as Record<string, Date>)[column] as Date;
  const cursors = pageCursors(
    page.map((row) => ({ id: row.id, updatedAt: at(row) })),
    { after: backwards ? true : more, before: backwards ? more : position !== undefined },
  );
  return { items: page, ...cursors };
}
