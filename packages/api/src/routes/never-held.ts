import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { merchantOf } from '../request-context';
import { errorResponses, uuid } from '../schemas/common';
import type { ApiServices } from '../services';

const empty = (id: string) => z.object({ items: z.array(z.record(z.string(), z.unknown())).max(0) }).meta({ id });
const buyerQuery = z
  .object({
    buyer_id: uuid.optional(),
    buyer_external_identifier: z.string().max(200).optional(),
  })
  .loose();

/**
 * Gr4vy lists of things a Kessai Smartpay payment never has: gift cards, stored payment methods (Smartpay does not
 * tokenize), settlements (Kessai reads no settlement reports). They answer the truth, an empty list, not a 404.
 */
export function neverHeldRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/buyers/gift-cards',
      {
        config: { scope: 'buyers.read' },
        schema: {
          tags: ['Buyers'],
          summary: "A buyer's gift cards: always none (Kessai has no gift card service)",
          querystring: buyerQuery,
          response: { 200: empty('GiftCardSummaries'), ...errorResponses },
        },
      },
      async () => ({ items: [] }),
    );

    app.get(
      '/buyers/payment-methods',
      {
        config: { scope: 'buyers.read' },
        schema: {
          tags: ['Buyers'],
          summary: "A buyer's stored payment methods: always none (Smartpay does not tokenize)",
          querystring: buyerQuery,
          response: { 200: empty('PaymentMethodSummaries'), ...errorResponses },
        },
      },
      async () => ({ items: [] }),
    );

    app.get(
      '/transactions/:transaction_id/settlements',
      {
        config: { scope: 'transactions.read' },
        schema: {
          tags: ['Transactions'],
          summary: "A transaction's settlements: always none (Kessai reads no settlement reports; settled is false)",
          params: z.object({ transaction_id: uuid }),
          response: { 200: empty('Settlements'), ...errorResponses },
        },
      },
      async (request) => {
        await services.queries.get(merchantOf(request), request.params.transaction_id);
        return { items: [] };
      },
    );
  };
}
