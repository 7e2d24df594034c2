import type { ApiKey } from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, merchantOf } from '../request-context';
import { listOf } from '../schemas/common';
import type { ApiServices } from '../services';
import {
  apiKeyParams,
  apiKeySchema,
  apiKeyWithPrivateKeySchema,
  createApiKeyBody,
  dashboardErrors,
  listApiKeysQuery,
  updateApiKeyBody,
} from './dashboard-schemas';

const tags = ['API keys'];

const present = (key: ApiKey, merchantAccountId: string) => ({
  type: 'api-key' as const,
  id: key.kid,
  name: key.name ?? null,
  scopes: key.scopes ?? null,
  merchant_account_id: merchantAccountId,
  created_at: key.createdAt.toISOString(),
  last_used_at: key.lastUsedAt?.toISOString() ?? null,
  revoked_at: key.revokedAt?.toISOString() ?? null,
});

const listSchema = listOf(apiKeySchema, 'ApiKeys');

/**
 * The merchant's own API keys (ES512 key pairs, as Gr4vy's SDKs use them), as `ManageApiKeys` keeps them: the
 * private half is answered once as PEM and never stored.
 */
export function apiKeyRoutes(services: ApiServices, onRevoked: (kid: string) => void): FastifyPluginAsyncZod {
  const keys = services.manageApiKeys;
  return async (app) => {
    app.get(
      '/api-keys',
      {
        config: { scope: 'api-keys.read' },
        schema: {
          tags,
          summary: 'List the merchant account’s API keys (revoked ones too), newest first',
          querystring: listApiKeysQuery,
          response: { 200: listSchema, ...dashboardErrors },
        },
      },
      async (request) => {
        const merchant = merchantOf(request);
        const { limit, cursor } = request.query;
        const page = await keys.list(merchant, { limit, cursor });
        return {
          items: page.items.map((key) => present(key, merchant)),
          limit,
          next_cursor: page.nextCursor,
          previous_cursor: page.previousCursor,
        };
      },
    );

    app.post(
      '/api-keys',
      {
        config: { scope: 'api-keys.write', secretInResponse: true },
        schema: {
          tags,
          summary: 'Make an ES512 key pair: the public key is registered, the private key answered once as PEM',
          body: createApiKeyBody,
          response: { 201: apiKeyWithPrivateKeySchema, ...dashboardErrors },
        },
      },
      async (request, reply) => {
        const merchant = merchantOf(request);
        const { key, privateKeyPem } = await keys.create(
          merchant,
          request.body.name,
          request.body.scopes,
          actorOf(request),
        );
        return reply.code(201).send({ ...present(key, merchant), private_key_pem: privateKeyPem });
      },
    );

    app.patch(
      '/api-keys/:api_key_id',
      {
        config: { scope: 'api-keys.write' },
        schema: {
          tags,
          summary: 'Rename an API key (its scopes are kept: make a new key for other scopes)',
          params: apiKeyParams,
          body: updateApiKeyBody,
          response: { 200: apiKeySchema, ...dashboardErrors },
        },
      },
      async (request) => {
        const merchant = merchantOf(request);
        return present(
          await keys.rename(merchant, request.params.api_key_id, request.body.name, actorOf(request)),
          merchant,
        );
      },
    );

    app.delete(
      '/api-keys/:api_key_id',
      {
        config: { scope: 'api-keys.write' },
        schema: {
          tags,
          summary: 'Revoke an API key: the tokens it signs are refused from then on',
          params: apiKeyParams,
          response: { 204: z.null().describe('Revoked'), ...dashboardErrors },
        },
      },
      async (request, reply) => {
        await keys.revoke(merchantOf(request), request.params.api_key_id, actorOf(request));
        onRevoked(request.params.api_key_id);
        return reply.code(204).send(null);
      },
    );
  };
}
