import type { Buyer, BuyerShippingDetails } from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { presentBuyer, presentShippingDetails, toContactDetails } from '../buyer-presenters';
import { merchantOf } from '../request-context';
import {
  buyerSchema,
  createBuyerBody,
  listBuyersQuery,
  shippingDetailsBody,
  shippingDetailsSchema,
  updateBuyerBody,
} from '../schemas/buyer';
import { errorResponses, listOf, uuid } from '../schemas/common';
import type { ApiServices } from '../services';

const tags = ['Buyers'];
const buyerParams = z.object({ buyer_id: uuid });
const shippingParams = z.object({ buyer_id: uuid, shipping_details_id: uuid });
const read = { scope: 'buyers.read' };
const write = { scope: 'buyers.write' };
const noContent = { 204: z.null().meta({ description: 'Deleted' }) };

/** Gr4vy's buyers and their shipping details: stored so a transaction can name a buyer instead of repeating them. */
export function buyerRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    const { buyers } = services;
    const find = async (merchant: string, id: string) => {
      const buyer = await buyers.get(merchant, id);
      if (!buyer) throw ApiError.notFound(`buyer ${id} was not found`);
      return buyer;
    };
    const findShipping = async (merchant: string, buyerId: string, id: string) => {
      await find(merchant, buyerId);
      const details = await buyers.getShippingDetails(merchant, buyerId, id);
      if (!details) throw ApiError.notFound(`shipping details ${id} were not found`);
      return details;
    };
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

    app.post(
      '/buyers/:buyer_id/shipping-details',
      {
        config: write,
        schema: {
          tags,
          summary: 'Add shipping details to a buyer',
          params: buyerParams,
          body: shippingDetailsBody,
          response: { 201: shippingDetailsSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const merchant = merchantOf(request);
        const buyer = await find(merchant, request.params.buyer_id);
        const now = services.clock.now();
        const details: BuyerShippingDetails = {
          ...toContactDetails(request.body),
          id: services.ids.uuid(),
          buyerId: buyer.id,
          merchantAccountId: merchant,
          createdAt: now,
          updatedAt: now,
        };
        await buyers.addShippingDetails(details);
        return reply.code(201).send(presentShippingDetails(details));
      },
    );

    app.get(
      '/buyers/:buyer_id/shipping-details',
      {
        config: read,
        schema: {
          tags,
          summary: "List a buyer's shipping details (oldest first)",
          params: buyerParams,
          response: {
            200: z.object({ items: z.array(shippingDetailsSchema) }).meta({ id: 'ShippingDetailsList' }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const merchant = merchantOf(request);
        await find(merchant, request.params.buyer_id);
        const items = await buyers.listShippingDetails(merchant, request.params.buyer_id);
        return { items: items.map(presentShippingDetails) };
      },
    );

    app.get(
      '/buyers/:buyer_id/shipping-details/:shipping_details_id',
      {
        config: read,
        schema: {
          tags,
          summary: 'Get shipping details',
          params: shippingParams,
          response: { 200: shippingDetailsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { buyer_id, shipping_details_id } = request.params;
        return presentShippingDetails(await findShipping(merchantOf(request), buyer_id, shipping_details_id));
      },
    );

    app.put(
      '/buyers/:buyer_id/shipping-details/:shipping_details_id',
      {
        config: write,
        schema: {
          tags,
          summary: 'Update shipping details (fields given replace)',
          params: shippingParams,
          body: shippingDetailsBody.meta({ id: 'ShippingDetailsUpdate' }),
          response: { 200: shippingDetailsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { buyer_id, shipping_details_id } = request.params;
        const current = await findShipping(merchantOf(request), buyer_id, shipping_details_id);
        const body = request.body;
        const next = toContactDetails({
          first_name: body.first_name !== undefined ? body.first_name : current.firstName,
          last_name: body.last_name !== undefined ? body.last_name : current.lastName,
          email_address: body.email_address !== undefined ? body.email_address : current.emailAddress,
          phone_number: body.phone_number !== undefined ? body.phone_number : current.phoneNumber,
        });
        const updated: BuyerShippingDetails = {
          ...current,
          ...next,
          address: body.address !== undefined ? toContactDetails({ address: body.address }).address : current.address,
          updatedAt: services.clock.now(),
        };
        await buyers.updateShippingDetails(updated);
        return presentShippingDetails(updated);
      },
    );

    app.delete(
      '/buyers/:buyer_id/shipping-details/:shipping_details_id',
      {
        config: write,
        schema: {
          tags,
          summary: 'Delete shipping details',
          params: shippingParams,
          response: { ...noContent, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { buyer_id, shipping_details_id } = request.params;
        await findShipping(merchantOf(request), buyer_id, shipping_details_id);
        await buyers.removeShippingDetails(merchantOf(request), buyer_id, shipping_details_id);
        return reply.code(204).send(null);
      },
    );
  };
}
