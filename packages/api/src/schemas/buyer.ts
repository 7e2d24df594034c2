import { z } from 'zod';
import { country, text, timestamp } from './common';

/** Gr4vy's buyer details: every field optional (the connector's requirements apply when a transaction uses them). */
const addressIn = z.strictObject({
  line1: text(255).nullish(),
  line2: text(255).nullish(),
  city: text(100).nullish(),
  state: text(255).nullish(),
  state_code: text(10).nullish(),
  postal_code: text(50).nullish(),
  country: country.nullish(),
  house_number_or_name: text(255).nullish(),
  organization: text(255).nullish(),
});

export const contactDetailsIn = z.strictObject({
  first_name: text(255).nullish(),
  last_name: text(255).nullish(),
  email_address: z.email({ error: 'must be an email address' }).max(320).nullish(),
  phone_number: z
    .string()
    .regex(/^\+[1-9]\d{1,14}$/, { error: 'must be an E.164 phone number, e.g. +819012345678' })
    .nullish(),
  address: addressIn.nullish(),
});
export type ContactDetailsIn = z.infer<typeof contactDetailsIn>;

export const billingDetailsIn = contactDetailsIn.extend({
  tax_id: z
    .unknown()
    .refine((value) => value === null || value === undefined, {
      error: 'Smartpay takes no tax id: tax_id must be null',
    })
    .optional(),
});

export const createBuyerBody = z
  .strictObject({
    display_name: text(200).nullish(),
    external_identifier: text(200).nullish(),
    account_number: text(200).nullish(),
    billing_details: billingDetailsIn.nullish(),
  })
  .meta({ id: 'BuyerCreate' });
export type CreateBuyerBody = z.infer<typeof createBuyerBody>;

export const updateBuyerBody = createBuyerBody.meta({ id: 'BuyerUpdate' });

export const shippingDetailsBody = contactDetailsIn.meta({ id: 'ShippingDetailsCreate' });

export const listBuyersQuery = z.strictObject({
  cursor: z.string().min(1).max(500).optional(),
  limit: z
    .string()
    .regex(/^\d+$/, { error: 'limit must be a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(1).max(100))
    .default(20),
  search: text(320).optional(),
  external_identifier: text(200).optional(),
});

const addressOut = z.object({
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postal_code: z.string().nullable(),
  country: z.string().nullable(),
  state_code: z.string().nullable(),
  house_number_or_name: z.string().nullable(),
  organization: z.string().nullable(),
});
export const contactDetailsOut = z.object({
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  email_address: z.string().nullable(),
  phone_number: z.string().nullable(),
  address: addressOut.nullable(),
});

export const buyerSchema = z
  .object({
    type: z.literal('buyer'),
    id: z.string(),
    merchant_account_id: z.string(),
    display_name: z.string().nullable(),
    external_identifier: z.string().nullable(),
    account_number: z.string().nullable(),
    billing_details: contactDetailsOut.nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Buyer' });
export type BuyerJson = z.infer<typeof buyerSchema>;

export const shippingDetailsSchema = contactDetailsOut
  .extend({
    type: z.literal('shipping-details'),
    id: z.string(),
    buyer_id: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'ShippingDetails' });
export type ShippingDetailsJson = z.infer<typeof shippingDetailsSchema>;
