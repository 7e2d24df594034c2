// The transaction list's filters as the page's URL keeps them (`/dashboard/transactions?status=…&search=…`), so a
// reload, back/forward and a shared link show the same list, and as the API's query for the list and its export.
import { zonedDayToIso } from './format';
import { statusQuery } from './money-state';
import { type AmountProblem, parseAmount } from './parse-amount';

export interface Filters {
  status: string;
  from: string;
  to: string;
  amountMin: string;
  amountMax: string;
  search: string;
  /** One of the overview's attention rows (`ATTENTION_CHOICES`), or none. */
  attention: string;
}
export const NO_FILTERS: Filters = {
  status: '',
  from: '',
  to: '',
  amountMin: '',
  amountMax: '',
  search: '',
  attention: '',
};

/** The API's `attention` filter values (a Kessai extension): the overview's rows that are transactions. */
export const ATTENTION_CHOICES = ['unknown_outcome', 'partly_made_refund', 'expiring_approval'] as const;
export type AttentionChoice = (typeof ATTENTION_CHOICES)[number];

/** Each filter's name in the URL. */
const IN_URL: Record<keyof Filters, string> = {
  status: 'status',
  from: 'from',
  to: 'to',
  amountMin: 'amount_min',
  amountMax: 'amount_max',
  search: 'search',
  attention: 'attention',
};
const KEYS = Object.keys(IN_URL) as Array<keyof Filters>;

export const unfiltered = (filters: Filters) => KEYS.every((key) => filters[key].trim() === '');

/** The filters and the page a URL's query names; what is absent is no filter, the first page. */
export function listFromUrl(search: string): { filters: Filters; cursor: string | null } {
  const params = new URLSearchParams(search);
  const filters = { ...NO_FILTERS };
  for (const key of KEYS) filters[key] = params.get(IN_URL[key]) ?? '';
  return { filters, cursor: params.get('cursor') || null };
}

/** The list narrowed to one attention row: where the overview's "needs attention" links go. */
export const attentionList = (kind: AttentionChoice) => listToUrl({ ...NO_FILTERS, attention: kind }, null);

/** The URL query for filters and a page: empty filters are left out, so the plain list is `/transactions`. */
export function listToUrl(filters: Filters, cursor: string | null): string {
  const params = new URLSearchParams();
  for (const key of KEYS) if (filters[key].trim()) params.set(IN_URL[key], filters[key].trim());
  if (cursor) params.set('cursor', cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The amounts typed in the form, read as yen (`¥12,000`, `12000円`); a problem names the field it is in. */
export function readAmounts(
  draft: Filters,
): { ok: true; filters: Filters } | { ok: false; field: 'amountMin' | 'amountMax'; problem: AmountProblem } {
  const filters = { ...draft };
  for (const field of ['amountMin', 'amountMax'] as const) {
    if (draft[field].trim() === '') continue;
    const parsed = parseAmount(draft[field]);
    if (!parsed.ok) return { ok: false, field, problem: parsed.problem };
    filters[field] = String(parsed.amount);
  }
  return { ok: true, filters };
}

/** The filters as the API's query (the list's and the export's): dates are whole days in the merchant's zone. */
export function apiQuery(filters: Filters, timeZone: string) {
  return {
    ...statusQuery(filters.status),
    created_at_gte: filters.from ? zonedDayToIso(filters.from, timeZone, false) : undefined,
    created_at_lte: filters.to ? zonedDayToIso(filters.to, timeZone, true) : undefined,
    amount_gte: filters.amountMin.trim() || undefined,
    amount_lte: filters.amountMax.trim() || undefined,
    search: filters.search.trim() || undefined,
    attention: filters.attention.trim() || undefined,
  };
}
