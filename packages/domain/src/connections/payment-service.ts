import type { ConnectorCredentials } from '../connectors/payment-connector';

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
  /**
   * Set when the merchant deleted it: no new transactions, hidden from lists, but kept (inactive, credentials
   * and all) so the transactions made through it can still be captured, refunded and reconciled.
   */
  deletedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}
