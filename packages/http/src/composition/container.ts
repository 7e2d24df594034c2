import 'reflect-metadata';
import {
  CancelTransaction,
  CaptureTransaction,
  type Clock,
  ConnectorRegistry,
  CreateTransaction,
  DeliverWebhooks,
  type IdempotencyStore,
  type IdGenerator,
  type JobScheduler,
  ManageWebhookSubscriptions,
  type MerchantWebhookDependencies,
  type Outbox,
  type PaymentConnector,
  type PaymentDependencies,
  type PaymentServiceRepository,
  RandomIdGenerator,
  ReceiveConnectorWebhook,
  RefundTransaction,
  SyncTransaction,
  SystemClock,
  TransactionQueries,
  type TransactionRepository,
  UpdateTransaction,
  VoidTransaction,
  type WebhookInbox,
  type WebhookTransport,
} from '@kessai/domain';
import { Container } from 'inversify';
import { Metrics } from '../api/metrics';
import type { ApiServices, ConnectionSetup } from '../api/services';
import type { ApiKeyRegistry } from '../auth/api-keys';
import { NetworkWebhookTargetPolicy } from '../merchant-webhooks/network-target-policy';
import { PresenterEventTargetRenderer } from '../merchant-webhooks/presenter-event-target-renderer';
import { UndiciWebhookTransport } from '../merchant-webhooks/undici-webhook-transport';
import { CachedPaymentServiceRepository } from './cached-payment-services';
import type { Config } from './config';
import { bindDashboard } from './dashboard-bindings';
import { InProcessJobs } from './in-process-jobs';
import { jobHandlers } from './job-handlers';
import { LocalJobRunner } from './local-job-runner';
import { OutboxKickingTransactionRepository } from './outbox-kick';
import { memoryStorage, type StorageModule } from './storage';
import { TOKENS } from './tokens';

/** Things made before the container: open connections, and test doubles where a test swaps a real adapter. */
export interface Resources {
  /** Storage `postgres`: the module built on an open database (see `postgresStorage`). */
  postgres?: StorageModule;
  /** The Smartpay connector and its connection setup; tests and benchmarks may pass a fake. */
  smartpay: { connector: PaymentConnector; setup: ConnectionSetup };
  /** Storage `postgres`: the durable job queue; `memory` uses an in-process runner. */
  jobs?: JobScheduler;
  metrics?: Metrics;
  onJobError?: (job: string, error: unknown) => void;
  /** How merchant webhooks are sent; undici over HTTP unless a test passes another. */
  webhookTransport?: WebhookTransport;
  /** The system clock unless a test moves time on (waits measured in minutes). */
  clock?: Clock;
}

/**
 * The composition root: one inversify container binding every port to the adapter the config chooses. The
 * domain carries no decorators; its classes are bound with `toResolvedValue` factories listing their inputs.
 */
