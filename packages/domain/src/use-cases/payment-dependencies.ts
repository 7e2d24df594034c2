import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/id-generator';
import type { JobScheduler } from '../ports/job-scheduler';
import type { PaymentServiceRepository } from '../ports/payment-service-repository';
import type { TransactionRepository } from '../ports/transaction-repository';
import type { WebhookInbox } from '../ports/webhook-inbox';
import type { ConnectorRegistry } from './connector-registry';

/** What the payment use cases need from the outside, all as ports. */
export interface PaymentDependencies {
  transactions: TransactionRepository;
  paymentServices: PaymentServiceRepository;
  connectors: ConnectorRegistry;
  inbox: WebhookInbox;
  clock: Clock;
  ids: IdGenerator;
  jobs: JobScheduler;
}
