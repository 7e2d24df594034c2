import { REFUND_STATUSES } from '@kessai/domain';
import { z } from 'zod';
import { timestamp } from './common';

export const refundSchema = z
  .object({
    type: z.literal('refund'),
    id: z.string(),
    transaction_id: z.string(),
    reconciliation_id: z.string(),
    transaction_reconciliation_id: z.string(),
    status: z.enum(REFUND_STATUSES),
    amount: z.number().int(),
    currency: z.string(),
    reason: z.string().nullable(),
    target_type: z.literal('payment-method'),
    external_identifier: z.string().nullable(),
    transaction_external_identifier: z.string().nullable(),
    payment_service_refund_id: z.string().nullable(),
    payment_service_refund_ids: z.array(z.string()),
    error_code: z.string().nullable(),
    raw_response_code: z.string().nullable(),
    raw_response_description: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Refund' });
export type RefundJson = z.infer<typeof refundSchema>;
