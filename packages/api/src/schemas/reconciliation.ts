import { DIFFERENCE_KINDS, ITEM_STATUSES } from '@kessai/domain';
import { z } from 'zod';
import { text, timestamp, uuid } from './common';
import { pageParams } from './list-query';

const actor = z.object({
  type: z.enum(['api_key', 'dashboard_user', 'reconciliation_run']),
  id: z.string(),
  display: z.string(),
});

export const startReconciliationRunBody = z
  .strictObject({
    payment_service_id: uuid.describe('The connection whose day is compared'),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a day as YYYY-MM-DD' })
      .describe('The calendar day in Japan time (Asia/Tokyo)'),
  })
  .meta({ id: 'ReconciliationRunCreate' });

const sides = z.object({ captured_amount: z.number().int(), refunded_amount: z.number().int() });

export const reconciliationRunSchema = z
  .object({
    type: z.literal('reconciliation-run'),
    id: uuid,
    payment_service_id: uuid,
    date: z.string(),
    status: z.enum(['pending', 'running', 'completed', 'failed']),
    trigger: z.enum(['api', 'schedule']),
    requested_by: actor.nullable(),
    transaction_count: z.number().int().nullable().describe("The day's transactions compared"),
    provider_order_count: z.number().int().nullable().describe("The provider's orders of the day"),
    provider_calls: z.number().int().nullable().describe('Calls made to the provider by this run'),
    kessai: sides.nullable().describe("Kessai's yen over the compared transactions (after what the run settled)"),
    provider: sides.nullable().describe("The provider's yen over the same orders"),
    counts_by_kind: z.record(z.string(), z.number().int()).nullable(),
    open_count: z.number().int().nullable(),
    resolved_count: z.number().int().nullable(),
    acknowledged_count: z.number().int().nullable(),
    in_flight_count: z.number().int().nullable(),
    failure_reason: z.string().nullable(),
    created_at: timestamp,
    started_at: timestamp.nullable(),
    completed_at: timestamp.nullable(),
    updated_at: timestamp,
  })
  .meta({ id: 'ReconciliationRun' });

export const reconciliationItemSchema = z
  .object({
    type: z.literal('reconciliation-item'),
    id: uuid,
    run_id: uuid.describe('The run that found it first'),
    payment_service_id: uuid,
    date: z.string(),
    kind: z.enum(DIFFERENCE_KINDS),
    status: z.enum(ITEM_STATUSES),
    transaction_id: uuid.nullable(),
    provider_order_id: z.string().nullable(),
    kessai_amount: z.number().int().nullable(),
    provider_amount: z.number().int().nullable(),
    detail: z.string(),
    resolution: z.enum(['settled_by_sync', 'agrees_now', 'acknowledged']).nullable(),
    acknowledgement: z.object({ actor, note: z.string(), acknowledged_at: timestamp }).nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'ReconciliationItem' });

export const listRunsQuery = z.strictObject({ ...pageParams, payment_service_id: uuid.optional() });
export const listItemsQuery = z.strictObject({
  ...pageParams,
  kind: z.enum(DIFFERENCE_KINDS).optional(),
  status: z.enum(ITEM_STATUSES).optional(),
});
export const itemsCsvQuery = listItemsQuery.omit({ cursor: true, limit: true });
export const acknowledgeItemBody = z
  .strictObject({ note: text(1000).describe('Why the difference may stay as it is') })
  .meta({ id: 'ReconciliationItemAcknowledge' });
