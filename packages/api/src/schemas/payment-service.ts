import { z } from 'zod';
import { text, timestamp } from './common';

const secretKey = z
  .string()
  .regex(/^sk_(test|live)_[0-9a-zA-Z]+$/, { error: 'must be a Smartpay secret key (sk_test_… or sk_live_…)' });
const signingSecret = z.string().regex(/^[A-Za-z0-9]{8,200}$/, {
  error: 'must be the base62 signing secret Smartpay gave for the webhook endpoint',
});

/** Gr4vy's credentials list: `secret_key` (required on create) and `webhook_signing_secret`. */
const fields = z
  .array(
    z.discriminatedUnion(
      'key',
      [
        z.strictObject({ key: z.literal('secret_key'), value: secretKey }),
        z.strictObject({ key: z.literal('webhook_signing_secret'), value: signingSecret }),
      ],
      { error: 'Smartpay takes the fields "secret_key" and "webhook_signing_secret" only' },
    ),
  )
  .max(2);
const only = <T extends string>(allowed: T, what: string) =>
  z
    .array(z.string())
    .refine((values) => values.every((value) => value === allowed), { error: `Smartpay accepts ${what} only` });
const off = (what: string) => z.literal(false, { error: `Smartpay has no ${what}` }).nullish();
const absent = (why: string) =>
  z
    .unknown()
    .refine((value) => value === null || value === undefined || (Array.isArray(value) && value.length === 0), {
      error: why,
    })
    .optional();

/** The Gr4vy settings that describe what Smartpay is: accepted only with the values that are true of it. */
const gr4vySettings = {
  accepted_currencies: only('JPY', 'JPY').nullish(),
  accepted_countries: only('JP', 'JP').nullish(),
  three_d_secure_enabled: off('3-D Secure (it is a redirect method)'),
  settlement_reporting_enabled: off('settlement reporting Kessai can read'),
  payment_method_tokenization_enabled: off('payment method tokenization'),
  network_tokens_enabled: off('network tokens'),
  open_loop: off('open-loop gift cards'),
  merchant_profile: absent('Smartpay has no card-scheme merchant profiles: merchant_profile must be null'),
  reporting_fields: absent('Smartpay has no reporting credentials: reporting_fields must be empty'),
  position: absent('Kessai routes to the oldest active connection: position is not settable'),
};

/** Kessai's own shape (`secret_key` at the top) or Gr4vy's (`fields: [{key, value}]`); one of the two. */
export const createPaymentServiceBody = z
  .strictObject({
    payment_service_definition_id: z.literal('smartpay-smartpay').default('smartpay-smartpay'),
    display_name: text(200).default('Smartpay'),
    secret_key: secretKey.optional(),
    webhook_signing_secret: signingSecret.nullish(),
    fields: fields.optional(),
    active: z.boolean().nullish(),
    ...gr4vySettings,
  })
  .meta({ id: 'PaymentServiceCreate' });
export type CreatePaymentServiceBody = z.infer<typeof createPaymentServiceBody>;

export const updatePaymentServiceBody = z
  .strictObject({
    display_name: text(200).nullish(),
    fields: fields.nullish(),
    active: z.boolean().nullish(),
    ...gr4vySettings,
  })
  .meta({ id: 'PaymentServiceUpdate' });

export const verifyCredentialsBody = z
  .strictObject({
    payment_service_definition_id: z.literal('smartpay-smartpay', {
      error: 'Kessai connects Smartpay only: payment_service_definition_id must be "smartpay-smartpay"',
    }),
    payment_service_id: z.uuid({ error: 'must be a UUID' }).nullish(),
    fields: fields.default([]),
  })
  .meta({ id: 'VerifyCredentials' });

export const paymentServiceSchema = z
  .object({
    type: z.literal('payment-service'),
    id: z.string(),
    merchant_account_id: z.string(),
    payment_service_definition_id: z.string(),
    method: z.string(),
    display_name: z.string(),
    active: z.boolean(),
    position: z.number().int(),
    accepted_currencies: z.array(z.string()),
    accepted_countries: z.array(z.string()),
    payment_method_tokenization_enabled: z.boolean(),
    network_tokens_enabled: z.boolean(),
    open_loop: z.boolean(),
    settlement_reporting_enabled: z.boolean(),
    three_d_secure_enabled: z.boolean(),
    is_deleted: z.boolean(),
    webhook_url: z.string(),
    provider_webhook_endpoint_id: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
    used_for_new_transactions: z
      .boolean()
      .describe(
        'Kessai extension: true for the connection a transaction naming no payment_service_id is made on (the oldest active one of its connector)',
      ),
  })
  .meta({ id: 'PaymentService' });
export type PaymentServiceJson = z.infer<typeof paymentServiceSchema>;
