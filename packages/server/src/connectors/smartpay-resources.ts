import { SmartpayConnectionSetup, SmartpayPaymentConnector } from '@kessai/adapters-smartpay';
import { buyerReturnLink } from '@kessai/api';
import type { ConnectionSetup } from '@kessai/domain';
import { type Config, publicBaseUrl } from '../composition/config';
import { returnLinkSigner } from '../composition/return-link-signer';

/** The Smartpay connector for this deployment (real Smartpay, or the sandbox via SMARTPAY_API_BASE). */
export function smartpayResources(config: Config): { connector: SmartpayPaymentConnector; setup: ConnectionSetup } {
  // Derived once: its key comes from KESSAI_ENCRYPTION_KEY by HKDF, which is not work to repeat for every payment.
  const signer = returnLinkSigner(config);
  const connector = new SmartpayPaymentConnector({
    apiBase: config.SMARTPAY_API_BASE ?? 'https://api.smartpay.co/v1',
    webhookToleranceMs: config.WEBHOOK_TOLERANCE_SECONDS * 1000,
    totalTimeoutMs: config.SMARTPAY_TIMEOUT_MS,
    // The buyer comes back through Kessai (/transactions/{id}/return), which knows the real status.
    returnUrl: (transaction) => buyerReturnLink(publicBaseUrl(config), signer, transaction),
  });
  return { connector, setup: new SmartpayConnectionSetup(connector.client) };
}
