import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { errorResponses, uuid } from '../schemas/common';
import type { ApiServices } from '../services';

const params = z.object({ transaction_id: uuid });
const query = z
  .object({ merchant_account_id: z.string().min(1).max(255), signature: z.string().max(100).optional() })
  .loose();

/**
 * Where the provider's hosted page sends the buyer back (success and cancel alike). Kessai reads the transaction's
 * current state (`BuyerReturn` decides when the provider is asked first), then redirects to the merchant's
 * `redirect_url` with the real `transaction_id` and `transaction_status`, as Gr4vy does. Unauthenticated: the
 * buyer's browser calls it, with the link's signature.
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
        const ids = {
          merchantAccountId: request.query.merchant_account_id,
          transactionId: request.params.transaction_id,
        };
        // Only the link Kessai gave the provider leads on: an id alone is no way to the merchant's redirect_url.
        if (!services.returnLinks.verifies(ids.merchantAccountId, ids.transactionId, request.query.signature))
          throw ApiError.notFound(`transaction ${ids.transactionId} was not found`);
        const { transaction: data, syncError } = await services.buyerReturn.execute(
          ids.merchantAccountId,
          ids.transactionId,
        );
        if (syncError) request.log.warn({ err: syncError }, 'sync on buyer return failed');
        const target = new URL(data.state.details.redirectUrl);
        target.searchParams.set('transaction_id', data.id);
        target.searchParams.set('transaction_status', data.status);
        return reply.header('cache-control', 'no-store').redirect(target.toString(), 303);
      },
    );
  };
}
