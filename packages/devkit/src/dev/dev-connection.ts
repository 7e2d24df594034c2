import { SmartpayApiError, SmartpayPaymentConnector } from '@kessai/adapters-smartpay';
import type { PaymentService } from '@kessai/domain';
import type { Config, Runtime } from '@kessai/server';
import { isKeyMismatch, keyMismatchMessage, smartpayUnreachable, TOKENS, UserError } from '@kessai/server';

/**
 * The `default` merchant's Smartpay connection, checked at every start: made (and its webhook endpoint registered)
 * the first time; afterwards its endpoint at Smartpay/the sandbox must exist, be active and point at this API.
 * A Smartpay that cannot be reached stops start-up with one line naming its URL and why.
 */
export async function ensureConnection(
  runtime: Runtime,
  config: Config,
  progress: (line: string) => void,
  /** What to say when the stored credentials do not open with the key (it depends on where the key came from). */
  keyMismatch = keyMismatchMessage(
    { DATABASE_URL: config.DATABASE_URL, KESSAI_ENCRYPTION_KEY: config.KESSAI_ENCRYPTION_KEY },
    config.DATA_DIR,
  ),
): Promise<void> {
  try {
    await ensure(runtime, config, progress, keyMismatch);
  } catch (error) {
    const connector = runtime.container.get(TOKENS.SmartpayConnector);
    const apiBase =
      connector instanceof SmartpayPaymentConnector ? connector.client.apiBase : (config.SMARTPAY_API_BASE ?? '?');
    throw smartpayUnreachable(error, apiBase) ?? error;
  }
}

async function ensure(
  runtime: Runtime,
  config: Config,
  progress: (line: string) => void,
  keyMismatch: string,
): Promise<void> {
  const services = runtime.container.get(TOKENS.ApiServices);
  const secretKey = config.SMARTPAY_SECRET_KEY;
  if (!secretKey) return;
  let existing: PaymentService | undefined;
  try {
    existing = await services.paymentServices.findDefault('default', 'smartpay');
  } catch (error) {
    if (!isKeyMismatch(error)) throw error;
    throw new UserError(keyMismatch);
  }
  if (!existing) {
    const { service } = await services.manageConnections.connect('default', {
      connector: 'smartpay',
      displayName: 'Smartpay',
      active: true,
      secretKey,
      webhookSigningSecret: config.SMARTPAY_WEBHOOK_SIGNING_SECRET ?? null,
    });
    progress(`Smartpay connection made; webhook endpoint ${service.providerWebhookEndpointId ?? '(given secret)'}`);
    return;
  }
  const connector = runtime.container.get(TOKENS.SmartpayConnector);
  const endpointId = existing.providerWebhookEndpointId;
  if (!(connector instanceof SmartpayPaymentConnector) || !endpointId) return;
  const url = `${services.publicBaseUrl}/webhooks/smartpay/${existing.id}`;
  const call = { path: `/webhook-endpoints/${endpointId}`, secretKey: existing.credentials.secretKey ?? secretKey };
  try {
    const endpoint = await connector.client.send<{ url?: string; active?: boolean }>({ method: 'GET', ...call });
    if (endpoint.url === url && endpoint.active !== false) return;
    await connector.client.send({ method: 'PATCH', ...call, body: { url, active: true } });
    progress(`Smartpay webhook endpoint ${endpointId} now points at ${url}`);
  } catch (error) {
    if (!(error instanceof SmartpayApiError && error.statusCode === 404)) throw error;
    // Its signing secret is known only to the endpoint that is gone: a new one would need a new connection.
    progress(
      `warning: Smartpay no longer has webhook endpoint ${endpointId} (sandbox state deleted?); ` +
        'webhooks will not arrive until you wipe the dev data with `pnpm start -- --reset`',
    );
  }
}