export function createContainer(config: Config, resources: Resources): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  const storage: StorageModule =
    config.STORAGE === 'memory'
      ? memoryStorage()
      : (resources.postgres ?? fail('storage "postgres" needs an open database: pass resources.postgres'));

  container.bind(TOKENS.Config).toConstantValue(config);
  container.bind(TOKENS.Clock).toConstantValue(resources.clock ?? new SystemClock());
  container.bind(TOKENS.Ids).toConstantValue(new RandomIdGenerator());
  const onError = resources.onJobError ?? ((job: string, error: unknown) => console.error(`job ${job} failed`, error));
  container
    .bind(TOKENS.Transactions)
    .toResolvedValue(
      (jobs: JobScheduler) =>
        new OutboxKickingTransactionRepository(storage.transactions, jobs, (error) =>
          onError('dispatch-outbox', error),
        ),
      [TOKENS.Jobs],
    );
  container.bind(TOKENS.Outbox).toConstantValue(storage.outbox);
  container.bind(TOKENS.Idempotency).toConstantValue(storage.idempotency);
  container.bind(TOKENS.Inbox).toConstantValue(storage.inbox);
  container.bind(TOKENS.PaymentServices).toConstantValue(new CachedPaymentServiceRepository(storage.paymentServices));
  container.bind(TOKENS.ApiKeys).toConstantValue(storage.apiKeys);
  bindDashboard(container, config, storage.dashboard);
  container.bind(TOKENS.SmartpayConnector).toConstantValue(resources.smartpay.connector);
  container.bind(TOKENS.ConnectionSetup).toConstantValue(resources.smartpay.setup);
  container
    .bind(TOKENS.Connectors)
    .toResolvedValue((smartpay: PaymentConnector) => new ConnectorRegistry([smartpay]), [TOKENS.SmartpayConnector]);

  const handlers = () =>
    jobHandlers(container.get(TOKENS.PaymentDependencies), container.get(TOKENS.MerchantWebhooks), onError);
  if (resources.jobs && config.RUN_WORKER) {
    // Jobs whose work the janitor also sweeps run where they are scheduled; the durable queue takes the rest.
    container.bind(TOKENS.Jobs).toConstantValue(new InProcessJobs(resources.jobs, handlers, onError));
  } else if (resources.jobs) container.bind(TOKENS.Jobs).toConstantValue(resources.jobs);
  else {
    const runner = new LocalJobRunner(handlers, onError);
    container.bind(TOKENS.Jobs).toConstantValue(runner);
  }

  container
    .bind(TOKENS.WebhookTransport)
    .toConstantValue(
      resources.webhookTransport ?? new UndiciWebhookTransport(config.MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS),
    );
  container.bind(TOKENS.MerchantWebhooks).toResolvedValue(
    (
      transactions: TransactionRepository,
      outbox: Outbox,
      transport: WebhookTransport,
      clock: Clock,
      ids: IdGenerator,
      jobs: JobScheduler,
      paymentServices: PaymentServiceRepository,
    ): MerchantWebhookDependencies => ({
      outbox,
      subscriptions: storage.webhookSubscriptions,
      deliveries: storage.webhookDeliveries,
      transport,
      targetPolicy: new NetworkWebhookTargetPolicy(config.MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS),
      targets: new PresenterEventTargetRenderer(transactions, paymentServices),
      clock,
      ids,
      jobs,
      rotationGraceMs: config.MERCHANT_WEBHOOK_ROTATION_GRACE_SECONDS * 1000,
      firstRetryMs: config.MERCHANT_WEBHOOK_FIRST_RETRY_MS,
    }),
    [
      TOKENS.Transactions,
      TOKENS.Outbox,
      TOKENS.WebhookTransport,
      TOKENS.Clock,
      TOKENS.Ids,
      TOKENS.Jobs,
      TOKENS.PaymentServices,
    ],
  );

  container
    .bind(TOKENS.PaymentDependencies)
    .toResolvedValue(
      (
        transactions: TransactionRepository,
        paymentServices: PaymentServiceRepository,
        connectors: ConnectorRegistry,
        inbox: WebhookInbox,
        clock: Clock,
        ids: IdGenerator,
        jobs: JobScheduler,
      ): PaymentDependencies => ({ transactions, paymentServices, connectors, inbox, clock, ids, jobs }),
      [
        TOKENS.Transactions,
        TOKENS.PaymentServices,
        TOKENS.Connectors,
        TOKENS.Inbox,
        TOKENS.Clock,
        TOKENS.Ids,
        TOKENS.Jobs,
      ],
    );

  const metrics = resources.metrics ?? new Metrics();
  container.bind(TOKENS.ApiServices).toResolvedValue(
    (
      deps: PaymentDependencies,
      idempotency: IdempotencyStore,
      apiKeys: ApiKeyRegistry,
      setup: ConnectionSetup,
      webhooks: MerchantWebhookDependencies,
    ): ApiServices => ({
      createTransaction: new CreateTransaction(deps),
      captureTransaction: new CaptureTransaction(deps),
      voidTransaction: new VoidTransaction(deps),
      cancelTransaction: new CancelTransaction(deps),
      updateTransaction: new UpdateTransaction(deps),
      refundTransaction: new RefundTransaction(deps),
      syncTransaction: new SyncTransaction(deps),
      receiveWebhook: new ReceiveConnectorWebhook(deps),
      queries: new TransactionQueries(deps.transactions),
      paymentServices: deps.paymentServices,
      buyers: storage.buyers,
      merchantWebhooks: {
        manage: new ManageWebhookSubscriptions(webhooks),
        deliver: new DeliverWebhooks(webhooks),
        deliveries: webhooks.deliveries,
      },
      connectionSetup: setup,
      apiKeys,
      idempotency,
      clock: deps.clock,
      ids: deps.ids,
      metrics,
      readiness: storage.readiness,
      collectGauges: storage.collectGauges,
      publicBaseUrl: config.PUBLIC_BASE_URL ?? `http://${config.HOST}:${config.PORT}`,
    }),
    [TOKENS.PaymentDependencies, TOKENS.Idempotency, TOKENS.ApiKeys, TOKENS.ConnectionSetup, TOKENS.MerchantWebhooks],
  );
  return container;
}

function fail(message: string): never {
  throw new Error(message);
}
