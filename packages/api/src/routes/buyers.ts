import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentBuyer, toContactDetails } from '../buyer-presenters';
import { merchantOf } from '../request-context';
import { buyerSchema, createBuyerBody, listBuyersQuery, updateBuyerBody } from '../schemas/buyer';
import { errorResponses, listOf } from '../schemas/common';
import type { ApiServices } from '../services';
import { buyerParams, buyersRead, buyersWrite } from './buyer-route-config';
import { buyerShippingDetailsRoutes } from './buyer-shipping-details';

const tags = ['Buyers'];
const read = buyersRead;
const write = buyersWrite;
const noContent = { 204: z.null().meta({ description: 'Deleted' }) };

/** Gr4vy's buyers and their shipping details: stored so a transaction can name a buyer instead of repeating them. */
export function buyerRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    const buyers = services.manageBuyers;

    app.post(
      '/buyers',
      {
        config: write,
        schema: {
          tags,
          summary: 'Store a buyer',
          body: createBuyerBody,
          response: { 201: buyerSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const buyer = await buyers.create(merchantOf(request), {
          displayName: body.display_name ?? null,
          externalIdentifier: body.external_identifier ?? null,
          accountNumber: body.account_number ?? null,
          billingDetails: body.billing_details ? toContactDetails(body.billing_details) : null,
        });
        return reply.code(201).send(presentBuyer(buyer));
      },
    );

    app.get(
      '/buyers',
      {
        config: read,
        schema: {
          tags,
          summary: 'List buyers (newest updated first)',
          querystring: listBuyersQuery,
          response: { 200: listOf(buyerSchema, 'Buyers'), ...errorResponses },
        },
      },
      async (request) => {
        const query = request.query;
        const page = await buyers.list(merchantOf(request), {
          limit: query.limit,
          cursor: query.cursor,
          search: query.search,
          externalIdentifier: query.external_identifier,
        });
        return {
          items: page.items.map(presentBuyer),
          limit: query.limit,
          next_cursor: page.nextCursor,
          previous_cursor: page.previousCursor,
        };
      },
    );

    app.get(
      '/buyers/:buyer_id',
      {
        config: read,
        schema: {
          tags,
          summary: 'Get a buyer',
          params: buyerParams,
          response: { 200: buyerSchema, ...errorResponses },
        },
      },
      async (request) => presentBuyer(await buyers.get(merchantOf(request), request.params.buyer_id)),
    );

    app.put(
      '/buyers/:buyer_id',
      {
        config: write,
        schema: {
          tags,
          summary: 'Update a buyer (fields given replace; null clears)',
          params: buyerParams,
          body: updateBuyerBody,
          response: { 200: buyerSchema, ...errorResponses },
        },
      },
      async (request) => {
        const body = request.body;
        // Absent keeps a field, null clears it: the same in the body as in the change.
        const updated = await buyers.update(merchantOf(request), request.params.buyer_id, {
          displayName: body.display_name,
          externalIdentifier: body.external_identifier,
          accountNumber: body.account_number,
          billingDetails:
            body.billing_details === undefined
              ? undefined
              : body.billing_details
                ? toContactDetails(body.billing_details)
                : null,
        });
        return presentBuyer(updated);
      },
    );

    app.delete(
      '/buyers/:buyer_id',
      {
        config: write,
        schema: {
          tags,
          summary: 'Delete a buyer and its shipping details (transactions keep their copy)',
          params: buyerParams,
          response: { ...noContent, ...errorResponses },
        },
      },
      async (request, reply) => {
        await buyers.remove(merchantOf(request), request.params.buyer_id);
        return reply.code(204).send(null);
      },
    );

    await app.register(buyerShippingDetailsRoutes(services));
  };
}
