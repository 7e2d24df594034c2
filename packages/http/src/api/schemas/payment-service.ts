import { z } from 'zod';
import { text, timestamp } from './common';

export const createPaymentServiceBody = z
  .strictObject({
    payment_service_definition_id: z.literal('smartpay-smartpay').default('smartpay-smartpay'),
    display_name: text(200).default('Smartpay'),
    secret_key: z
      .string()
      .regex(/^sk_(test|live)_[0-9a-zA-Z]+$/, { error: 'must be a Smartpay secret key (sk_test_… or sk_live_…)' }),
    webhook_signing_secret: z
      .string()
      .regex(/^[A-Za-z0-9]{8,200}$/, {
        error: 'must be the base62 signing secret Smartpay gave for the webhook endpoint',
      })
      .nullish(),
    active: z.boolean().default(true),
  })
  .meta({ id: 'PaymentServiceCreate' });

export const paymentServiceSchema = z
  .object({
    type: z.literal('payment-service'),
    id: z.string(),
    merchant_account_id: z.string(),
    payment_service_definition_id: z.string(),
    method: z.string(),
    display_name: z.string(),
    active: z.boolean(),
    webhook_url: z.string(),
    provider_webhook_endpoint_id: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'PaymentService' });
export type PaymentServiceJson = z.infer<typeof paymentServiceSchema>;
