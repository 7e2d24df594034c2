import type { PaymentServiceRepository } from '../../connections/payment-service-repository';
import type { ConnectorRegistry } from '../../connectors/connector-registry';
import type { Clock } from '../../shared/clock';
import type { IdGenerator } from '../../shared/id-generator';
import type { JobScheduler } from '../../shared/job-scheduler';
import type { TransactionRepository } from '../ports/transaction-repository';
import type { WebhookInbox } from '../ports/webhook-inbox';

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
