import { PUBLISHED_EVENT_NAMES, type WebhookSubscription } from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { presentWebhookDelivery, presentWebhookSubscription } from '../presenters';
import { merchantOf } from '../request-context';
import { errorResponses, listOf, uuid } from '../schemas/common';
import { emptyBody as noBody } from '../schemas/transaction';
import {
  createWebhookSubscriptionBody,
  listDeliveriesQuery,
  listSubscriptionsQuery,
  updateWebhookSubscriptionBody,
  webhookDeliverySchema,
  webhookEventTypesSchema,
  webhookSubscriptionSchema,
  webhookSubscriptionWithSecretSchema,
} from '../schemas/webhook-subscription';
import type { ApiServices } from '../services';

const tags = ['Webhook subscriptions'];
const subscriptionParams = z.object({ webhook_subscription_id: uuid });
const deliveryParams = subscriptionParams.extend({ delivery_id: uuid });

/**
 * Gr4vy-style merchant webhook subscriptions (reference §8.1): Kessai POSTs `{type:"event", …}` to the URL, signed
 * with the secret returned once here. Deliveries and their attempts are listed and can be sent again by hand.
 */
export function webhookSubscriptionRoutes(services: ApiServices): FastifyPluginAsyncZod {
  const { manage, deliver, sendTest, deliveries } = services.merchantWebhooks;
  const present = (subscription: WebhookSubscription) => presentWebhookSubscription(subscription, services.clock.now());
  const withSecret = (subscription: WebhookSubscription) => ({ ...present(subscription), secret: subscription.secret });

  return async (app) => {
    app.post(
      '/webhook-subscriptions',
      {
        config: { scope: 'webhook-subscriptions.write', secretInResponse: true },
        schema: {
          tags,
          summary: 'Subscribe a URL to Kessai’s events',
          body: createWebhookSubscriptionBody,
          response: { 201: webhookSubscriptionWithSecretSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const created = await manage.create(merchantOf(request), request.body);
        return reply.code(201).send(withSecret(created));
      },
    );

    app.get(
      '/webhook-event-types',
      {
        config: { scope: 'webhook-subscriptions.read' },
        schema: {
          tags,
          summary: 'List the event types a subscription can choose (Kessai extension)',
          response: { 200: webhookEventTypesSchema, ...errorResponses },
        },
      },
      async () => ({ items: [...PUBLISHED_EVENT_NAMES] }),
    );

    app.get(
      '/webhook-subscriptions',
      {
        config: { scope: 'webhook-subscriptions.read' },
        schema: {
          tags,
          summary: 'List webhook subscriptions',
          querystring: listSubscriptionsQuery,
          response: { 200: listOf(webhookSubscriptionSchema, 'WebhookSubscriptions'), ...errorResponses },
        },
      },
      async (request) => {
        const { limit, cursor } = request.query;
        const page = await manage.list(merchantOf(request), { limit, cursor });
        return {
          items: page.items.map(present),
          limit,
          next_cursor: page.nextCursor,
          previous_cursor: page.previousCursor,
        };
      },
    );

    app.get(
      '/webhook-subscriptions/:webhook_subscription_id',
      {
        config: { scope: 'webhook-subscriptions.read' },
        schema: {
          tags,
          summary: 'Get a webhook subscription',
          params: subscriptionParams,
          response: { 200: webhookSubscriptionSchema, ...errorResponses },
        },
      },
      async (request) => present(await manage.get(merchantOf(request), request.params.webhook_subscription_id)),
    );

    app.put(
      '/webhook-subscriptions/:webhook_subscription_id',
      {
        config: { scope: 'webhook-subscriptions.write' },
        schema: {
          tags,
          summary: 'Change the URL or the event types, or pause/resume a webhook subscription',
          params: subscriptionParams,
          body: updateWebhookSubscriptionBody,
          response: { 200: webhookSubscriptionSchema, ...errorResponses },
        },
      },
      async (request) =>
        present(await manage.update(merchantOf(request), request.params.webhook_subscription_id, request.body)),
    );

    app.delete(
      '/webhook-subscriptions/:webhook_subscription_id',
      {
        config: { scope: 'webhook-subscriptions.write' },
        schema: {
          tags,
          summary: 'Delete a webhook subscription (its pending deliveries are not sent)',
          params: subscriptionParams,
          response: { 204: z.null().describe('Deleted'), ...errorResponses },
        },
      },
      async (request, reply) => {
        await manage.remove(merchantOf(request), request.params.webhook_subscription_id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/webhook-subscriptions/:webhook_subscription_id/rotate-secret',
      {
        config: { scope: 'webhook-subscriptions.write', secretInResponse: true },
        schema: {
          tags,
          summary: 'Rotate the signing secret; the old one keeps signing during a grace period',
          params: subscriptionParams,
          body: noBody,
          response: { 200: webhookSubscriptionWithSecretSchema, ...errorResponses },
        },
      },
      async (request) =>
        withSecret(await manage.rotateSecret(merchantOf(request), request.params.webhook_subscription_id)),
    );

    app.post(
      '/webhook-subscriptions/:webhook_subscription_id/test',
      {
        config: { scope: 'webhook-subscriptions.write' },
        schema: {
          tags,
          summary: 'Send a signed `test` event now (Kessai extension); refused for a disabled subscription',
          description:
            'The test is a delivery like any other: listed with its attempts, retried, redeliverable. Its body is ' +
            '`{type:"event", id, name:"test", merchant_account_id, created_at, target:{type:"webhook-subscription", id}}`; ' +
            'its `transaction_id` is its own id, as no transaction caused it.',
          params: subscriptionParams,
          body: noBody,
          response: { 202: webhookDeliverySchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const queued = await sendTest.execute(merchantOf(request), request.params.webhook_subscription_id);
        return reply.code(202).send(presentWebhookDelivery(queued));
      },
    );

    app.get(
      '/webhook-subscriptions/:webhook_subscription_id/deliveries',
      {
        config: { scope: 'webhook-subscriptions.read' },
        schema: {
          tags,
          summary: 'List deliveries (newest first) with their attempts',
          params: subscriptionParams,
          querystring: listDeliveriesQuery,
          response: { 200: listOf(webhookDeliverySchema, 'WebhookDeliveries'), ...errorResponses },
        },
      },
      async (request) => {
        const merchant = merchantOf(request);
        const subscription = await manage.get(merchant, request.params.webhook_subscription_id);
        const { limit, cursor, status } = request.query;
        const page = await deliveries.list(merchant, subscription.id, { limit, cursor, status });
        return {
          items: page.items.map(presentWebhookDelivery),
          limit,
          next_cursor: page.nextCursor,
          previous_cursor: page.previousCursor,
        };
      },
    );

    app.get(
      '/webhook-subscriptions/:webhook_subscription_id/deliveries/:delivery_id',
      {
        config: { scope: 'webhook-subscriptions.read' },
        schema: {
          tags,
          summary: 'Get a delivery with its attempts',
          params: deliveryParams,
          response: { 200: webhookDeliverySchema, ...errorResponses },
        },
      },
      async (request) => {
        const merchant = merchantOf(request);
        const subscription = await manage.get(merchant, request.params.webhook_subscription_id);
        const delivery = await deliveries.get(merchant, subscription.id, request.params.delivery_id);
        if (!delivery) throw ApiError.notFound(`webhook delivery ${request.params.delivery_id} was not found`);
        return presentWebhookDelivery(delivery);
      },
    );

    app.post(
      '/webhook-subscriptions/:webhook_subscription_id/deliveries/:delivery_id/redeliver',
      {
        config: { scope: 'webhook-subscriptions.write' },
        schema: {
          tags,
          summary: 'Send a delivery again now (same id and body; receivers deduplicate by id)',
          params: deliveryParams,
          body: noBody,
          response: { 202: webhookDeliverySchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const merchant = merchantOf(request);
        const subscription = await manage.get(merchant, request.params.webhook_subscription_id);
        const requeued = await deliver.redeliver(merchant, subscription.id, request.params.delivery_id);
        return reply.code(202).send(presentWebhookDelivery(requeued));
      },
    );
  };
}
