import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentShippingDetails, toContactDetails } from '../buyer-presenters';
import { merchantOf } from '../request-context';
import { shippingDetailsBody, shippingDetailsSchema } from '../schemas/buyer';
import { errorResponses, uuid } from '../schemas/common';
import type { ApiServices } from '../services';
import { buyerParams, buyersRead as read, buyersWrite as write } from './buyer-route-config';

const tags = ['Buyers'];
const shippingParams = z.object({ buyer_id: uuid, shipping_details_id: uuid });
const noContent = { 204: z.null().meta({ description: 'Deleted' }) };

/** Gr4vy's shipping details of a stored buyer: addresses a transaction can name instead of repeating them. */
export function buyerShippingDetailsRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    const shipping = services.manageShippingDetails;

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
        const details = await shipping.add(
          merchantOf(request),
          request.params.buyer_id,
          toContactDetails(request.body),
        );
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
        const items = await shipping.list(merchantOf(request), request.params.buyer_id);
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
        return presentShippingDetails(await shipping.get(merchantOf(request), buyer_id, shipping_details_id));
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
        const body = request.body;
        const updated = await shipping.update(merchantOf(request), buyer_id, shipping_details_id, {
          firstName: body.first_name,
          lastName: body.last_name,
          emailAddress: body.email_address,
          phoneNumber: body.phone_number,
          address: body.address === undefined ? undefined : toContactDetails({ address: body.address }).address,
        });
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
        await shipping.remove(merchantOf(request), buyer_id, shipping_details_id);
        return reply.code(204).send(null);
      },
    );
  };
}
