import { CAPTURE_STATUSES, TRANSACTION_STATUSES } from '@kessai/domain';
import { z } from 'zod';
import { amount, country, currency, metadata, nonNegativeAmount, text, timestamp, uuid } from './common';

export const addressSchema = z.strictObject({
  line1: text(255),
  line2: text(255).nullish(),
  city: text(100),
  state: text(255),
  state_code: text(10).nullish(),
  postal_code: text(50),
  country,
  house_number_or_name: text(255).nullish(),
  organization: text(255).nullish(),
});

export const personSchema = z.strictObject({
  first_name: text(255),
  last_name: text(255),
  email_address: z.email({ error: 'must be an email address' }).max(320),
  phone_number: z
    .string()
    .regex(/^\+[1-9]\d{1,14}$/, { error: 'must be an E.164 phone number, e.g. +819012345678' })
    .nullish(),
  address: addressSchema,
});

const productTypes = [
  'physical',
  'discount',
  'shipping_fee',
  'sales_tax',
  'digital',
  'gift_card',
  'store_credit',
  'surcharge',
] as const;

export const cartItemSchema = z.strictObject({
  name: text(255),
  quantity: z.number().int({ error: 'must be an integer' }).min(1, { error: 'must be at least 1' }).max(99_999_999),
  unit_amount: nonNegativeAmount,
  discount_amount: nonNegativeAmount.default(0),
  tax_amount: nonNegativeAmount.default(0),
  external_identifier: text(200).nullish(),
  sku: text(200).nullish(),
  product_type: z.enum(productTypes).nullish(),
  description: text(255).nullish(),
  product_url: z.url().nullish(),
  image_url: z.url().nullish(),
  categories: z.array(text(50)).max(100).nullish(),
});

export const redirectUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2000, { error: 'must be at most 2000 characters' });

export const createTransactionBody = z
  .strictObject({
    amount,
    currency,
    country: country.nullish(),
    intent: z.enum(['authorize', 'capture']).default('authorize'),
    payment_method: z.strictObject({
      method: z.enum(['smartpay'], { error: 'only "smartpay" (a redirect payment method) is supported' }),
      redirect_url: redirectUrl,
      country,
      currency,
      external_identifier: text(200).nullish(),
    }),
    buyer: z.strictObject({
      display_name: text(200).nullish(),
      external_identifier: text(200).nullish(),
      billing_details: personSchema,
      shipping_details: personSchema.nullish(),
    }),
    shipping_details: personSchema.nullish(),
    cart_items: z.array(cartItemSchema).max(249, { error: 'at most 249 cart items' }).default([]),
    external_identifier: text(200).nullish(),
    metadata: metadata.nullish(),
    payment_service_id: uuid.nullish(),
    allow_partial_authorization: z.boolean().nullish(),
    store: z.boolean().nullish(),
  })
  .meta({ id: 'TransactionCreate' });
export type CreateTransactionBody = z.infer<typeof createTransactionBody>;

export const captureBody = z
  .strictObject({
    amount: amount.nullish(),
    final: z.boolean().default(true),
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

export const emptyBody = z.strictObject({}).meta({ id: 'EmptyBody' });

const addressOut = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  postal_code: z.string(),
  country: z.string(),
});
const personOut = z.object({
  first_name: z.string(),
  last_name: z.string(),
  email_address: z.string(),
  phone_number: z.string().nullable(),
  address: addressOut,
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
    }),
    payment_service: z.object({
      type: z.literal('payment-service'),
      id: z.string(),
      payment_service_definition_id: z.string(),
      method: z.string(),
    }),
    payment_service_transaction_id: z.string().nullable(),
    additional_identifiers: z.record(z.string(), z.string()),
    buyer: z.object({ type: z.literal('buyer'), billing_details: personOut }),
    shipping_details: personOut,
    cart_items: z.array(
      z.object({
        name: z.string(),
        quantity: z.number().int(),
        unit_amount: z.number().int(),
        discount_amount: z.number().int(),
        tax_amount: z.number().int(),
        product_type: z.string().nullable(),
        sku: z.string().nullable(),
        external_identifier: z.string().nullable(),
      }),
    ),
    error_code: z.string().nullable(),
    raw_response_code: z.string().nullable(),
    raw_response_description: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
    authorized_at: timestamp.nullable(),
    captured_at: timestamp.nullable(),
    voided_at: timestamp.nullable(),
    canceled_at: timestamp.nullable(),
    approval_expires_at: timestamp.nullable(),
    buyer_approval_timedout_at: timestamp.nullable(),
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
    context: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TransactionEvent' });
