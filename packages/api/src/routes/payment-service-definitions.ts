import { type CapabilityProfile, SMARTPAY_CAPABILITIES } from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { errorResponses, listOf } from '../schemas/common';
import type { ApiServices } from '../services';

const field = z.object({
  key: z.string(),
  display_name: z.string(),
  required: z.boolean(),
  format: z.literal('text'),
  secret: z.boolean(),
});
const definitionSchema = z
  .object({
    id: z.string(),
    type: z.literal('payment-service-definition'),
    display_name: z.string(),
    method: z.string(),
    fields: z.array(field),
    reporting_fields: z.array(field).max(0),
    supported_currencies: z.array(z.string()),
    supported_countries: z.array(z.string()),
    mode: z.literal('redirect'),
    icon_url: z.string().nullable(),
    supported_features: z.record(z.string(), z.boolean()),
    required_checkout_fields: z.array(z.object({ required_fields: z.array(z.string()) })),
    configuration: z.object({
      approval_ui_target: z.literal('any'),
      approval_ui_height: z.string(),
      approval_ui_width: z.string(),
      cart_items_limit: z.number().int(),
      cart_items_required: z.boolean(),
      cart_items_should_match_amount: z.boolean(),
    }),
    supported_integration_clients: z.array(z.string()).nullable(),
  })
  .meta({ id: 'PaymentServiceDefinition' });

/** What a Smartpay connection needs and can do, read from the connector's capability profile (one home). */
function smartpayDefinition(caps: CapabilityProfile): z.infer<typeof definitionSchema> {
  const person = (prefix: string) => caps.requiredBuyerFields.map((name) => `${prefix}.${name}`);
  return {
    id: `${caps.connector}-smartpay`,
    type: 'payment-service-definition',
    display_name: 'Smartpay',
    method: 'smartpay',
    fields: [
      { key: 'secret_key', display_name: 'Secret key', required: true, format: 'text', secret: true },
      // Optional: without it Kessai registers its own webhook endpoint at Smartpay and keeps the secret.
      {
        key: 'webhook_signing_secret',
        display_name: 'Webhook signing secret',
        required: false,
        format: 'text',
        secret: true,
      },
    ],
    reporting_fields: [],
    supported_currencies: [...caps.currencies],
    supported_countries: [...caps.countries],
    mode: 'redirect',
    icon_url: null,
    supported_features: {
      delayed_capture: caps.delayedCapture,
      partial_capture: caps.partialCapture,
      multiple_captures: caps.multipleCaptures,
      over_capture: caps.overCapture,
      partial_authorization: caps.partialAuthorization,
      zero_auth: caps.zeroAmountAuthorization,
      payment_method_tokenization: caps.storedPaymentMethods,
      refunds: true,
      partial_refunds: caps.partialRefunds,
      void: caps.void,
      transaction_sync: true,
      verify_credentials: true,
      // Kessai registers its webhook endpoint at Smartpay itself when the connection is created.
      requires_webhook_setup: false,
      three_d_secure_hosted: false,
      network_tokens: false,
    },
    required_checkout_fields: [
      {
        required_fields: [
          ...person('buyer.billing_details'),
          ...(caps.requiresShippingDetails ? person('shipping_details') : []),
        ],
      },
    ],
    configuration: {
      approval_ui_target: 'any',
      // Smartpay's hosted page is a full-page redirect.
      approval_ui_height: '100%',
      approval_ui_width: '100%',
      cart_items_limit: caps.maxCartItems,
      cart_items_required: false,
      cart_items_should_match_amount: true,
    },
    supported_integration_clients: null,
  };
}

/** Gr4vy's catalogue of connectors: Kessai has one, Smartpay. */
export function paymentServiceDefinitionRoutes(_services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Payment services'];
    const definitions = [smartpayDefinition(SMARTPAY_CAPABILITIES)];
    app.get(
      '/payment-service-definitions',
      {
        config: { scope: 'payment-services.read' },
        schema: {
          tags,
          summary: 'The connectors Kessai can connect (Smartpay)',
          querystring: z.object({ cursor: z.string().optional(), limit: z.string().optional() }).loose(),
          response: { 200: listOf(definitionSchema, 'PaymentServiceDefinitions'), ...errorResponses },
        },
      },
      async () => ({ items: definitions, limit: 20, next_cursor: null, previous_cursor: null }),
    );
    app.get(
      '/payment-service-definitions/:payment_service_definition_id',
      {
        config: { scope: 'payment-services.read' },
        schema: {
          tags,
          summary: 'What a connector needs (fields, required checkout fields) and can do',
          params: z.object({ payment_service_definition_id: z.string().max(100) }),
          response: { 200: definitionSchema, ...errorResponses },
        },
      },
      async (request) => {
        const found = definitions.find((d) => d.id === request.params.payment_service_definition_id);
        if (!found)
          throw ApiError.notFound(`no payment service definition ${request.params.payment_service_definition_id}`);
        return found;
      },
    );
  };
}
