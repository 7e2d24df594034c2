import { isTimeZone, MONEY_STATES } from '@kessai/domain';
import { z } from 'zod';
import { timestamp } from './common';

/** The time zone the merchant's days begin in when the request names none (every merchant account's today). */
export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

export const overviewQuery = z.object({
  time_zone: z
    .string()
    .max(64)
    .refine(isTimeZone, { error: 'must be an IANA time zone, e.g. Asia/Tokyo' })
    .default(DEFAULT_TIME_ZONE)
    .describe('Days begin at midnight in this IANA time zone'),
});

const counts = {
  created_count: z.number().int().describe('Transactions created'),
  approved_count: z.number().int().describe('Of those, the ones the buyer approved (authorized at some point)'),
  authorized_amount: z.number().int().describe('What they authorized, in minor units (JPY: yen)'),
  captured_amount: z.number().int(),
  refunded_amount: z.number().int(),
};

const periodSchema = z
  .object({
    ...counts,
    approval_conversion: z
      .number()
      .nullable()
      .describe('approved_count ÷ created_count, from 0 to 1; null when nothing was created'),
  })
  .meta({ id: 'OverviewPeriod' });

export const overviewSchema = z
  .object({
    type: z.literal('analytics-overview'),
    time_zone: z.string(),
    generated_at: timestamp,
    days: z
      .array(z.object({ date: z.iso.date(), ...counts }).meta({ id: 'OverviewDay' }))
      .describe('The last 30 days, oldest first, today last: the transactions created on each day, as they stand now'),
    today: periodSchema,
    last_30_days: periodSchema,
    money_states: z
      .object(
        Object.fromEntries(MONEY_STATES.map((state) => [state, z.number().int()])) as Record<
          (typeof MONEY_STATES)[number],
          z.ZodNumber
        >,
      )
      .describe('Transactions created in the last 30 days, by where their money stands'),
    needs_attention: z.object({
      unknown_outcomes: z
        .number()
        .int()
        .describe('Transactions with a capture, refund or void whose provider outcome is not known yet'),
      partly_made_refunds: z.number().int().describe('Refunds the provider made only part of'),
      expiring_approvals: z.number().int().describe('Buyer approvals awaited that expire within 15 minutes'),
      failed_webhook_deliveries: z.number().int().describe('Webhook deliveries given up'),
    }),
  })
  .meta({ id: 'AnalyticsOverview' });
export type OverviewJson = z.infer<typeof overviewSchema>;
