import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { merchantOf } from '../request-context';
import { errorResponses } from '../schemas/common';
import type { ApiServices } from '../services';

const tags = ['Checkout sessions'];
const originsSchema = z
  .object({ type: z.literal('embed-origins'), items: z.array(z.string()) })
  .meta({ id: 'EmbedOrigins' });
const originsBody = z
  .strictObject({ origins: z.array(z.string().max(300, { error: 'must be at most 300 characters' })) })
  .meta({ id: 'EmbedOriginsUpdate' });

/**
 * Kessai extension: the web origins (`https://shop.example`) a merchant account lets its embed run on. CORS on the
 * embed's routes (payment options, creating and reading its transaction) answers these origins alone.
 */
export function embedOriginRoutes(services: ApiServices): FastifyPluginAsyncZod {
  const origins = services.checkoutSessions.embedOrigins;
  return async (app) => {
    app.get(
      '/embed-origins',
      {
        config: { scope: 'checkout-sessions.read' },
        schema: {
          tags,
          summary: 'List the origins the embed may run on (Kessai extension)',
          response: { 200: originsSchema, ...errorResponses },
        },
      },
      async (request) => ({ type: 'embed-origins' as const, items: await origins.list(merchantOf(request)) }),
    );

    app.put(
      '/embed-origins',
      {
        config: { scope: 'checkout-sessions.write' },
        schema: {
          tags,
          summary: 'Replace the origins the embed may run on (Kessai extension)',
          description:
            'Each an origin as browsers send it: `https://shop.example` (http only for localhost), at most 20. An empty list turns CORS off.',
          body: originsBody,
          response: { 200: originsSchema, ...errorResponses },
        },
      },
      async (request) => ({
        type: 'embed-origins' as const,
        items: await origins.replace(merchantOf(request), request.body.origins),
      }),
    );
  };
}
