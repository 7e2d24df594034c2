import { z } from 'zod';

/**
 * What Kessai reads from Smartpay's answers (smartpay-api.md §3). Objects are parsed loosely: unknown fields are
 * kept out of the way, and a reference may arrive as an id or, with `expand=all`, as the object.
 */
const id = z.string().min(1);
const ms = z.number().int();
const idOr = <T extends z.ZodType>(object: T) => z.union([id, object]);

export const refundSchema = z.looseObject({
  id,
  object: z.literal('refund').optional(),
  payment: idOr(z.looseObject({ id })),
  amount: z.number().int(),
  currency: z.string(),
  status: z.string(),
  reference: z.string().nullish(),
  createdAt: ms,
});
export type SmartpayRefund = z.infer<typeof refundSchema>;

export const paymentSchema = z.looseObject({
  id,
  object: z.literal('payment').optional(),
  order: idOr(z.looseObject({ id })),
  amount: z.number().int(),
  currency: z.string(),
  status: z.string().optional(),
  reference: z.string().nullish(),
  refunds: z.array(idOr(refundSchema)).optional(),
  createdAt: ms,
});
export type SmartpayPayment = z.infer<typeof paymentSchema>;

export const orderSchema = z.looseObject({
  id,
  object: z.literal('order').optional(),
  status: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  reference: z.string().nullish(),
  payments: z.array(idOr(paymentSchema)).default([]),
  expiresAt: ms.nullish(),
  createdAt: ms,
});
export type SmartpayOrder = z.infer<typeof orderSchema>;

export const checkoutSessionSchema = z.looseObject({
  id,
  object: z.literal('checkoutSession').optional(),
  url: z.string().url(),
  expiresAt: ms.nullish(),
  createdAt: ms,
  order: idOr(orderSchema),
});

export const webhookEndpointSchema = z.looseObject({
  id,
  url: z.string(),
  active: z.boolean().optional(),
  signingSecret: z.string().min(1),
});

export const eventSchema = z.looseObject({
  id,
  object: z.literal('event').optional(),
  createdAt: ms,
  eventData: z.looseObject({
    type: z.string(),
    data: z.looseObject({
      id,
      object: z.string().optional(),
      order: idOr(z.looseObject({ id })).optional(),
      payment: idOr(z.looseObject({ id })).optional(),
    }),
  }),
});

export const collectionSchema = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    object: z.literal('collection').optional(),
    data: z.array(item),
    nextPageToken: z.string().nullish(),
  });

/** An id, whether the field held the id or the expanded object. */
export const idOf = (value: string | { id: string }): string => (typeof value === 'string' ? value : value.id);
