import { TRANSACTION_STATUSES } from '@kessai/domain';
import { z } from 'zod';
import { unacceptablePart } from '../request-guard';
import { text, timestamp } from './common';

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

/** Gr4vy's list filters (gr4vy-api.md §4.2) that Kessai supports; unknown parameters are refused, not ignored. */
export const listTransactionsQuery = z.strictObject({
  ...pageParams,
  status: many(z.enum(TRANSACTION_STATUSES)).optional(),
  'status[]': many(z.enum(TRANSACTION_STATUSES)).optional(),
  created_at_gte: timestamp.optional(),
  created_at_lte: timestamp.optional(),
  updated_at_gte: timestamp.optional(),
  updated_at_lte: timestamp.optional(),
  external_identifier: text(200).optional(),
  amount_eq: integerString('amount_eq').optional(),
  amount_gte: integerString('amount_gte').optional(),
  amount_lte: integerString('amount_lte').optional(),
  metadata: z
    .string()
    .transform((raw, ctx) => {
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
      ctx.addIssue({
        code: 'custom',
        message: 'metadata must be a JSON object of string values, e.g. {"order":"A-1"}',
      });
      return z.NEVER;
    })
    .optional(),
});
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
