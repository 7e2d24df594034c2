import {
  DEFAULT_CHECKOUT_SESSION_SECONDS,
  MAX_CHECKOUT_SESSION_SECONDS,
  MIN_CHECKOUT_SESSION_SECONDS,
} from '@kessai/domain';
import { z } from 'zod';
import { billingDetailsIn, contactDetailsIn, contactDetailsOut } from './buyer';
import { amount, currency, metadata, text, timestamp, uuid } from './common';
import { cartItemOut } from './transaction';
import { cartItemSchema } from './transaction-create';

/** Gr4vy's `GuestBuyer`: the buyer a session carries, every detail optional until a transaction uses it. */
const guestBuyerIn = z.strictObject({
  display_name: text(200).nullish(),
  external_identifier: text(200).nullish(),
  account_number: text(200).nullish(),
  billing_details: billingDetailsIn.nullish(),
  shipping_details: contactDetailsIn.nullish(),
});

/** Gr4vy's `CheckoutSessionCreate`, which its SDK sends for create and for update alike. */
export const checkoutSessionBody = z
  .strictObject({
    cart_items: z.array(cartItemSchema).max(249, { error: 'at most 249 cart items' }).nullish(),
    metadata: metadata.nullish(),
    buyer: guestBuyerIn.nullish(),
    airline: z
      .unknown()
      .refine((value) => value === null || value === undefined, {
        error: 'Smartpay takes no airline data: airline must be null',
      })
      .optional(),
    amount: amount.nullish(),
    currency: currency.nullish(),
    payment_service_id: uuid.nullish(),
    expires_in: z
      .number({ error: 'must be a number of seconds' })
      .int({ error: 'must be a whole number of seconds' })
      .min(MIN_CHECKOUT_SESSION_SECONDS, { error: `must be at least ${MIN_CHECKOUT_SESSION_SECONDS}` })
      .max(MAX_CHECKOUT_SESSION_SECONDS, { error: `must be at most ${MAX_CHECKOUT_SESSION_SECONDS}` })
      .default(DEFAULT_CHECKOUT_SESSION_SECONDS),
  })
  .meta({ id: 'CheckoutSessionCreate' });
export type CheckoutSessionBody = z.infer<typeof checkoutSessionBody>;

export const checkoutSessionSchema = z
  .object({
    type: z.literal('checkout-session'),
    id: z.string(),
    cart_items: z.array(cartItemOut).nullable(),
    metadata: z.record(z.string(), z.string()).nullable(),
    buyer: z
      .object({
        display_name: z.string().nullable(),
        external_identifier: z.string().nullable(),
        account_number: z.string().nullable(),
        billing_details: contactDetailsOut.nullable(),
        shipping_details: contactDetailsOut.nullable(),
      })
      .nullable(),
    airline: z.null(),
    amount: z.number().int().nullable(),
    currency: z.string().nullable(),
    payment_service_id: z.string().nullable(),
    expires_at: timestamp,
    payment_method: z.null(),
  })
  .meta({ id: 'CheckoutSession' });
export type CheckoutSessionJson = z.infer<typeof checkoutSessionSchema>;
