import type { ManageEmbedOrigins } from '@kessai/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { sendApiError } from './connection-guards';
import { headerOf } from './request-context';

/** The embed's routes and the methods a browser may call each with from a registered origin. */
const EMBED_PATHS: Record<string, string> = {
  '/payment-options': 'GET, POST',
  '/transactions': 'POST',
  '/transactions/:transaction_id': 'GET',
};
const ALLOWED_HEADERS = 'authorization, content-type, idempotency-key, x-gr4vy-merchant-account-id';
/** How long a browser may reuse a preflight's answer: a checkout page's few calls need one preflight. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for the embed's routes alone (those marked `embed`), for the origins merchants register: a preflight is
 * answered for an origin some merchant account registered (it names no account), and an answer carries
 * Access-Control-Allow-Origin only when the account it is for registered the origin. No other route answers CORS.
 */
export function embedCors(app: FastifyInstance, origins: ManageEmbedOrigins): void {
  for (const [path, methods] of Object.entries(EMBED_PATHS))
    app.options(path, { schema: { hide: true } }, async (request, reply) => {
      const origin = headerOf(request.headers.origin);
      reply.header('vary', 'Origin');
      if (!origin || !(await origins.isRegistered(origin)))
        return sendApiError(
          reply,
          ApiError.forbidden('this origin is not registered for the embed (PUT /embed-origins)'),
        );
      return reply
        .code(204)
        .header('access-control-allow-origin', origin)
        .header('access-control-allow-methods', methods)
        .header('access-control-allow-headers', ALLOWED_HEADERS)
        .header('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS))
        .send();
    });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.routeOptions.config.embed || request.method === 'OPTIONS') return;
    const origin = headerOf(request.headers.origin);
    if (!origin) return;
    reply.header('vary', 'Origin');
    const merchant =
      request.principal?.merchantAccountId ?? (headerOf(request.headers['x-gr4vy-merchant-account-id']) || 'default');
    if (await origins.allows(merchant, origin)) reply.header('access-control-allow-origin', origin);
  });
}
