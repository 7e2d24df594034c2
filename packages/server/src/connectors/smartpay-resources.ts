import {
  registerSmartpayWebhookEndpoint,
  SmartpayApiError,
  SmartpayCredentialsError,
  SmartpayPaymentConnector,
  verifySmartpayCredentials,
} from '@kessai/adapters-smartpay';
import type { ConnectionSetup } from '@kessai/api';
import { ApiError, buyerReturnLink } from '@kessai/api';
import { type Config, publicBaseUrl } from '../composition/config';
import { returnLinkSigner } from '../composition/return-link-signer';

/** The Smartpay connector for this deployment (real Smartpay, or the sandbox via SMARTPAY_API_BASE). */
export function smartpayResources(config: Config): { connector: SmartpayPaymentConnector; setup: ConnectionSetup } {
  const connector = new SmartpayPaymentConnector({
    apiBase: config.SMARTPAY_API_BASE ?? 'https://api.smartpay.co/v1',
    webhookToleranceMs: config.WEBHOOK_TOLERANCE_SECONDS * 1000,
    totalTimeoutMs: config.SMARTPAY_TIMEOUT_MS,
    // The buyer comes back through Kessai (/transactions/{id}/return), which knows the real status.
    returnUrl: (transaction) => buyerReturnLink(publicBaseUrl(config), returnLinkSigner(config), transaction),
  });
  return { connector, setup: smartpayConnectionSetup(connector) };
}

/**
 * Creating a connection: the secret key must work (a cheap authenticated GET), and when no signing secret is
 * given Kessai registers its own webhook URL at Smartpay and keeps the signing secret Smartpay returns.
 */
export function smartpayConnectionSetup(connector: SmartpayPaymentConnector): ConnectionSetup {
  return {
    async verify(input) {
      try {
        await verifySmartpayCredentials(connector.client, input.secretKey);
      } catch (error) {
        throw setupError(error);
      }
    },
    async prepare(input) {
      try {
        await verifySmartpayCredentials(connector.client, input.secretKey);
        if (input.webhookSigningSecret)
          return { webhookSigningSecret: input.webhookSigningSecret, providerWebhookEndpointId: null };
        const endpoint = await registerSmartpayWebhookEndpoint(connector.client, input.secretKey, input.webhookUrl);
        return { webhookSigningSecret: endpoint.signingSecret, providerWebhookEndpointId: endpoint.id };
      } catch (error) {
        throw setupError(error);
      }
    },
  };
}

function setupError(error: unknown): ApiError {
  if (error instanceof SmartpayCredentialsError) {
    return ApiError.badRequest(error.message, [
      { location: 'body', pointer: '/secret_key', message: error.message, type: 'invalid_credentials' },
    ]);
  }
  if (error instanceof SmartpayApiError && error.statusCode < 500) {
    return ApiError.badRequest(`Smartpay refused the connection setup: ${error.errorCode}`, [
      { location: 'body', pointer: '/', message: error.rawMessage, type: error.errorCode },
    ]);
  }
  return new ApiError(502, 'bad_gateway', 'Smartpay could not be reached to verify the credentials; try again');
}
