import { z } from 'zod';
import { contactDetailsIn } from './buyer';
import { amount, country, currency, metadata, text, uuid } from './common';
import { cartItemSchema } from './transaction-create';

/** Kessai's additions to both forms: where else a shipping address may be known. */
const knownElsewhere = {
  checkout_session_id: uuid.nullish(),
  buyer_id: uuid.nullish(),
  buyer_external_identifier: text(200).nullish(),
};

/** Gr4vy's `PaymentOptionRequest` as the SDK's `paymentOptions.list` sends it, plus where to find the shipping address. */
export const paymentOptionsBody = z
  .strictObject({
    metadata: metadata.nullish(),
    country: country.nullish(),
    currency: currency.nullish(),
    amount: amount.nullish(),
    locale: text(35).default('en'),
    cart_items: z.array(cartItemSchema).max(249).nullish(),
    ...knownElsewhere,
    shipping_details: contactDetailsIn.nullish(),
  })
  .meta({ id: 'PaymentOptionRequest' });

/** Gr4vy's GET form: the same, in the query string. */
export const paymentOptionsQuery = z.strictObject({
  country: country.optional(),
  currency: currency.optional(),
  amount: z
    .string()
    .regex(/^\d+$/, { error: 'amount must be a whole number' })
    .transform(Number)
    .pipe(amount)
    .optional(),
  locale: text(35).default('en'),
  metadata: z.string().max(20_000).optional(),
  ...knownElsewhere,
});

const paymentOption = z.object({
  type: z.literal('payment-option'),
  method: z.string(),
  icon_url: z.string().nullable(),
  mode: z.literal('redirect'),
  label: z.string(),
  can_store_payment_method: z.boolean(),
  can_delay_capture: z.boolean(),
  context: z.object({
    approval_ui: z.null(),
    required_fields: z.null(),
    redirect_requires_popup: z.boolean(),
    requires_tokenized_redirect_popup: z.boolean(),
  }),
});

export const paymentOptionsSchema = z
  .object({
    items: z.array(paymentOption),
    /** Kessai's addition: a connected method not offered here, with a code the embed can put in the buyer's words. */
    unavailable: z.array(
      z.object({
        type: z.literal('payment-option-unavailable'),
        method: z.string(),
        reason: z.enum([
          'currency_not_supported',
          'country_not_supported',
          'amount_out_of_range',
          'shipping_address_required',
        ]),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: 'PaymentOptions' });
export type PaymentOptionsJson = z.infer<typeof paymentOptionsSchema>;
