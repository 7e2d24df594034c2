import type { PaymentService } from './payment-service';

/** Connections to providers, with their credentials (adapters encrypt them at rest). */
export interface PaymentServiceRepository {
  add(service: PaymentService): Promise<void>;
  /** Replaces a stored connection's display name, active flag, credentials and webhook endpoint. */
  update(service: PaymentService): Promise<void>;
  get(merchantAccountId: string, id: string): Promise<PaymentService | undefined>;
  /** By id alone: provider webhooks arrive on a per-connection URL that names no merchant. */
  findById(id: string): Promise<PaymentService | undefined>;
  list(merchantAccountId: string): Promise<PaymentService[]>;
  /** Every merchant's active, undeleted connections, oldest first: what the daily reconciliation walks. */
  listActive(): Promise<PaymentService[]>;
  /** The connection used when a transaction names none: the oldest active one for the connector. */
  findDefault(merchantAccountId: string, connector: string): Promise<PaymentService | undefined>;
}
