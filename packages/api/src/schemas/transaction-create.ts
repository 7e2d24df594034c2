import { z } from 'zod';
import { amount, country, currency, httpUrl, metadata, nonNegativeAmount, text, uuid } from './common';

/** Gr4vy's `TransactionCreate` as the official SDKs send it, with what Smartpay cannot do refused by name. */
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
  tax_id: z
    .unknown()
    .refine((value) => value === null || value === undefined, {
      error: 'Smartpay takes no tax id: tax_id must be null',
    })
    .optional(),
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
  discount_amount: nonNegativeAmount.nullish().transform((v) => v ?? 0),
  tax_amount: nonNegativeAmount.nullish().transform((v) => v ?? 0),
  external_identifier: text(200).nullish(),
  sku: text(200).nullish(),
  upc: text(50).nullish(),
  product_type: z.enum(productTypes).nullish(),
  description: text(255).nullish(),
  product_url: httpUrl.nullish(),
  image_url: httpUrl.nullish(),
  categories: z.array(text(50)).max(100).nullish(),
  seller_country: country.nullish(),
  tax_exempt: z.boolean().nullish(),
  unit_of_measure: text(50).nullish(),
  commodity_code: text(50).nullish(),
  duty_amount: z.literal(0, { error: 'give duty as its own cart item: duty_amount must be 0' }).nullish(),
  shipping_amount: z
    .literal(0, {
      error: 'give shipping as its own cart item (product_type "shipping_fee"): shipping_amount must be 0',
    })
    .nullish(),
});

export type CartItemBody = z.infer<typeof cartItemSchema>;

/** A Gr4vy flag Smartpay cannot honour: `false` or absent is accepted (the SDK always sends it), `true` refused. */
const onlyFalse = (why: string) => z.literal(false, { error: why }).nullish();
/** A Gr4vy field for something Smartpay does not have: absent, null (or an empty list) only. */
const unsupported = (why: string) =>
  z
    .unknown()
    .refine((value) => value === null || value === undefined || (Array.isArray(value) && value.length === 0), {
      error: why,
    })
    .optional();

export const createTransactionBody = z
  .strictObject({
    amount,
    currency,
    country: country.nullish(),
    intent: z.enum(['authorize', 'capture']).default('authorize'),
    payment_method: z.strictObject({
      method: z.enum(['smartpay'], { error: 'only "smartpay" (a redirect payment method) is supported' }),
      redirect_url: httpUrl,
      country,
      currency,
      external_identifier: text(200).nullish(),
      buyer_id: uuid.nullish(),
      buyer_external_identifier: text(200).nullish(),
    }),
    buyer: z
      .strictObject({
        display_name: text(200).nullish(),
        external_identifier: text(200).nullish(),
        account_number: text(200).nullish(),
        billing_details: personSchema,
        shipping_details: personSchema.nullish(),
      })
      .nullish(),
    buyer_id: uuid.nullish(),
    buyer_external_identifier: text(200).nullish(),
    shipping_details_id: uuid.nullish(),
    shipping_details: personSchema.nullish(),
    cart_items: z
      .array(cartItemSchema)
      .max(249, { error: 'at most 249 cart items' })
      .nullish()
      .transform((v) => v ?? []),
    external_identifier: text(200).nullish(),
    metadata: metadata.nullish(),
    payment_service_id: uuid.nullish(),
    allow_partial_authorization: z.boolean().nullish(),
    store: z.boolean().nullish(),
    payment_source: z
      .literal('ecommerce', {
        error: 'Smartpay takes buyer-present e-commerce payments only: payment_source must be "ecommerce"',
      })
      .nullish(),
    merchant_initiated: onlyFalse('Smartpay has no merchant-initiated payments: merchant_initiated must be false'),
    is_subsequent_payment: onlyFalse(
      'Smartpay has no stored credentials or recurring payments: is_subsequent_payment must be false',
    ),
    account_funding_transaction: onlyFalse(
      'Smartpay does not process account funding transactions: account_funding_transaction must be false',
    ),
    /** Kessai captures an intent=capture transaction when the buyer approves, always asynchronously. */
    async_capture: z.boolean().nullish(),
    gift_cards: unsupported('Kessai has no gift card service: gift_cards must be empty'),
    three_d_secure: unsupported(
      '3-D Secure applies to cards; Smartpay is a redirect method: three_d_secure must be null',
    ),
    three_d_secure_data: unsupported('3-D Secure applies to cards; Smartpay is a redirect method'),
    previous_scheme_transaction_id: unsupported('card scheme ids apply to cards; Smartpay is a redirect method'),
    airline: unsupported('Smartpay takes no airline data: airline must be null'),
    statement_descriptor: unsupported(
      'Smartpay sets the statement descriptor itself: statement_descriptor must be null',
    ),
    connection_options: unsupported('there are no connection options for Smartpay: connection_options must be null'),
    recipient: unsupported('Smartpay does not process payouts or recipients: recipient must be null'),
    installment_count: unsupported('Smartpay decides instalments with the buyer: installment_count must be null'),
    tax_amount: unsupported('give tax per cart item (cart_items[].tax_amount); Smartpay takes no order-level tax'),
    shipping_amount: unsupported('give shipping as a cart item (product_type "shipping_fee")'),
    duty_amount: unsupported('Smartpay takes no duty amount: duty_amount must be null'),
    amount_includes_tax: unsupported('Smartpay takes no level 2/3 data: amount_includes_tax must be null'),
    merchant_tax_id: unsupported('Smartpay takes no level 2/3 data: merchant_tax_id must be null'),
    purchase_order_number: unsupported('Smartpay takes no level 2/3 data: purchase_order_number must be null'),
    customer_reference_number: unsupported('Smartpay takes no level 2/3 data: customer_reference_number must be null'),
    supplier_order_number: unsupported('Smartpay takes no level 2/3 data: supplier_order_number must be null'),
    /** Hints for card 3-D Secure and anti-fraud, which Smartpay does itself on its hosted page: accepted, unused. */
    browser_info: z.record(z.string(), z.unknown()).nullish(),
    anti_fraud_fingerprint: z.string().max(1000).nullish(),
    integration_client: z.enum(['redirect', 'web', 'android', 'ios']).nullish(),
  })
  .meta({ id: 'TransactionCreate' });
export type CreateTransactionBody = z.infer<typeof createTransactionBody>;
