import {
  type ConnectionRequest,
  type ConnectionSetup,
  type CredentialsCheck,
  DomainError,
  type PreparedConnection,
  ProviderCredentialsRefusedError,
  ProviderRefusedSetupError,
  ProviderUnreachableError,
} from '@kessai/domain';
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

/**
 * Creating a Smartpay connection: the secret key must work (a cheap authenticated GET), and when no signing secret
 * is given Kessai registers its own webhook URL at Smartpay and keeps the signing secret Smartpay returns.
 */
export class SmartpayConnectionSetup implements ConnectionSetup {
  constructor(private readonly client: SmartpayClient) {}

  async verify(input: CredentialsCheck): Promise<void> {
    await asSetupErrors(() => verifyCredentials(this.client, input.secretKey));
  }

  async prepare(input: ConnectionRequest): Promise<PreparedConnection> {
    return asSetupErrors(async () => {
      await verifyCredentials(this.client, input.secretKey);
      if (input.webhookSigningSecret)
        return { webhookSigningSecret: input.webhookSigningSecret, providerWebhookEndpointId: null };
      const endpoint = await registerWebhookEndpoint(this.client, input.secretKey, input.webhookUrl);
      return { webhookSigningSecret: endpoint.signingSecret, providerWebhookEndpointId: endpoint.id };
    });
  }
}

/** A 401 (or 403) to a cheap authenticated GET means the key is wrong. */
async function verifyCredentials(client: SmartpayClient, secretKey: string): Promise<void> {
  try {
    await client.send({ method: 'GET', path: '/orders', secretKey, query: { maxResults: '1' } });
  } catch (error) {
    if (error instanceof SmartpayApiError && (error.statusCode === 401 || error.statusCode === 403)) {
      throw new ProviderCredentialsRefusedError(
        'Smartpay refused the secret key (401): check it in the Smartpay dashboard',
      );
    }
    throw error;
  }
}

async function registerWebhookEndpoint(client: SmartpayClient, secretKey: string, url: string) {
  const raw = await client.send({
    method: 'POST',
    path: '/webhook-endpoints',
    secretKey,
    body: { url, eventSubscriptions: SUBSCRIBED_EVENTS, description: 'Kessai' },
  });
  const endpoint = webhookEndpointSchema.parse(raw);
  return { id: endpoint.id, signingSecret: endpoint.signingSecret };
}

/** Smartpay's refusals keep its code and words; anything without a usable answer is "unreachable". */
async function asSetupErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (error instanceof SmartpayApiError && error.statusCode < 500)
      throw new ProviderRefusedSetupError(
        `Smartpay refused the connection setup: ${error.errorCode}`,
        error.errorCode,
        error.rawMessage,
      );
    throw new ProviderUnreachableError('Smartpay could not be reached to verify the credentials; try again', {
      cause: error,
    });
  }
}
