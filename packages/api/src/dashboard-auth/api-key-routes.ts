import { type ApiKey, MAX_ACTIVE_API_KEYS_PER_MERCHANT, TooManyApiKeysError } from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { createPemKeyPair } from '../auth/keys';
import { merchantOf } from '../request-context';
import { listOf } from '../schemas/common';
import type { ApiServices } from '../services';
import {
  apiKeyParams,
  apiKeySchema,
  apiKeyWithPrivateKeySchema,
  createApiKeyBody,
  dashboardErrors,
  listApiKeysQuery,
} from './dashboard-schemas';

const tags = ['API keys'];

const present = (key: ApiKey, merchantAccountId: string) => ({
  type: 'api-key' as const,
  id: key.kid,
  name: key.name ?? null,
  merchant_account_id: merchantAccountId,
  created_at: key.createdAt.toISOString(),
  revoked_at: key.revokedAt?.toISOString() ?? null,
});

const listSchema = listOf(apiKeySchema, 'ApiKeys');

/**
 * The merchant's own API keys (ES512 key pairs, as Gr4vy's SDKs use them): Kessai keeps the public half; the
 * private half is made here, answered once as PEM, and never stored. Only keys bound to this merchant account
 * alone are shown or revoked (an operator's admin key is nobody's to revoke from a dashboard).
 */
export function apiKeyRoutes(services: ApiServices, onRevoked: (kid: string) => void): FastifyPluginAsyncZod {
  const own = async (merchantAccountId: string, kid: string) => {
    const key = await services.apiKeys.findByKid(kid);
    const ownedAlone = key?.merchantAccountIds.length === 1 && key.merchantAccountIds[0] === merchantAccountId;
    if (!key || !ownedAlone) throw ApiError.notFound(`no API key ${kid}`);
    return key;
  };

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
        const page = await services.apiKeys.listFor(merchant, { limit, cursor });
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
        const pair = await createPemKeyPair();
        const key: ApiKey = {
          kid: pair.kid,
          merchantAccountIds: [merchant],
          publicJwk: pair.publicJwk,
          name: request.body.name,
          createdAt: services.clock.now(),
          revokedAt: null,
        };
        if (!(await services.apiKeys.add(key, MAX_ACTIVE_API_KEYS_PER_MERCHANT)))
          throw new TooManyApiKeysError(
            `a merchant account may have at most ${MAX_ACTIVE_API_KEYS_PER_MERCHANT} active API keys; revoke one first`,
            '',
          );
        return reply.code(201).send({ ...present(key, merchant), private_key_pem: pair.privateKeyPem });
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
        const merchant = merchantOf(request);
        const key = await own(merchant, request.params.api_key_id);
        if (!key.revokedAt) await services.apiKeys.revoke(key.kid, services.clock.now());
        onRevoked(key.kid);
        return reply.code(204).send(null);
      },
    );
  };
}
