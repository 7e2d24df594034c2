import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, uuid } from '../schemas/common';
import type { ApiServices } from '../services';

/**
 * Smartpay's webhooks: the raw body is kept byte for byte (the signature covers it), verified, stored in the inbox
 * (deduplicated by event id), acknowledged with 200 at once, and processed by the job queue.
 */
export function webhookRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    app.post(
      '/webhooks/smartpay/:payment_service_id',
      {
        config: { rawBody: true },
        schema: {
          tags: ['Webhooks'],
          summary: 'Receive a Smartpay webhook (signed with the connection’s signing secret)',
          security: [],
          params: z.object({ payment_service_id: uuid }),
          body: z.string().max(256 * 1024),
          response: { 200: z.object({ received: z.literal(true), duplicate: z.boolean() }), ...errorResponses },
        },
      },
      async (request) => {
        const headers: Record<string, string | undefined> = {};
        for (const [name, value] of Object.entries(request.headers))
          headers[name.toLowerCase()] = Array.isArray(value) ? value[0] : value;
        // A bad signature (401) or an unknown connection (404) is a domain error, answered by the one error table.
        const received = await services.receiveWebhook.execute(request.params.payment_service_id, {
          headers,
          rawBody: request.body,
        });
        return { received: true as const, duplicate: !received.recorded };
      },
    );
  };
}
