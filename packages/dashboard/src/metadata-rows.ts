// A transaction's metadata as the editor holds it (rows of key and value, in order) and the API's limits on it:
// keys of 1–40 characters, values of at most 500, at most 20 pairs; an external identifier of 1–200 characters.
import type { MessageKey } from './i18n';

export interface MetadataRow {
  /** Stable across edits, so a row keeps its inputs while others are removed. */
  id: string;
  key: string;
  value: string;
}

export const METADATA_LIMITS = { pairs: 20, key: 40, value: 500, externalId: 200 } as const;

export const metadataRows = (metadata: Record<string, string> | null): MetadataRow[] =>
  Object.entries(metadata ?? {}).map(([key, value], index) => ({ id: `kept-${index}`, key, value }));

export interface MetadataProblems {
  externalId?: MessageKey;
  count?: MessageKey;
  rows: Array<{ key?: MessageKey; value?: MessageKey }>;
  any: boolean;
}

/** What the API would refuse, per field, as the messages that say it. A row with neither key nor value is dropped. */
export function metadataProblems(externalId: string, rows: readonly MetadataRow[]): MetadataProblems {
  const kept = rows.filter((row) => row.key.trim() !== '' || row.value !== '');
  const seen = new Set<string>();
  const problems: MetadataProblems = { rows: [], any: false };
  if (externalId.trim().length > METADATA_LIMITS.externalId) problems.externalId = 'meta.externalIdTooLong';
  if (kept.length > METADATA_LIMITS.pairs) problems.count = 'meta.tooMany';
  for (const row of rows) {
    const key = row.key.trim();
    const found: { key?: MessageKey; value?: MessageKey } = {};
    if (key === '' && row.value !== '') found.key = 'meta.keyEmpty';
    else if (key.length > METADATA_LIMITS.key) found.key = 'meta.keyTooLong';
    else if (key !== '' && seen.has(key)) found.key = 'meta.keyTwice';
    if (row.value.length > METADATA_LIMITS.value) found.value = 'meta.valueTooLong';
    if (key) seen.add(key);
    problems.rows.push(found);
  }
  problems.any = Boolean(problems.externalId || problems.count || problems.rows.some((r) => r.key || r.value));
  return problems;
}

/** The body of `PUT /transactions/{id}`: an empty external identifier clears it; metadata replaces the whole map. */
export function updateBody(externalId: string, rows: readonly MetadataRow[]) {
  const pairs = rows.filter((row) => row.key.trim() !== '').map((row) => [row.key.trim(), row.value] as const);
  return { external_identifier: externalId.trim() || null, metadata: Object.fromEntries(pairs) };
}
