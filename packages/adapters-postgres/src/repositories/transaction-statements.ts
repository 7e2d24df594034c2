import { types } from 'node:util';
import type { DomainEvent, TransactionData } from '@kessai/domain';
import {
  type CaptureRow,
  fromTransactionRow,
  type RefundRow,
  TRANSACTION_COLUMNS,
  type TransactionRow,
  toCaptureRow,
  toRefundRow,
} from './transaction-rows';

// How KnexTransactionRepository reads and writes rows: the load statement, and the rows a change writes.

export type LoadedRow = TransactionRow & { captures_json: unknown[]; refunds_json: unknown[] };

/** The transaction and its children in one statement (children as JSON arrays). */
export function loadSql(conditions: string): string {
  return `SELECT ${TRANSACTION_COLUMNS.map((column) => `t.${column}`).join(', ')},
     COALESCE((SELECT json_agg(c ORDER BY c.position) FROM captures c WHERE c.transaction_id = t.id), '[]') AS captures_json,
     COALESCE((SELECT json_agg(r ORDER BY r.position) FROM refunds r WHERE r.transaction_id = t.id), '[]') AS refunds_json
   FROM transactions t WHERE ${conditions} LIMIT 1`;
}

export function fromLoadedRow(row: LoadedRow): TransactionData {
  const { captures_json, refunds_json, ...transaction } = row;
  return fromTransactionRow(transaction, childRows<CaptureRow>(captures_json), childRows<RefundRow>(refunds_json));
}

/** Children that differ from the loaded state (all of them when there is none): only those are written. */
export function changedChildren(data: TransactionData, before: TransactionData | undefined) {
  const unchanged = (kind: 'captures' | 'refunds', index: number, value: object) => {
    const earlier = before?.[kind][index];
    return earlier !== undefined && sameFlatRecord(earlier, value);
  };
  return {
    captures: data.captures.flatMap((c, i) => (unchanged('captures', i, c) ? [] : [toCaptureRow(data, c, i)])),
    refunds: data.refunds.flatMap((r, i) => (unchanged('refunds', i, r) ? [] : [toRefundRow(data, r, i)])),
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
  // `types.isDate`, not `instanceof`: a copy made by structuredClone may come from another realm (jest's sandbox).
  if (types.isDate(a) || types.isDate(b)) {
    return types.isDate(a) && types.isDate(b) && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') return sameFlatRecord(a, b);
  return Number.isNaN(a) && Number.isNaN(b);
}

export function historyRows(data: TransactionData, events: DomainEvent[], eventCount: number) {
  return events.map((event, i) => ({
    id: event.id,
    transaction_id: data.id,
    merchant_account_id: data.merchantAccountId,
    sequence: eventCount + i + 1,
    name: event.name,
    subject_id: event.subjectId,
    occurred_at: event.occurredAt,
    context: JSON.stringify(event.context),
  }));
}

export function outboxRows(data: TransactionData, events: DomainEvent[]) {
  return events.map((event) => ({
    event_id: event.id,
    merchant_account_id: data.merchantAccountId,
    transaction_id: data.id,
    event: JSON.stringify(event),
  }));
}

/** Children read through json_agg carry their timestamps as text. */
export function childRows<T extends { created_at: Date; updated_at: Date }>(json: unknown[]): T[] {
  return (json as Array<T & { created_at: string; updated_at: string }>).map((row) => ({
    ...row,
    created_at: new Date(row.created_at),
    updated_at: new Date(row.updated_at),
  }));
}

/** jsonb values go as JSON text: the pg driver would send a JS array as a PostgreSQL array literal. */
export function jsonColumnsAsText(row: TransactionRow) {
  return {
    ...row,
    billing_details: JSON.stringify(row.billing_details),
    shipping_details: JSON.stringify(row.shipping_details),
    buyer: row.buyer ? JSON.stringify(row.buyer) : null,
    cart_items: JSON.stringify(row.cart_items),
    metadata: JSON.stringify(row.metadata),
  };
}

export function changedColumns<T extends Record<string, unknown>>(before: T, after: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(after) as Array<keyof T>) {
    const a = before[key];
    const b = after[key];
    const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
    if (!same) changed[key] = b;
  }
  return changed;
}
