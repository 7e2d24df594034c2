import { z } from 'zod';
import { invalidRequest } from './errors';
import { ALL_EVENT_TYPES } from './model';

// Field rules from §3.1, §3.4, §3.6, §6 and §7. Unknown fields are stripped rather than refused: Smartpay's
// behaviour there is unknown and SDKs send nothing extra.

const jpy = z.literal('JPY', { error: 'must be JPY (the only currency Smartpay supports)' });
const amount = z.int({ error: 'must be an integer amount of yen' }).min(0, { error: 'must not be negative' });
const positiveAmount = z.int({ error: 'must be an integer amount of yen' }).min(1, { error: 'must be positive' });
const metadata = z
  .record(z.string(), z.string({ error: 'values must be strings' }))
  .refine((m) => Object.keys(m).length <= 20, { error: 'must have at most 20 key-value pairs' });
const reference = z.string().min(1).max(40);
const description = z.string().min(1).max(80);
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const address = z.object({
  line1: z.string().min(1),
  line2: z.string().optional(),
  line3: z.string().optional(),
  line4: z.string().optional(),
  line5: z.string().optional(),
  subLocality: z.string().optional(),
  locality: z.string().min(1).max(80),
  administrativeArea: z.string().optional(),
  postalCode: z.string().min(1),
  country: z.literal('JP', { error: 'must be JP (the only country Smartpay supports)' }),
});

const customerInfo = z.object({
  emailAddress: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  firstNameKana: z.string().optional(),
  lastNameKana: z.string().optional(),
  phoneNumber: z.string().optional(),
  dateOfBirth: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be YYYY-MM-DD' })
    .optional(),
  legalGender: z.enum(['male', 'female']).optional(),
  address: address.optional(),
  accountAge: z.int().min(0).optional(),
  reference: z.string().optional(),
});

const item = z.object({
  name: z.string().min(1),
  amount,
  currency: jpy,
  quantity: z.int().min(0).optional(),
  kind: z.enum(['product', 'discount', 'tax']).default('product'),
  brand: z.string().optional(),
  categories: z.array(z.string()).optional(),
  gtin: z.string().optional(),
  images: z.array(z.string()).max(8).optional(),
  reference: z.string().optional(),
  url: z.string().optional(),
  label: z.string().optional(),
  description: z.string().optional(),
  metadata: metadata.optional(),
  productDescription: z.string().optional(),
  productMetadata: metadata.optional(),
  priceDescription: z.string().optional(),
  priceMetadata: metadata.optional(),
});

export const checkoutSessionCreate = z.object({
  amount,
  currency: jpy,
  captureMethod: z.enum(['automatic', 'manual']).default('automatic'),
  items: z
    .array(item)
    .min(1, { error: 'must contain at least one item' })
    .max(50, { error: 'must contain at most 50 items' })
    .refine((items) => items.some((i) => i.kind === 'product'), { error: 'must contain at least one product' }),
  customerInfo,
  shippingInfo: z.object({
    address,
    addressType: z.enum(['home', 'gift', 'locker', 'office', 'store']).optional(),
    carrierName: z.string().optional(),
    reference: z.string().optional(),
    feeAmount: amount.optional(),
    feeCurrency: jpy.optional(),
  }),
  successUrl: httpUrl,
  cancelUrl: httpUrl,
  description: description.optional(),
  reference: reference.optional(),
  metadata: metadata.optional(),
  locale: z.enum(['en', 'ja']).optional(),
});
export type CheckoutSessionCreate = z.output<typeof checkoutSessionCreate>;

export const paymentCreate = z.object({
  order: z.string().min(1),
  amount: positiveAmount,
  currency: jpy,
  cancelRemainder: z.enum(['automatic', 'manual']).default('automatic'),
  reference: reference.optional(),
  description: description.optional(),
  metadata: metadata.optional(),
  lineItems: z.array(z.string()).optional(),
});
export type PaymentCreate = z.output<typeof paymentCreate>;

export const refundCreate = z.object({
  payment: z.string().min(1),
  amount: positiveAmount.optional(),
  currency: jpy,
  reason: z.enum(['requested_by_customer', 'fraudulent']),
  reference: reference.optional(),
  description: description.optional(),
  metadata: metadata.optional(),
  lineItems: z.array(z.string()).optional(),
});
export type RefundCreate = z.output<typeof refundCreate>;

/** PATCH /payments/{id} and /refunds/{id}: only the merchant's own annotations can change. */
export const annotationUpdate = z.object({
  reference: reference.optional(),
  description: description.optional(),
  metadata: metadata.optional(),
});
export type AnnotationUpdate = z.output<typeof annotationUpdate>;

const eventSubscriptions = z.array(z.enum(ALL_EVENT_TYPES)).min(1);

export const webhookEndpointCreate = z.object({
  url: httpUrl,
  eventSubscriptions: eventSubscriptions.optional(),
  active: z.boolean().default(true),
  description: description.optional(),
  metadata: metadata.optional(),
});
export type WebhookEndpointCreate = z.output<typeof webhookEndpointCreate>;

export const webhookEndpointUpdate = z.object({
  url: httpUrl.optional(),
  eventSubscriptions: eventSubscriptions.optional(),
  active: z.boolean().optional(),
  description: description.optional(),
  metadata: metadata.optional(),
});
export type WebhookEndpointUpdate = z.output<typeof webhookEndpointUpdate>;

/** `details` are strings that start with the offending field path, e.g. `items.0.amount: must be …`. */
export function issueDetails(error: z.ZodError, input?: unknown): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
    const message = missing ? 'is required' : issue.message;
    return path ? `${path}: ${message}` : message;
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest(['body: must be a JSON object']);
  }
  const result = schema.safeParse(body);
  if (!result.success) throw invalidRequest(issueDetails(result.error, body));
  return result.data;
}
