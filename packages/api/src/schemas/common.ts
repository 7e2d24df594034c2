import { MAX_AMOUNT } from '@kessai/domain';
import { z } from 'zod';

/** Integer minor units, 1..99,999,999 (JPY has no minor unit: 1299 is ¥1,299). */
export const amount = z
  .number({ error: 'must be a number (integer minor units), not a string' })
  .int({ error: 'must be an integer number of minor units' })
  .min(1, { error: 'must be at least 1' })
  .max(MAX_AMOUNT, { error: `must be at most ${MAX_AMOUNT}` });

export const nonNegativeAmount = z
  .number({ error: 'must be a number (integer minor units)' })
  .int({ error: 'must be an integer' })
  .min(0, { error: 'must not be negative' })
  .max(MAX_AMOUNT, { error: `must be at most ${MAX_AMOUNT}` });

export const currency = z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code in upper case, e.g. JPY' });
export const country = z
  .string()
  .regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166 alpha-2 code in upper case, e.g. JP' });
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });
/** A link Kessai hands on (a redirect, or a shop page shown beside a payment): http(s) only, never `javascript:`. */
export const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2000, { error: 'must be at most 2000 characters' });
export const uuid = z.uuid({ error: 'must be a UUID' });
export const timestamp = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone' });

export const metadata = z
  .record(
    z.string().min(1).max(40, { error: 'metadata keys are at most 40 characters' }),
    z.string().max(500, { error: 'metadata values are at most 500 characters' }),
  )
  .refine((value) => Object.keys(value).length <= 20, { error: 'metadata holds at most 20 pairs' });

export const errorDetail = z.object({
  location: z.enum(['body', 'query', 'path', 'header', 'unknown']),
  pointer: z.string(),
  message: z.string(),
  type: z.string(),
});

export const errorBody = z
  .object({
    type: z.literal('error'),
    code: z.string(),
    status: z.number().int(),
    message: z.string(),
    details: z.array(errorDetail),
    resource_id: z.string().optional(),
  })
  .meta({ id: 'Error' });

/** The error responses every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
} as const;

export const idParam = (name: string) => z.object({ [name]: uuid });

export function listOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      limit: z.number().int(),
      next_cursor: z.string().nullable(),
      previous_cursor: z.string().nullable(),
    })
    .meta({ id });
}
