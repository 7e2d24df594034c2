import 'reflect-metadata';
import type { Metrics } from '@kessai/api';
import {
  type Clock,
  type ConnectionSetup,
  japanTimeOfDay,
  type PaymentConnector,
  RandomIdGenerator,
  SystemClock,
  type WebhookTransport,
} from '@kessai/domain';
import { Container } from 'inversify';
import type { DurableJobQueue } from '../jobs/job-engine';
import { type Lifecycle, stopOnly } from '../lifecycle/lifecycle';
import { UndiciWebhookTransport } from '../merchant-webhooks/undici-webhook-transport';
import { memoryStorage } from '../storage/memory-storage';
import type { OpenStorage, StorageModule } from '../storage/storage-module';
import { bindApi } from './api-bindings';
import type { Config } from './config';
import { bindDashboard } from './dashboard-bindings';
import { bindJobs } from './job-bindings';
import { bindPayments } from './payment-bindings';
import { bindStorage } from './storage-bindings';
import { TOKENS } from './tokens';

/** Things made before the container: open connections, and test doubles where a test swaps a real adapter. */
export interface Resources {
  /** Storage `postgres`: the storage opened on a database, with its durable job queue (see `openPostgres`). */
  postgres?: OpenStorage;
  /** The Smartpay connector and its connection setup; tests and benchmarks may pass a fake. */
  smartpay: { connector: PaymentConnector; setup: ConnectionSetup };
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
  const storage = storageFor(config, resources);
  const transport = webhookTransportFor(config, resources);
  const onJobError =
    resources.onJobError ?? ((job: string, error: unknown) => console.error(`job ${job} failed`, error));

  container.bind(TOKENS.Config).toConstantValue(config);
  container.bind(TOKENS.Clock).toConstantValue(resources.clock ?? new SystemClock());
  container.bind(TOKENS.Ids).toConstantValue(new RandomIdGenerator());
  container.bind(TOKENS.WebhookTransport).toConstantValue(transport.transport);
  bindJobs(container, {
    durable: storage.jobs,
    runWorker: config.RUN_WORKER,
    onJobError,
    dashboard: storage.module.dashboard,
    checkoutSessions: storage.module.checkoutSessions,
    reconciliationDailyAt: japanTimeOfDay(config.RECONCILIATION_DAILY_AT),
  });
  bindStorage(container, storage.module);
  bindPayments(container, config, { smartpay: resources.smartpay, storage: storage.module });
  bindApi(container, config, { storage: storage.module, metrics: resources.metrics });
  bindDashboard(container, config, storage.module.dashboard);

  // In start order, stopped in reverse: the kick before the workers it feeds, the workers before what they use.
  container
    .bind(TOKENS.Lifecycles)
    .toResolvedValue(
      (workers: Lifecycle[], kick: Lifecycle): Lifecycle[] => [
        ...transport.lifecycles,
        ...storage.lifecycles,
        ...workers,
        kick,
      ],
      [TOKENS.JobWorkers, TOKENS.OutboxKick],
    );
  return container;
}

interface ChosenStorage {
  module: StorageModule;
  jobs: DurableJobQueue | undefined;
  lifecycles: Lifecycle[];
}

function storageFor(config: Config, resources: Resources): ChosenStorage {
  if (config.STORAGE === 'memory') return { module: memoryStorage(), jobs: undefined, lifecycles: [] };
  const postgres = resources.postgres ?? fail('storage "postgres" needs an open database: pass resources.postgres');
  return { module: postgres.storage, jobs: postgres.jobs, lifecycles: [stopOnly(() => postgres.close())] };
}

/** A transport a test passed is the test's to close. */
function webhookTransportFor(
  config: Config,
  resources: Resources,
): { transport: WebhookTransport; lifecycles: Lifecycle[] } {
  if (resources.webhookTransport) return { transport: resources.webhookTransport, lifecycles: [] };
  const undici = new UndiciWebhookTransport(config.MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS);
  return { transport: undici, lifecycles: [stopOnly(() => undici.close())] };
}

function fail(message: string): never {
  throw new Error(message);
}
