import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../services';

export function opsRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    const hidden = { hide: true };
    app.get(
      '/healthz',
      { schema: { ...hidden, response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({ status: 'ok' as const }),
    );
    app.get('/readyz', { schema: hidden }, async (_request, reply) => {
      const readiness = await services
        .readiness()
        .catch((error: unknown) => ({ ready: false, checks: { error: String(error) } }));
      return reply.code(readiness.ready ? 200 : 503).send(readiness);
    });
    app.get('/metrics', { schema: hidden }, async (_request, reply) => {
      await services.collectGauges(services.metrics).catch(() => undefined);
      return reply.type(services.metrics.registry.contentType).send(await services.metrics.registry.metrics());
    });
  };
}
