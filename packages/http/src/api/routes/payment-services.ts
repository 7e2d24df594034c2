import type { PaymentService } from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { presentPaymentService } from '../presenters';
import { merchantOf } from '../request-context';
import { errorResponses, listOf, uuid } from '../schemas/common';
import { createPaymentServiceBody, paymentServiceSchema } from '../schemas/payment-service';
import type { ApiServices } from '../services';

const tags = ['Payment services'];

/** Connections to Smartpay: credentials verified on create, stored encrypted by the adapter, never returned. */
export function paymentServiceRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/payment-services',
      {
        config: { scope: 'payment-services.write' },
        schema: {
          tags,
          summary: 'Connect a Smartpay account',
          body: createPaymentServiceBody,
          response: { 201: paymentServiceSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const id = services.ids.uuid();
        const webhookUrl = `${services.publicBaseUrl.replace(/\/$/, '')}/webhooks/smartpay/${id}`;
        const prepared = await services.connectionSetup.prepare({
          connector: 'smartpay',
          secretKey: body.secret_key,
          webhookSigningSecret: body.webhook_signing_secret ?? null,
          webhookUrl,
        });
        if (!prepared.webhookSigningSecret) {
          throw ApiError.badRequest(
            'webhook_signing_secret is required when Kessai cannot register the webhook endpoint itself',
            [{ location: 'body', pointer: '/webhook_signing_secret', message: 'required', type: 'missing' }],
          );
        }
        const now = services.clock.now();
        const service: PaymentService = {
          id,
          merchantAccountId: merchantOf(request),
          connector: 'smartpay',
          displayName: body.display_name,
          active: body.active,
          credentials: { secretKey: body.secret_key, webhookSigningSecret: prepared.webhookSigningSecret },
          providerWebhookEndpointId: prepared.providerWebhookEndpointId,
          createdAt: now,
          updatedAt: now,
        };
        await services.paymentServices.add(service);
        return reply.code(201).send(presentPaymentService(service, services.publicBaseUrl));
      },
    );

    app.get(
      '/payment-services',
      {
        config: { scope: 'payment-services.read' },
        schema: {
          tags,
          summary: 'List connections',
          response: { 200: listOf(paymentServiceSchema, 'PaymentServices'), ...errorResponses },
        },
      },
      async (request) => {
        const items = (await services.paymentServices.list(merchantOf(request))).map((s) =>
          presentPaymentService(s, services.publicBaseUrl),
        );
        return { items, limit: items.length, next_cursor: null, previous_cursor: null };
      },
    );

    app.get(
      '/payment-services/:payment_service_id',
      {
        config: { scope: 'payment-services.read' },
        schema: {
          tags,
          summary: 'Get a connection',
          params: z.object({ payment_service_id: uuid }),
          response: { 200: paymentServiceSchema, ...errorResponses },
        },
      },
      async (request) => {
        const service = await services.paymentServices.get(merchantOf(request), request.params.payment_service_id);
        if (!service) throw ApiError.notFound(`payment service ${request.params.payment_service_id} was not found`);
        return presentPaymentService(service, services.publicBaseUrl);
      },
    );
  };
}
