import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, uuid } from '../schemas/common';
import type { ApiServices } from '../services';

const params = z.object({ transaction_id: uuid });
const query = z
  .object({ merchant_account_id: z.string().min(1).max(255), signature: z.string().max(100).optional() })
  .loose();

/**
 * Where the provider's hosted page sends the buyer back (success and cancel alike); `ResolveBuyerReturn` decides
 * where to. Unauthenticated: the buyer's browser calls it, with the link's signature.
 */
export function buyerReturnRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/transactions/:transaction_id/return',
      {
        schema: {
          tags: ['Transactions'],
          summary: 'The buyer returns from the provider: redirects to redirect_url with the real status',
          params,
          querystring: query,
          response: {
            303: z.null().describe('Location: redirect_url?transaction_id=…&transaction_status=…'),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const { location, syncError } = await services.resolveBuyerReturn.execute({
          merchantAccountId: request.query.merchant_account_id,
          transactionId: request.params.transaction_id,
          signature: request.query.signature,
        });
        if (syncError) request.log.warn({ err: syncError }, 'sync on buyer return failed');
        return reply.header('cache-control', 'no-store').redirect(location, 303);
      },
    );
  };
}
