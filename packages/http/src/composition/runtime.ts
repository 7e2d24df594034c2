import type { Clock, JobScheduler, PaymentConnector } from '@kessai/domain';
import type { Container } from 'inversify';
import { buildApp, type KessaiApp } from '../api/app';
import { Metrics } from '../api/metrics';
import type { ConnectionSetup } from '../api/services';
import { UndiciWebhookTransport } from '../merchant-webhooks/undici-webhook-transport';
import type { Config } from './config';
import { createContainer } from './container';
import { DASHBOARD_SERVICES } from './dashboard-bindings';
import { InProcessJobs } from './in-process-jobs';
import { LocalJobRunner } from './local-job-runner';
import { loggerOptions, logOneLinePerRequest } from './logging';
import { OutboxKickingTransactionRepository } from './outbox-kick';
import { openPostgres, type PostgresRuntime } from './postgres-runtime';
import { smartpayResources } from './smartpay-runtime';
import { TOKENS } from './tokens';

/** A running Kessai: the container, the HTTP app, background work, and how to stop all of it cleanly. */
export interface Runtime {
  config: Config;
  container: Container;
  app: KessaiApp;
  postgres: PostgresRuntime | undefined;
  stop(): Promise<void>;
}

export interface RuntimeOverrides {
  smartpay?: { connector: PaymentConnector; setup: ConnectionSetup };
  clock?: Clock;
  /** Start-up steps with their timings (the dev stack prints them). */
  progress?: (line: string) => void;
}

/** Opens storage, wires the container, builds the app and starts the worker; does not listen. */
export async function startRuntime(config: Config, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  const postgres = config.STORAGE === 'postgres' ? await openPostgres(config, overrides.progress) : undefined;
  const smartpay = overrides.smartpay ?? smartpayResources(config);
  const metrics = new Metrics();
  const container = createContainer(config, {
    smartpay,
    metrics,
    ...(overrides.clock ? { clock: overrides.clock } : {}),
    ...(postgres ? { postgres: postgres.storage, jobs: postgres.jobs as JobScheduler } : {}),
  });
  const app = await buildApp(container.get(TOKENS.ApiServices), {
    logger: loggerOptions(config),
    validateResponses: config.VALIDATE_RESPONSES,
    maxTokenLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    maxSlowBodies: config.MAX_SLOW_BODIES,
    metricsToken: config.METRICS_TOKEN,
    disableRequestLogging: true,
    dashboard: container.get(DASHBOARD_SERVICES),
    trustProxy: config.TRUST_PROXY,
  });
  if (config.LOG_REQUESTS) logOneLinePerRequest(app);
  const deps = container.get(TOKENS.PaymentDependencies);
  const webhooks = container.get(TOKENS.MerchantWebhooks);
  if (config.RUN_WORKER) {
    if (postgres) await postgres.startWorker(deps, webhooks);
    else {
      const runner = container.get(TOKENS.Jobs);
      if (runner instanceof LocalJobRunner) runner.startJanitor();
    }
  }
  return {
    config,
    container,
    app,
    postgres,
    async stop() {
      await app.close();
      const transactions = container.get(TOKENS.Transactions);
      if (transactions instanceof OutboxKickingTransactionRepository) await transactions.close();
      const jobs = container.get(TOKENS.Jobs);
      if (jobs instanceof LocalJobRunner) await jobs.stop();
      if (jobs instanceof InProcessJobs) await jobs.close();
      await postgres?.close();
      const transport = container.get(TOKENS.WebhookTransport);
      if (transport instanceof UndiciWebhookTransport) await transport.close();
    },
  };
}
