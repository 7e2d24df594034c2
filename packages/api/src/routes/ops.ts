import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import type { Drain } from '../drain';
import type { ApiServices } from '../services';

/** Gauges read storage (a count per status), so scrapes closer together than this reuse the last reading. */
const GAUGE_REFRESH_MS = 15_000;

export function opsRoutes(
  services: ApiServices,
  options: { metricsToken?: string | undefined; drain?: Drain | undefined } = {},
): FastifyPluginAsyncZod {
  let gaugesReadAt = Number.NEGATIVE_INFINITY;
  return async (app) => {
    const hidden = { hide: true };
    app.get(
      '/healthz',
      { schema: { ...hidden, response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({ status: 'ok' as const }),
    );
    app.get('/readyz', { schema: hidden }, async (request, reply) => {
      if (options.drain?.draining) return reply.code(503).send({ ready: false, checks: { process: 'draining' } });
      const readiness = await services.readiness().catch((error: unknown) => {
        request.log.error({ err: error }, 'readiness check failed');
        return { ready: false, checks: { readiness: 'check failed' } };
      });
      return reply.code(readiness.ready ? 200 : 503).send(readiness);
    });
    // Counts across every merchant are for operators only: a bearer token, compared in constant time.
    app.get('/metrics', { schema: hidden }, async (request, reply) => {
      if (!options.metricsToken)
        throw ApiError.forbidden('/metrics is disabled: set METRICS_TOKEN and scrape with that bearer token');
      if (!bearerMatches(request.headers.authorization, options.metricsToken))
        throw ApiError.unauthorized('/metrics needs "Authorization: Bearer <METRICS_TOKEN>"');
      if (Date.now() - gaugesReadAt >= GAUGE_REFRESH_MS) {
        gaugesReadAt = Date.now();
        await services.collectGauges(services.metrics).catch(() => undefined);
      }
      return reply.type(services.metrics.registry.contentType).send(await services.metrics.registry.metrics());
    });
  };
}

function bearerMatches(authorization: string | undefined, token: string): boolean {
  const given = Buffer.from(/^bearer\s+(.+)$/i.exec(authorization?.trim() ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
