import { invalidRequest } from './errors';
import type { Table } from './store';

const DEFAULT_MAX_RESULTS = 20;
const LIMIT_MAX_RESULTS = 100;

export interface Collection<T> {
  object: 'collection';
  pageToken: string;
  nextPageToken?: string;
  maxResults: number;
  results: number;
  data: T[];
}

// A token is the creation-order index to continue from (newest first). Indices never move because tables are
// append-only, so paging stays stable while new objects are created.
const encodeToken = (index: number): string => Buffer.from(`p:${index}`).toString('base64url');

function decodeToken(token: string): number {
  const match = /^p:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!match?.[1]) throw invalidRequest(['pageToken: is not a token this API issued']);
  return Number(match[1]);
}

function maxResultsFrom(query: URLSearchParams): number {
  const raw = query.get('maxResults');
  if (raw === null || raw === '') return DEFAULT_MAX_RESULTS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > LIMIT_MAX_RESULTS) {
    throw invalidRequest([`maxResults: must be an integer between 1 and ${LIMIT_MAX_RESULTS}`]);
  }
  return value;
}

/** Newest first. `pageToken` of a page equals the `nextPageToken` that was used to request it (§2). */
export function paginate<T extends { id: string }, R>(
  table: Table<T>,
  query: URLSearchParams,
  present: (item: T) => R,
): Collection<R> {
  const items = table.inOrder();
  const maxResults = maxResultsFrom(query);
  const token = query.get('pageToken');
  const start = token ? Math.min(decodeToken(token), items.length - 1) : items.length - 1;
  const data: R[] = [];
  let index = start;
  for (; index >= 0 && data.length < maxResults; index--) {
    const item = items[index];
    if (item && table.isLive(item)) data.push(present(item));
  }
  while (index >= 0 && !isLiveAt(table, items, index)) index--;
  return {
    object: 'collection',
    pageToken: encodeToken(Math.max(start, 0)),
    ...(index >= 0 ? { nextPageToken: encodeToken(index) } : {}),
    maxResults,
    results: data.length,
    data,
  };
}

function isLiveAt<T extends { id: string }>(table: Table<T>, items: readonly T[], index: number): boolean {
  const item = items[index];
  return item !== undefined && table.isLive(item);
}
