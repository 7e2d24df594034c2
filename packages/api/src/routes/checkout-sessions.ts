import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentCheckoutSession, toCheckoutSessionFields } from '../checkout-session-presenters';
import { merchantOf } from '../request-context';
import { checkoutSessionBody, checkoutSessionSchema } from '../schemas/checkout-session';
import { errorResponses, uuid } from '../schemas/common';
import type { ApiServices } from '../services';

const tags = ['Checkout sessions'];
const sessionParams = z.object({ session_id: uuid });

/**
 * Gr4vy's checkout sessions (`/checkout/sessions`): what the merchant's server knows of an order before the buyer
 * pays on its page. An embed token names one in its `checkout_session_id` claim; its one transaction is attached.
 */
export function checkoutSessionRoutes(services: ApiServices): FastifyPluginAsyncZod {
  const manage = services.checkoutSessions.manage;
  return async (app) => {
    app.post(
      '/checkout/sessions',
      {
        config: { scope: 'checkout-sessions.write' },
        schema: {
          tags,
          summary: 'Create a checkout session',
          description: 'Gr4vy’s `CheckoutSessionCreate`; `expires_in` (seconds, 60 to 86400) defaults to 3600.',
          body: checkoutSessionBody,
          response: { 201: checkoutSessionSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { body } = request;
        const created = await manage.create(merchantOf(request), toCheckoutSessionFields(body), body.expires_in);
        return reply.code(201).send(presentCheckoutSession(created));
      },
    );

    app.get(
      '/checkout/sessions/:session_id',
      {
        config: { scope: 'checkout-sessions.read' },
        schema: {
          tags,
          summary: 'Get a checkout session',
          params: sessionParams,
          response: { 200: checkoutSessionSchema, ...errorResponses },
        },
      },
      async (request) => presentCheckoutSession(await manage.get(merchantOf(request), request.params.session_id)),
    );

    app.put(
      '/checkout/sessions/:session_id',
      {
        config: { scope: 'checkout-sessions.write' },
        schema: {
          tags,
          summary: 'Update a checkout session',
          description:
            'Replaces the session’s fields with the body’s and restarts its lifetime (`expires_in`); a session already paid is refused.',
          params: sessionParams,
          body: checkoutSessionBody,
          response: { 200: checkoutSessionSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { body } = request;
        const updated = await manage.update(
          merchantOf(request),
          request.params.session_id,
          toCheckoutSessionFields(body),
          body.expires_in,
        );
        return presentCheckoutSession(updated);
      },
    );

    app.delete(
      '/checkout/sessions/:session_id',
      {
        config: { scope: 'checkout-sessions.write' },
        schema: {
          tags,
          summary: 'Delete a checkout session',
          params: sessionParams,
          response: { 204: z.null().describe('Deleted'), ...errorResponses },
        },
      },
      async (request, reply) => {
        await manage.remove(merchantOf(request), request.params.session_id);
        return reply.code(204).send(null);
      },
    );
  };
}
