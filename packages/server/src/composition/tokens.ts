import type { ApiServices } from '@kessai/api';
import type {
  ApiKeyPairGenerator,
  ApiKeyRegistry,
  Clock,
  ConnectionSetup,
  ConnectorRegistry,
  IdempotencyStore,
  IdGenerator,
  JobScheduler,
  ManageApiKeys,
  MerchantWebhookDependencies,
  Outbox,
  PaymentConnector,
  PaymentDependencies,
  PaymentServiceRepository,
  ReconciliationDependencies,
  TransactionRepository,
  WebhookInbox,
  WebhookTransport,
} from '@kessai/domain';
import type { ServiceIdentifier } from 'inversify';
import type { JobHandlers } from '../jobs/job-handlers';
import type { OutboxKick } from '../jobs/outbox-kick';
import type { Lifecycle } from '../lifecycle/lifecycle';
import type { Config } from './config';

/** Service ids live here, in the composition root: the domain knows nothing of the container. */
const token = <T>(name: string) => Symbol.for(`kessai.${name}`) as ServiceIdentifier<T>;

export const TOKENS = {
  Config: token<Config>('Config'),
  Clock: token<Clock>('Clock'),
  Ids: token<IdGenerator>('Ids'),
  Transactions: token<TransactionRepository>('TransactionRepository'),
  Outbox: token<Outbox>('Outbox'),
  Idempotency: token<IdempotencyStore>('IdempotencyStore'),
  Inbox: token<WebhookInbox>('WebhookInbox'),
  PaymentServices: token<PaymentServiceRepository>('PaymentServiceRepository'),
  ApiKeys: token<ApiKeyRegistry>('ApiKeyRegistry'),
  ApiKeyPairs: token<ApiKeyPairGenerator>('ApiKeyPairGenerator'),
  ManageApiKeys: token<ManageApiKeys>('ManageApiKeys'),
  Jobs: token<JobScheduler>('JobScheduler'),
  JobHandlers: token<JobHandlers>('JobHandlers'),
  /** What runs due jobs in this process, in start order. */
  JobWorkers: token<Lifecycle[]>('JobWorkers'),
  OutboxKick: token<OutboxKick>('OutboxKick'),
  /** Everything that starts with the process and stops before it exits, in start order. */
  Lifecycles: token<Lifecycle[]>('Lifecycles'),
  SmartpayConnector: token<PaymentConnector>('SmartpayConnector'),
  Connectors: token<ConnectorRegistry>('ConnectorRegistry'),
  ConnectionSetup: token<ConnectionSetup>('ConnectionSetup'),
  PaymentDependencies: token<PaymentDependencies>('PaymentDependencies'),
  ApiServices: token<ApiServices>('ApiServices'),
  WebhookTransport: token<WebhookTransport>('WebhookTransport'),
  MerchantWebhooks: token<MerchantWebhookDependencies>('MerchantWebhookDependencies'),
  Reconciliation: token<ReconciliationDependencies>('ReconciliationDependencies'),
} as const;
