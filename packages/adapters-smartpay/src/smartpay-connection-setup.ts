import { SmartpayApiError } from './client/errors';
import type { SmartpayClient } from './client/smartpay-client';
import { webhookEndpointSchema } from './wire/schemas';

/** The events Kessai reconciles from (smartpay-api.md §6). */
export const SUBSCRIBED_EVENTS = [
  'order.authorized',
  'order.rejected',
  'order.canceled',
  'payment.created',
  'refund.created',
];

export class SmartpayCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmartpayCredentialsError';
  }
}

/** Checks a secret key with a cheap authenticated GET; a 401 means the key is wrong. */
export async function verifySmartpayCredentials(client: SmartpayClient, secretKey: string): Promise<void> {
  try {
    await client.send({ method: 'GET', path: '/orders', secretKey, query: { maxResults: '1' } });
  } catch (error) {
    if (error instanceof SmartpayApiError && (error.statusCode === 401 || error.statusCode === 403)) {
      throw new SmartpayCredentialsError('Smartpay refused the secret key (401): check it in the Smartpay dashboard');
    }
    throw error;
  }
}

/** Registers Kessai's webhook URL at Smartpay and returns the endpoint id and its signing secret. */
export async function registerSmartpayWebhookEndpoint(client: SmartpayClient, secretKey: string, url: string) {
  const raw = await client.send({
    method: 'POST',
    path: '/webhook-endpoints',
    secretKey,
    body: { url, eventSubscriptions: SUBSCRIBED_EVENTS, description: 'Kessai' },
  });
  const endpoint = webhookEndpointSchema.parse(raw);
  return { id: endpoint.id, signingSecret: endpoint.signingSecret };
}
