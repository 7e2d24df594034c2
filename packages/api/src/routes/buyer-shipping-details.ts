import type { BuyerShippingDetails } from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { presentShippingDetails, toContactDetails } from '../buyer-presenters';
import { merchantOf } from '../request-context';
import { shippingDetailsBody, shippingDetailsSchema } from '../schemas/buyer';
import { errorResponses, uuid } from '../schemas/common';
import type { ApiServices } from '../services';
import { buyerParams, findBuyer, buyersRead as read, buyersWrite as write } from './buyer-lookup';

const tags = ['Buyers'];
const shippingParams = z.object({ buyer_id: uuid, shipping_details_id: uuid });
const noContent = { 204: z.null().meta({ description: 'Deleted' }) };

/** Gr4vy's shipping details of a stored buyer: addresses a transaction can name instead of repeating them. */
export function buyerShippingDetailsRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    const { buyers } = services;
    const findShipping = async (merchant: string, buyerId: string, id: string) => {
      await findBuyer(buyers, merchant, buyerId);
      const details = await buyers.getShippingDetails(merchant, buyerId, id);
      if (!details) throw ApiError.notFound(`shipping details ${id} were not found`);
      return details;
    };

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
        const buyer = await findBuyer(buyers, merchant, request.params.buyer_id);
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
        await findBuyer(buyers, merchant, request.params.buyer_id);
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
