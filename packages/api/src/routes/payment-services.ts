import type { PaymentService } from '@kessai/domain';
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
    const present = async (service: PaymentService) => {
      const all = await services.paymentServices.list(service.merchantAccountId);
      const position = all.findIndex((candidate) => candidate.id === service.id) + 1;
      return presentPaymentService(service, services.publicBaseUrl, position);
    };
    /** Verifies the key with Smartpay and registers Kessai's webhook endpoint there (unless a secret is given). */
    const prepare = async (id: string, secretKey: string, webhookSigningSecret: string | null) => {
      const webhookUrl = `${services.publicBaseUrl.replace(/\/$/, '')}/webhooks/smartpay/${id}`;
      const prepared = await services.connectionSetup.prepare({
        connector: 'smartpay',
        secretKey,
        webhookSigningSecret,
        webhookUrl,
      });
      if (!prepared.webhookSigningSecret) {
        throw ApiError.badRequest(
          'webhook_signing_secret is required when Kessai cannot register the webhook endpoint itself',
          [{ location: 'body', pointer: '/webhook_signing_secret', message: 'required', type: 'missing' }],
        );
      }
      return { ...prepared, webhookSigningSecret: prepared.webhookSigningSecret };
    };
    const find = async (merchant: string, id: string) => {
      const service = await services.paymentServices.get(merchant, id);
      if (!service) throw ApiError.notFound(`payment service ${id} was not found`);
      return service;
    };

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
        const id = services.ids.uuid();
        const signing = body.webhook_signing_secret ?? field(body.fields, 'webhook_signing_secret') ?? null;
        const prepared = await prepare(id, secretKey, signing);
        const now = services.clock.now();
        const service: PaymentService = {
          id,
          merchantAccountId: merchantOf(request),
          connector: 'smartpay',
          displayName: body.display_name,
          active: body.active ?? true,
          credentials: { secretKey, webhookSigningSecret: prepared.webhookSigningSecret },
          providerWebhookEndpointId: prepared.providerWebhookEndpointId,
          createdAt: now,
          updatedAt: now,
        };
        await services.paymentServices.add(service);
        return reply.code(201).send(await present(service));
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
        const all = await services.paymentServices.list(merchantOf(request));
        // Every connection is Smartpay; deleted ones are listed only when asked for (Gr4vy's `deleted=true`).
        const matching =
          method && method !== 'smartpay' ? [] : all.filter((s) => Boolean(s.deletedAt) === (deleted === 'true'));
        const items = matching.map((s) => presentPaymentService(s, services.publicBaseUrl, all.indexOf(s) + 1));
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
      async (request) => present(await find(merchantOf(request), request.params.payment_service_id)),
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
        const current = await find(merchantOf(request), request.params.payment_service_id);
        if (current.deletedAt) {
          const message = `payment service ${current.id} was deleted`;
          throw ApiError.badRequest(message, [
            { location: 'path', pointer: '/payment_service_id', message, type: 'deleted' },
          ]);
        }
        const newKey = field(body.fields, 'secret_key');
        const newSigning = field(body.fields, 'webhook_signing_secret');
        let credentials = current.credentials;
        let providerWebhookEndpointId = current.providerWebhookEndpointId;
        if (newKey || newSigning) {
          const secretKey = newKey ?? current.credentials.secretKey ?? '';
          // A new key gets a new webhook endpoint at Smartpay unless its signing secret comes with it.
          const keptSigning = newKey ? null : (current.credentials.webhookSigningSecret ?? null);
          const prepared = await prepare(current.id, secretKey, newSigning ?? keptSigning);
          credentials = { secretKey, webhookSigningSecret: prepared.webhookSigningSecret };
          providerWebhookEndpointId = prepared.providerWebhookEndpointId ?? providerWebhookEndpointId;
        }
        const updated: PaymentService = {
          ...current,
          displayName: body.display_name ?? current.displayName,
          active: body.active ?? current.active,
          credentials,
          providerWebhookEndpointId,
          updatedAt: services.clock.now(),
        };
        await services.paymentServices.update(updated);
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
        let secretKey = field(body.fields, 'secret_key');
        if (!secretKey && body.payment_service_id)
          secretKey = (await find(merchantOf(request), body.payment_service_id)).credentials.secretKey;
        if (!secretKey) {
          const message = 'give fields [{key: "secret_key", value}] or a payment_service_id';
          throw ApiError.badRequest(message, [{ location: 'body', pointer: '/fields', message, type: 'missing' }]);
        }
        await services.connectionSetup.verify({ connector: 'smartpay', secretKey });
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
        const current = await find(merchantOf(request), request.params.payment_service_id);
        if (!current.deletedAt) {
          const now = services.clock.now();
          await services.paymentServices.update({ ...current, active: false, deletedAt: now, updatedAt: now });
        }
        return reply.code(204).send(null);
      },
    );
  };
}
