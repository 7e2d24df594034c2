import type { RankedConnection } from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { presentPaymentService } from '../presenters';
import { merchantOf } from '../request-context';
import { errorResponses, listOf, uuid } from '../schemas/common';
import {
  type CreatePaymentServiceBody,
  createPaymentServiceBody,
  paymentServiceSchema,
  updatePaymentServiceBody,
  verifyCredentialsBody,
} from '../schemas/payment-service';
import type { ApiServices } from '../services';
import { paymentServiceDefinitionRoutes } from './payment-service-definitions';

const tags = ['Payment services'];
type Fields = NonNullable<CreatePaymentServiceBody['fields']>;
const field = (fields: Fields | null | undefined, key: Fields[number]['key']) =>
  fields?.find((candidate) => candidate.key === key)?.value;

/** Connections to Smartpay: credentials verified on create, stored encrypted by the adapter, never returned. */
export function paymentServiceRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(paymentServiceDefinitionRoutes(services));
    const connections = services.manageConnections;
    const present = (connection: RankedConnection) => presentPaymentService(connection, services.publicBaseUrl);

    app.post(
      '/payment-services',
      {
        config: { scope: 'payment-services.write' },
        schema: {
          tags,
          summary: 'Connect a Smartpay account',
          description:
            'Gr4vy\'s shape (`fields: [{key: "secret_key", value}]`, optionally `webhook_signing_secret`) or Kessai\'s (`secret_key` at the top). Settings that describe a connector are accepted only with the values true of Smartpay (JPY, JP, no 3-D Secure, no tokens, no settlement reporting).',
          body: createPaymentServiceBody,
          response: { 201: paymentServiceSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const secretKey = body.secret_key ?? field(body.fields, 'secret_key');
        if (!secretKey || (body.secret_key && field(body.fields, 'secret_key'))) {
          const message = 'give the Smartpay secret key once: fields [{key: "secret_key", value}] or secret_key';
          throw ApiError.badRequest(message, [{ location: 'body', pointer: '/fields', message, type: 'missing' }]);
        }
        const connection = await connections.connect(merchantOf(request), {
          connector: 'smartpay',
          displayName: body.display_name,
          active: body.active ?? true,
          secretKey,
          webhookSigningSecret: body.webhook_signing_secret ?? field(body.fields, 'webhook_signing_secret') ?? null,
        });
        return reply.code(201).send(present(connection));
      },
    );

    app.get(
      '/payment-services',
      {
        config: { scope: 'payment-services.read' },
        schema: {
          tags,
          summary: 'List connections (oldest first)',
          querystring: z
            .object({
              method: z.string().optional(),
              deleted: z.enum(['true', 'false']).optional(),
              cursor: z.string().optional(),
              limit: z.string().optional(),
            })
            .loose(),
          response: { 200: listOf(paymentServiceSchema, 'PaymentServices'), ...errorResponses },
        },
      },
      async (request) => {
        const { method, deleted } = request.query;
        // Gr4vy's `method` names the connector; deleted connections are listed only when `deleted=true`.
        const matching = await connections.list(merchantOf(request), {
          connector: method || undefined,
          deleted: deleted === 'true',
        });
        const items = matching.map(present);
        return { items, limit: Math.max(items.length, 1), next_cursor: null, previous_cursor: null };
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
      async (request) => present(await connections.get(merchantOf(request), request.params.payment_service_id)),
    );

    app.put(
      '/payment-services/:payment_service_id',
      {
        config: { scope: 'payment-services.write' },
        schema: {
          tags,
          summary: 'Rename, (de)activate or re-key a connection',
          description:
            'A new `secret_key` in `fields` is verified with Smartpay, and Kessai registers its webhook endpoint for that key, before it replaces the old one.',
          params: z.object({ payment_service_id: uuid }),
          body: updatePaymentServiceBody,
          response: { 200: paymentServiceSchema, ...errorResponses },
        },
      },
      async (request) => {
        const body = request.body;
        const updated = await connections.update(merchantOf(request), request.params.payment_service_id, {
          displayName: body.display_name ?? undefined,
          active: body.active ?? undefined,
          secretKey: field(body.fields, 'secret_key'),
          webhookSigningSecret: field(body.fields, 'webhook_signing_secret'),
        });
        return present(updated);
      },
    );

    app.post(
      '/payment-services/verify',
      {
        config: { scope: 'payment-services.write' },
        schema: {
          tags,
          summary: 'Check Smartpay credentials (nothing is stored or registered)',
          description:
            'With `fields` holding a `secret_key`, checks that key; with only `payment_service_id`, checks the stored one. Answers `{}` when Smartpay accepts it, 400 when it refuses.',
          body: verifyCredentialsBody,
          response: { 200: z.object({}).meta({ id: 'VerifyCredentialsResult' }), ...errorResponses },
        },
      },
      async (request) => {
        const body = request.body;
        const secretKey = field(body.fields, 'secret_key');
        const paymentServiceId = body.payment_service_id;
        const credentials = secretKey
          ? { connector: 'smartpay', secretKey }
          : paymentServiceId
            ? { paymentServiceId }
            : undefined;
        if (!credentials) {
          const message = 'give fields [{key: "secret_key", value}] or a payment_service_id';
          throw ApiError.badRequest(message, [{ location: 'body', pointer: '/fields', message, type: 'missing' }]);
        }
        await connections.verify(merchantOf(request), credentials);
        return {};
      },
    );

    app.delete(
      '/payment-services/:payment_service_id',
      {
        config: { scope: 'payment-services.write' },
        schema: {
          tags,
          summary: 'Delete a connection',
          description:
            'No new transaction can use it and lists leave it out (unless `deleted=true`), but Kessai keeps it, credentials included, so the transactions made through it can still be captured, refunded and reconciled.',
          params: z.object({ payment_service_id: uuid }),
          response: { 204: z.null().meta({ description: 'Deleted' }), ...errorResponses },
        },
      },
      async (request, reply) => {
        await connections.remove(merchantOf(request), request.params.payment_service_id);
        return reply.code(204).send(null);
      },
    );
  };
}
