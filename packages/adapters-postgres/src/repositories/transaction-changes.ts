import { types } from 'node:util';
import type { TransactionData } from '@kessai/domain';
import { captureRow, refundRow } from './transaction-columns';

// What an update writes: the columns and the children that differ from the state it decided on.

/** Children that differ from the loaded state (all of them when there is none): only those are written. */
export function changedChildren(data: TransactionData, before: TransactionData | undefined) {
  const unchanged = (kind: 'captures' | 'refunds', index: number, value: object) => {
    const earlier = before?.[kind][index];
    return earlier !== undefined && sameFlatRecord(earlier, value);
  };
  return {
    captures: data.captures.flatMap((c, i) => (unchanged('captures', i, c) ? [] : [captureRow(data, c, i)])),
    refunds: data.refunds.flatMap((r, i) => (unchanged('refunds', i, r) ? [] : [refundRow(data, r, i)])),
  };
}

/**
 * Field by field, for the flat records children are (text, numbers, booleans, null, dates, arrays of text): the
 * update path compares every child of a transaction on each write, and two JSON.stringify calls per child were
 * the repository's largest cost after the socket writes.
 */
export function sameFlatRecord(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) {
    if (!(key in right) || !sameValue(left[key], right[key])) return false;
  }
  return true;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return Number.isNaN(a) && Number.isNaN(b);
  // `types.isDate`, not `instanceof`: a copy made by structuredClone may come from another realm (jest's sandbox).
  if (types.isDate(a) || types.isDate(b)) {
    return types.isDate(a) && types.isDate(b) && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  return sameFlatRecord(a, b);
}
