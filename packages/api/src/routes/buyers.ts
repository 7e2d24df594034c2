import type { Buyer } from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { presentBuyer, toContactDetails } from '../buyer-presenters';
import { merchantOf } from '../request-context';
import { buyerSchema, createBuyerBody, listBuyersQuery, updateBuyerBody } from '../schemas/buyer';
import { errorResponses, listOf } from '../schemas/common';
import type { ApiServices } from '../services';
import { buyerParams, buyersRead, buyersWrite, findBuyer } from './buyer-lookup';
import { buyerShippingDetailsRoutes } from './buyer-shipping-details';

const tags = ['Buyers'];
const read = buyersRead;
const write = buyersWrite;
const noContent = { 204: z.null().meta({ description: 'Deleted' }) };

/** Gr4vy's buyers and their shipping details: stored so a transaction can name a buyer instead of repeating them. */
export function buyerRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    const { buyers } = services;
    const find = (merchant: string, id: string) => findBuyer(buyers, merchant, id);
    /** Gr4vy answers a clash of external identifiers with 409 naming the buyer that has it. */
    const assertFree = async (merchant: string, externalIdentifier: string | null, self?: string) => {
      if (!externalIdentifier) return;
      const other = await buyers.findByExternalIdentifier(merchant, externalIdentifier);
      if (other && other.id !== self)
        throw new ApiError(
          409,
          'duplicate_record',
          `a buyer with external_identifier ${externalIdentifier} already exists`,
          [],
          other.id,
        );
    };

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
        const merchant = merchantOf(request);
        await assertFree(merchant, body.external_identifier ?? null);
        const now = services.clock.now();
        const buyer: Buyer = {
          id: services.ids.uuid(),
          merchantAccountId: merchant,
          displayName: body.display_name ?? null,
          externalIdentifier: body.external_identifier ?? null,
          accountNumber: body.account_number ?? null,
          billingDetails: body.billing_details ? toContactDetails(body.billing_details) : null,
          createdAt: now,
          updatedAt: now,
        };
        await buyers.add(buyer);
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
      async (request) => presentBuyer(await find(merchantOf(request), request.params.buyer_id)),
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
        const merchant = merchantOf(request);
        const current = await find(merchant, request.params.buyer_id);
        if (body.external_identifier) await assertFree(merchant, body.external_identifier, current.id);
        const given = <K extends keyof typeof body>(key: K) => body[key] !== undefined;
        const updated: Buyer = {
          ...current,
          displayName: given('display_name') ? (body.display_name ?? null) : current.displayName,
          externalIdentifier: given('external_identifier')
            ? (body.external_identifier ?? null)
            : current.externalIdentifier,
          accountNumber: given('account_number') ? (body.account_number ?? null) : current.accountNumber,
          billingDetails: given('billing_details')
            ? body.billing_details
              ? toContactDetails(body.billing_details)
              : null
            : current.billingDetails,
          updatedAt: services.clock.now(),
        };
        await buyers.update(updated);
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
        if (!(await buyers.remove(merchantOf(request), request.params.buyer_id)))
          throw ApiError.notFound(`buyer ${request.params.buyer_id} was not found`);
        return reply.code(204).send(null);
      },
    );

    await app.register(buyerShippingDetailsRoutes(services));
  };
}
