import { ATTENTION_KINDS, TRANSACTION_STATUSES } from '@kessai/domain';
import { z } from 'zod';
import { unacceptablePart } from '../request-guard';
import { country, currency, text, timestamp, uuid } from './common';

const many = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]));
const integerString = (name: string) =>
  z
    .string()
    .regex(/^\d{1,8}$/, { error: `${name} must be a whole number of minor units` })
    .transform(Number);

/** `cursor` and `limit` as every Kessai list takes them (1–100, default 20). */
export const pageParams = {
  cursor: z.string().min(1).max(500).optional(),
  limit: z
    .string()
    .regex(/^\d+$/, { error: 'limit must be a whole number' })
    .transform(Number)
    .pipe(
      z.number().int().min(1, { error: 'limit must be at least 1' }).max(100, { error: 'limit must be at most 100' }),
    )
    .default(20),
};

const metadataFilter = z.string().transform((raw, ctx) => {
  try {
    const parsed: unknown = JSON.parse(raw);
    const record = z.record(z.string(), z.string()).safeParse(parsed);
    // A key such as __proto__ would vanish on the way in, leaving a filter that matches everything.
    if (record.success && Object.keys(record.data).length === Object.keys(parsed as object).length) {
      // Escapes in the JSON text can spell what the raw query could not carry (a NUL, a lone surrogate).
      const problem = unacceptablePart(record.data, 'query');
      if (!problem) return record.data;
      ctx.addIssue({ code: 'custom', message: `metadata${problem.pointer}: ${problem.message}` });
      return z.NEVER;
    }
  } catch {
    // fall through to the issue below
  }
  ctx.addIssue({ code: 'custom', message: 'metadata must be a JSON object of string values, e.g. {"order":"A-1"}' });
  return z.NEVER;
});
const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

/**
 * Filters on things no Kessai transaction ever has (gift cards, 3-D Secure, settlements, disputes, reviews, card
 * details, checkout sessions, IP addresses, merchant-initiated or subsequent payments): accepted, and answered
 * with what is true. Asking for the thing matches nothing; asking for its absence matches everything.
 */
const neverHad = {
  has_gift_card_redemptions: flag.optional(),
  has_settlements: flag.optional(),
  used_3ds: flag.optional(),
  disputed: flag.optional(),
  pending_review: flag.optional(),
  merchant_initiated: flag.optional(),
  is_subsequent_payment: flag.optional(),
  gift_card_id: z.string().optional(),
  gift_card_last4: z.string().optional(),
  payment_method_id: z.string().optional(),
  payment_method_label: z.string().optional(),
  payment_method_fingerprint: z.string().optional(),
  payment_method_bin: z.string().optional(),
  payment_method_scheme: many(z.string()).optional(),
  checkout_session_id: z.string().optional(),
  ip_address: z.string().optional(),
};
type NeverHad = { [K in keyof typeof neverHad]?: unknown };

/** True when a filter asks for something no Kessai transaction has, so the answer is an empty page. */
function asksForTheNever(query: NeverHad & { method?: string[]; payment_source?: string[] }): boolean {
  const { method, payment_source: source } = query;
  if (method && !method.includes('smartpay')) return true;
  if (source && !source.includes('ecommerce')) return true;
  return (Object.keys(neverHad) as Array<keyof NeverHad>).some(
    (key) => query[key] !== undefined && query[key] !== false,
  );
}

/** Gr4vy's list filters (gr4vy-api.md §4.2), all of them; unknown parameters are refused, not ignored. */
export const listTransactionsQuery = z
  .strictObject({
    ...pageParams,
    status: many(z.enum(TRANSACTION_STATUSES)).optional(),
    'status[]': many(z.enum(TRANSACTION_STATUSES)).optional(),
    created_at_gte: timestamp.optional(),
    created_at_lte: timestamp.optional(),
    updated_at_gte: timestamp.optional(),
    updated_at_lte: timestamp.optional(),
    id: uuid.optional(),
    reconciliation_id: text(200).optional(),
    payment_service_transaction_id: text(200).optional(),
    external_identifier: text(200).optional(),
    buyer_email_address: text(320).optional(),
    buyer_id: uuid.optional(),
    buyer_external_identifier: text(200).optional(),
    search: text(320).optional(),
    buyer_search: many(text(320)).optional(),
    amount_eq: integerString('amount_eq').optional(),
    amount_gte: integerString('amount_gte').optional(),
    amount_lte: integerString('amount_lte').optional(),
    currency: many(currency).optional(),
    country: many(country).optional(),
    payment_method_country: country.optional(),
    payment_service_id: many(uuid).optional(),
    method: many(z.string()).optional(),
    payment_source: many(z.string()).optional(),
    error_code: many(text(100)).optional(),
    has_refunds: flag.optional(),
    metadata: many(metadataFilter).optional(),
    /** Kessai extension: what one of the overview's `needs_attention` counts counts, as of the request. */
    attention: z.enum(ATTENTION_KINDS, { error: `attention must be one of ${ATTENTION_KINDS.join(', ')}` }).optional(),
    ...neverHad,
  })
  .transform(({ metadata, ...query }) => ({
    ...query,
    metadata: metadata?.length ? Object.assign({}, ...metadata) : undefined,
    never: asksForTheNever(query),
  }));
export type ListTransactionsQuery = z.infer<typeof listTransactionsQuery>;

export const pageQuery = z.strictObject({
  cursor: z.string().min(1).max(500).optional(),
  limit: z
    .string()
    .regex(/^\d+$/, { error: 'limit must be a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(1).max(100))
    .default(100),
});
