import { CAPTURE_STATUSES, TRANSACTION_ACTIONS, TRANSACTION_STATUSES } from '@kessai/domain';
import { z } from 'zod';
import { amount, metadata, text, timestamp } from './common';

export const captureBody = z
  .strictObject({
    amount: amount.nullish(),
    final: z.boolean().default(true).meta({
      description:
        "Gr4vy's meaning by default (true: no capture after this one; a partial capture releases the rest). false is Kessai's extension for Smartpay's multiple partial captures: the rest stays capturable. The Gr4vy SDK cannot send it.",
    }),
  })
  .default({ final: true })
  .meta({ id: 'TransactionCaptureCreate' });

export const refundBody = z
  .strictObject({
    amount: amount.nullish(),
    reason: text(100).nullish(),
    external_identifier: text(300).nullish(),
    target_type: z.literal('payment-method').nullish(),
  })
  .default({})
  .meta({ id: 'TransactionRefundCreate' });

export const refundAllBody = z
  .strictObject({ reason: text(100).nullish(), external_identifier: text(300).nullish() })
  .default({})
  .meta({ id: 'TransactionRefundAllCreate' });

export const emptyBody = z.strictObject({}).meta({ id: 'EmptyBody' });

const addressOut = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  postal_code: z.string(),
  country: z.string(),
  state_code: z.string().nullable(),
  house_number_or_name: z.string().nullable(),
  organization: z.string().nullable(),
});
const personOut = z.object({
  first_name: z.string(),
  last_name: z.string(),
  email_address: z.string(),
  phone_number: z.string().nullable(),
  address: addressOut,
});

export const cartItemOut = z.object({
  name: z.string(),
  quantity: z.number().int(),
  unit_amount: z.number().int(),
  discount_amount: z.number().int(),
  tax_amount: z.number().int(),
  product_type: z.string().nullable(),
  sku: z.string().nullable(),
  external_identifier: z.string().nullable(),
  description: z.string().nullable(),
  product_url: z.string().nullable(),
  image_url: z.string().nullable(),
  categories: z.array(z.string()).nullable(),
  upc: z.string().nullable(),
  seller_country: z.string().nullable(),
  tax_exempt: z.boolean().nullable(),
  unit_of_measure: z.string().nullable(),
  commodity_code: z.string().nullable(),
});

export const transactionSchema = z
  .object({
    type: z.literal('transaction'),
    id: z.string(),
    reconciliation_id: z.string(),
    merchant_account_id: z.string(),
    status: z.enum(TRANSACTION_STATUSES),
    intent: z.enum(['authorize', 'capture']),
    intent_outcome: z.enum(['pending', 'succeeded', 'failed']),
    amount: z.number().int(),
    authorized_amount: z.number().int(),
    captured_amount: z.number().int(),
    refunded_amount: z.number().int(),
    settled: z.boolean(),
    settled_amount: z.number().int(),
    settled_currency: z.string().nullable(),
    currency: z.string(),
    country: z.string().nullable(),
    external_identifier: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
    method: z.literal('smartpay'),
    instrument_type: z.literal('redirect'),
    payment_method: z.object({
      type: z.literal('payment-method'),
      method: z.string(),
      mode: z.literal('redirect'),
      approval_url: z.string().nullable(),
      approval_target: z.literal('any'),
      country: z.string(),
      currency: z.string(),
      external_identifier: z.string().nullable(),
    }),
    payment_service: z.object({
      type: z.literal('payment-service'),
      id: z.string(),
      payment_service_definition_id: z.string(),
      method: z.string(),
      display_name: z.string(),
    }),
    payment_service_transaction_id: z.string().nullable(),
    additional_identifiers: z.record(z.string(), z.string()),
    buyer: z.object({
      type: z.literal('buyer'),
      id: z.string().nullable(),
      display_name: z.string().nullable(),
      external_identifier: z.string().nullable(),
      account_number: z.string().nullable(),
      billing_details: personOut,
    }),
    shipping_details: personOut.extend({ type: z.literal('shipping-details') }),
    cart_items: z.array(cartItemOut),
    error_code: z.string().nullable(),
    raw_response_code: z.string().nullable(),
    raw_response_description: z.string().nullable(),
    payment_source: z.literal('ecommerce'),
    merchant_initiated: z.boolean(),
    is_subsequent_payment: z.boolean(),
    account_funding_transaction: z.boolean(),
    multi_tender: z.boolean(),
    pending_review: z.boolean(),
    disputed: z.boolean(),
    gift_card_redemptions: z.array(z.record(z.string(), z.unknown())).max(0),
    created_at: timestamp,
    updated_at: timestamp,
    authorized_at: timestamp.nullable(),
    captured_at: timestamp.nullable(),
    voided_at: timestamp.nullable(),
    canceled_at: timestamp.nullable(),
    approval_expires_at: timestamp.nullable(),
    buyer_approval_timedout_at: timestamp.nullable(),
    actions: z
      .array(z.enum(TRANSACTION_ACTIONS))
      .describe(
        'Kessai extension: what the transaction allows now (a capture, refund, void or cancel of the whole remaining amount would be accepted; sync always is). The connection may still refuse a feature it lacks.',
      ),
  })
  .meta({ id: 'Transaction' });
