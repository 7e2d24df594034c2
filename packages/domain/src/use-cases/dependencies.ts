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

/** How long after an unknown outcome the janitor first asks the provider what happened. */
export const UNKNOWN_OUTCOME_RECHECK_MS = 30_000;

/**
 * How long after its last provider call a refund the provider reports partly made is finished by sending the
 * rest: far beyond the longest a refund call keeps starting parts (the Smartpay connector stops after 60 s), so
 * the call that left it partly made has surely ended.
 */
export const REFUND_REST_AFTER_MS = 10 * 60_000;
