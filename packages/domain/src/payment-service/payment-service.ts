import type { ConnectorCredentials } from '../connector/payment-connector';

/** A merchant's connection to a provider (Gr4vy "payment service"). */
export interface PaymentService {
  id: string;
  merchantAccountId: string;
  connector: string;
  displayName: string;
  active: boolean;
  credentials: ConnectorCredentials;
  /** Provider-side webhook endpoint id, when Kessai registered one. */
  providerWebhookEndpointId: string | null;
  createdAt: Date;
  updatedAt: Date;
}