export type TransactionJson = z.infer<typeof transactionSchema>;

export const captureSchema = z
  .object({
    type: z.literal('transaction-capture'),
    id: z.string(),
    transaction_id: z.string(),
    status: z.enum(CAPTURE_STATUSES),
    amount: z.number().int(),
    currency: z.string(),
    final: z.boolean(),
    payment_service_capture_id: z.string().nullable(),
    error_code: z.string().nullable(),
    raw_response_code: z.string().nullable(),
    raw_response_description: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'TransactionCapture' });
export type CaptureJson = z.infer<typeof captureSchema>;

/** `Prefer: resource=transaction-capture` answer (gr4vy-api.md §5.3). */
export const captureResultSchema = z
  .object({
    type: z.literal('transaction-capture'),
    status: z.enum(CAPTURE_STATUSES),
    code: z.string().nullable(),
    raw_response_code: z.string().nullable(),
    raw_response_description: z.string().nullable(),
    capture_id: z.string(),
    payment_service_capture_id: z.string().nullable(),
    transaction: transactionSchema,
  })
  .meta({ id: 'TransactionCaptureResult' });

export const eventSchema = z
  .object({
    type: z.literal('transaction-event'),
    id: z.string(),
    name: z.string(),
    created_at: timestamp,
    /** The API key or dashboard user whose request caused the event, or the reconciliation run that settled it; null for webhooks, sync and jobs. */
    actor: z
      .object({
        type: z.enum(['api_key', 'dashboard_user', 'reconciliation_run']),
        id: z.string(),
        display: z.string(),
      })
      .nullable(),
    context: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TransactionEvent' });

/** `Prefer: resource=transaction-void` answer (gr4vy-api.md §5.3). */
export const voidResultSchema = z
  .object({
    type: z.literal('transaction-void'),
    status: z.enum(CAPTURE_STATUSES),
    code: z.string().nullable(),
    raw_response_code: z.string().nullable(),
    raw_response_description: z.string().nullable(),
    transaction: transactionSchema,
  })
  .meta({ id: 'TransactionVoid' });

/** Gr4vy's answer to a cancel. Smartpay is never called for it, so it either succeeds or is refused (400). */
export const cancelResultSchema = z
  .object({
    type: z.literal('transaction-cancel'),
    status: z.enum(['succeeded', 'pending', 'failed']),
    code: z.string().nullable(),
    raw_response_code: z.string().nullable(),
    raw_response_description: z.string().nullable(),
    transaction: transactionSchema,
  })
  .meta({ id: 'TransactionCancel' });

export const transactionUpdateBody = z
  .strictObject({
    external_identifier: text(200).nullish(),
    /** Replaces the whole map; null clears it. */
    metadata: metadata.nullish(),
    connection_options: z
      .unknown()
      .refine((value) => value === null || value === undefined, {
        error: 'there are no connection options for Smartpay: connection_options must be null',
      })
      .optional(),
  })
  .meta({ id: 'TransactionUpdate' });

/** Flow (routing rule) actions a transaction triggered: Kessai has no Flow rules, so the list is always empty. */
export const transactionActionsSchema = z
  .object({ items: z.array(z.record(z.string(), z.unknown())).max(0) })
  .meta({ id: 'TransactionActions' });
