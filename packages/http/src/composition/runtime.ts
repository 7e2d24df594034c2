import { setFlagsFromString } from 'node:v8';
import type { Clock, PaymentConnector } from '@kessai/domain';
import type { Container } from 'inversify';
import { buildApp, type KessaiApp } from '../api/app';
import { Metrics } from '../api/metrics';
import type { ConnectionSetup } from '../api/services';
import { smartpayResources } from '../connectors/smartpay-resources';
import { startAll, stopAll, stopOnly } from '../lifecycle/lifecycle';
import { openPostgres, type PostgresRuntime } from '../storage/postgres-storage';
import type { Config } from './config';
import { createContainer } from './container';
import { DASHBOARD_SERVICES } from './dashboard-bindings';
import { loggerOptions, logOneLinePerRequest } from './logging';
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

/** Opens storage, wires the container, builds the app and starts background work; does not listen. */
export async function startRuntime(config: Config, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  // V8 reads this flag at every full collection, so setting it now, before the load, is enough.
  if (config.HEAP_GROWING_PERCENT > 0) setFlagsFromString(`--heap-growing-percent=${config.HEAP_GROWING_PERCENT}`);
  const postgres = config.STORAGE === 'postgres' ? await openPostgres(config, overrides.progress) : undefined;
  const smartpay = overrides.smartpay ?? smartpayResources(config);
  const container = createContainer(config, {
    smartpay,
    metrics: new Metrics(),
    ...(overrides.clock ? { clock: overrides.clock } : {}),
    ...(postgres ? { postgres } : {}),
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
  // The app last: at shutdown it stops taking requests before anything behind it stops.
  const lifecycles = [...container.get(TOKENS.Lifecycles), stopOnly(() => app.close())];
  await startAll(lifecycles);
  return { config, container, app, postgres, stop: () => stopAll(lifecycles) };
}
