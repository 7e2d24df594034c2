import { InvalidFieldError } from '../errors';
import { decodeCursor, pageCursors } from '../shared/keyset-cursor';
import type { Page } from '../transactions/ports/transaction-repository';

/**
 * One page of `rows`, newest first by (`at`, id), with the same opaque cursors the PostgreSQL adapters give, so
 * every in-memory list pages exactly like the real ones.
 */
export function keysetPage<T extends { id: string }>(
  rows: readonly T[],
  at: (row: T) => Date,
  limit: number,
  cursor: string | undefined,
  idShape?: RegExp,
): Page<T> {
  const position = cursor === undefined ? undefined : decodeCursor(cursor, idShape);
  if (cursor !== undefined && !position) throw new InvalidFieldError('cursor is not valid', '/cursor');
  const key = (row: T) => [at(row).getTime(), row.id] as const;
  const ordered = [...rows].sort((a, b) => compareKeys(key(b), key(a)));
  const after = (row: T) => compareKeys(key(row), [position?.updatedAt ?? 0, position?.id ?? '']) < 0;
  let items: T[];
  if (!position) items = ordered.slice(0, limit);
  else if (position.direction === 'next') items = ordered.filter(after).slice(0, limit);
  else items = ordered.filter((row) => !after(row) && !(row.id === position.id)).slice(-limit);
  const first = items[0];
  const last = items[items.length - 1];
  const moreAfter = last !== undefined && ordered.some((row) => compareKeys(key(row), key(last)) < 0);
  const moreBefore = first !== undefined && ordered.some((row) => compareKeys(key(row), key(first)) > 0);
  const cursors = pageCursors(
    items.map((row) => ({ id: row.id, updatedAt: at(row) })),
    { after: moreAfter, before: moreBefore },
  );
  return { items: items.map((row) => structuredClone(row)), ...cursors };
}

/** Orders (time, id) keys as PostgreSQL orders the same columns. */
export function compareKeys(a: readonly [number, string], b: readonly [number, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}
