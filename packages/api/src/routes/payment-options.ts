import type { PaymentOptionQuery, PaymentOptions } from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Principal } from '../auth/authenticator';
import { toContactDetails } from '../buyer-presenters';
import { merchantOf } from '../request-context';
import { errorResponses } from '../schemas/common';
import {
  type PaymentOptionsJson,
  paymentOptionsBody,
  paymentOptionsQuery,
  paymentOptionsSchema,
} from '../schemas/payment-option';
import type { ApiServices } from '../services';

const tags = ['Payment options'];

type Asked = Partial<z.infer<typeof paymentOptionsBody>>;

/**
 * Gr4vy's payment options: the methods the buyer can pay this checkout with. An embed token's checkout session,
 * pinned amount, currency and buyer count where the request says nothing. A method that cannot take the checkout
 * is listed under `unavailable` with its reason (Smartpay without a shipping address: `shipping_address_required`).
 */
export function paymentOptionRoutes(services: ApiServices): FastifyPluginAsyncZod {
  const list = async (request: { principal?: Principal }, asked: Asked): Promise<PaymentOptionsJson> => {
    const embed = request.principal?.embed;
    const query: PaymentOptionQuery = {
      merchantAccountId: merchantOf(request),
      amount: asked.amount ?? embed?.pins?.amount ?? null,
      currency: asked.currency ?? embed?.pins?.currency ?? null,
      country: asked.country ?? null,
      checkoutSessionId: embed ? embed.checkoutSessionId : (asked.checkout_session_id ?? null),
      buyer: {
        buyerId: embed?.pins?.buyerId ?? asked.buyer_id ?? null,
        externalIdentifier: embed?.pins?.buyerExternalIdentifier ?? asked.buyer_external_identifier ?? null,
      },
      shippingDetails: asked.shipping_details ? toContactDetails(asked.shipping_details) : null,
    };
    return present(await services.listPaymentOptions.execute(query));
  };

  return async (app) => {
    app.post(
      '/payment-options',
      {
        config: { scope: 'payment-options.read', embed: true },
        schema: {
          tags,
          summary: 'List the payment options for a checkout',
          description:
            'Gr4vy’s `PaymentOptionRequest` (`paymentOptions.list` in the SDK). Kessai also takes `checkout_session_id`, `buyer_id` / `buyer_external_identifier` and `shipping_details`: Smartpay is offered only once a shipping address is known on one of them.',
          body: paymentOptionsBody,
          response: { 200: paymentOptionsSchema, ...errorResponses },
        },
      },
      async (request) => list(request, request.body),
    );

    app.get(
      '/payment-options',
      {
        config: { scope: 'payment-options.read', embed: true },
        schema: {
          tags,
          summary: 'List the payment options for a checkout (query form)',
          querystring: paymentOptionsQuery,
          response: { 200: paymentOptionsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { metadata: _metadata, ...asked } = request.query;
        return list(request, asked);
      },
    );
  };
}

function present(options: PaymentOptions): PaymentOptionsJson {
  return {
    items: options.items.map((option) => ({
      type: 'payment-option',
      method: option.method,
      icon_url: null,
      mode: option.mode,
      label: option.label,
      can_store_payment_method: option.canStorePaymentMethod,
      can_delay_capture: option.canDelayCapture,
      context: {
        approval_ui: null,
        required_fields: null,
        // The embed sends the whole page to the approval URL and back: no popup.
        redirect_requires_popup: false,
        requires_tokenized_redirect_popup: false,
      },
    })),
    unavailable: options.unavailable.map((option) => ({ type: 'payment-option-unavailable', ...option })),
  };
}
