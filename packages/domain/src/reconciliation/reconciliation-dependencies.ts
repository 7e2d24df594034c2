import type { PaymentServiceRepository } from '../connections/payment-service-repository';
import type { ConnectorRegistry } from '../connectors/connector-registry';
import type { WebhookDeliveryRepository } from '../merchant-webhooks/webhook-delivery-repository';
import type { WebhookSubscriptionRepository } from '../merchant-webhooks/webhook-subscription-repository';
import type { Clock } from '../shared/clock';
import type { IdGenerator } from '../shared/id-generator';
import type { JobScheduler } from '../shared/job-scheduler';
import type { TransactionRepository } from '../transactions/ports/transaction-repository';
import type { ReconciliationStore } from './ports/reconciliation-store';

/** What the reconciliation use cases need from the outside, all as ports. */
export interface ReconciliationDependencies {
  reconciliation: ReconciliationStore;
  transactions: TransactionRepository;
  paymentServices: PaymentServiceRepository;
  connectors: ConnectorRegistry;
  /** Who hears that a run completed. */
  subscriptions: WebhookSubscriptionRepository;
  deliveries: WebhookDeliveryRepository;
  clock: Clock;
  ids: IdGenerator;
  jobs: JobScheduler;
}
