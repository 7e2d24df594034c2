import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * What every answer says about itself: never sniff its content type, and never keep an answer behind
 * authentication in any cache (merchant data, and keys and secrets shown once). Public answers (/healthz,
 * /openapi.json, /docs, the dashboard's assets) keep the caching they set themselves.
 */
export async function answerHeaders(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('x-content-type-options', 'nosniff');
  if (request.routeOptions.config.scope) reply.header('cache-control', 'no-store');
}
