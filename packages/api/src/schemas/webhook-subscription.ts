import { MAX_WEBHOOK_URL_LENGTH, PUBLISHED_EVENT_NAMES, RESPONSE_EXCERPT_CHARS } from '@kessai/domain';
import { z } from 'zod';
import { timestamp } from './common';
import { pageParams } from './list-query';

const url = z
  .string({ error: 'must be a URL string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(MAX_WEBHOOK_URL_LENGTH, { error: `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters` });

const events = z
  .array(z.string(), { error: 'must be an array of event type names, or null' })
  .max(PUBLISHED_EVENT_NAMES.length * 2, { error: 'lists too many event types' })
  .nullable()
  .describe(
    `Kessai extension: the event types to send (${PUBLISHED_EVENT_NAMES.join(', ')}); null or absent sends every event`,
  );

export const createWebhookSubscriptionBody = z
  .strictObject({
    url: url.describe('Where Kessai POSTs events: http(s); loopback and private addresses are refused by default'),
    active: z.boolean().default(true),
    events: events.optional(),
  })
  .meta({ id: 'WebhookSubscriptionCreate' });

export const updateWebhookSubscriptionBody = z
  .strictObject({ url: url.optional(), active: z.boolean().optional(), events: events.optional() })
  .refine((body) => body.url !== undefined || body.active !== undefined || body.events !== undefined, {
    error: 'give url, active, events, or some of them',
  })
  .meta({ id: 'WebhookSubscriptionUpdate' });

export const webhookSubscriptionSchema = z
  .object({
    type: z.literal('webhook-subscription'),
    id: z.string(),
    merchant_account_id: z.string(),
    url: z.string(),
    active: z.boolean(),
    rotating: z.boolean().describe('The previous secret still signs (a second signature is sent)'),
    previous_secret_expires_at: timestamp.nullable(),
    events: z.array(z.string()).describe('The events Kessai sends'),
    all_events: z
      .boolean()
      .describe('Kessai extension: true when no set was chosen, so event types published later are sent too'),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'WebhookSubscription' });
export type WebhookSubscriptionJson = z.infer<typeof webhookSubscriptionSchema>;

export const webhookSubscriptionWithSecretSchema = webhookSubscriptionSchema
  .extend({
    secret: z
      .string()
      .nullable()
      .describe(
        'The signing secret, shown only in this response. An idempotent replay shows null: rotate if it was lost.',
      ),
  })
  .meta({ id: 'WebhookSubscriptionWithSecret' });

export const webhookDeliverySchema = z
  .object({
    type: z.literal('webhook-delivery'),
    id: z.string().describe('The X-Gr4vy-Webhook-ID header: stable across retries, for receivers to deduplicate'),
    subscription_id: z.string(),
    event_id: z.string(),
    event_name: z.string(),
    transaction_id: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempts: z.array(
      z.object({
        number: z.number().int(),
        attempted_at: timestamp,
        duration_ms: z.number().int(),
        response_status: z.number().int().nullable(),
        error: z.string().nullable(),
        request_headers: z
          .record(z.string(), z.string())
          .nullable()
          .describe('Kessai extension: the headers sent, signature included (never the secret); the body is `payload`'),
        response_body_excerpt: z
          .string()
          .nullable()
          .describe(
            `Kessai extension: the first ${RESPONSE_EXCERPT_CHARS} characters of the answer body; null when nothing answered`,
          ),
      }),
    ),
    next_attempt_at: timestamp.nullable(),
    give_up_at: timestamp,
    created_at: timestamp,
    delivered_at: timestamp.nullable(),
    payload: z.record(z.string(), z.unknown()).describe('The body sent, exactly'),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDeliveryJson = z.infer<typeof webhookDeliverySchema>;

export const listDeliveriesQuery = z.strictObject({
  ...pageParams,
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
});
export const webhookEventTypesSchema = z
  .object({ items: z.array(z.string()).describe('Every event type a subscription can choose, in published order') })
  .meta({ id: 'WebhookEventTypes' });

export const listSubscriptionsQuery = z.strictObject(pageParams);
