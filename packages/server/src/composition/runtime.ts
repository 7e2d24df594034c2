import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { buildApp, Drain, type KessaiApp, Metrics } from '@kessai/api';
import type { Clock, ConnectionSetup, PaymentConnector } from '@kessai/domain';
import type { Container } from 'inversify';
import { smartpayResources } from '../connectors/smartpay-resources';
import { type Lifecycle, startAll, stopAll, stopOnly } from '../lifecycle/lifecycle';
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
  /** The start of a graceful stop: /readyz fails and answers close their connections; requests are still served. */
  drain(): void;
  stop(): Promise<void>;
}

/** A running job worker (`kessai worker`): no HTTP, only background work. */
export interface WorkerRuntime {
  config: Config;
  container: Container;
  postgres: PostgresRuntime | undefined;
  stop(): Promise<void>;
}

export interface RuntimeOverrides {
  smartpay?: { connector: PaymentConnector; setup: ConnectionSetup };
  clock?: Clock;
  /** Start-up steps with their timings (the dev stack prints them). */
  progress?: (line: string) => void;
  /** Bring the schema up to date first (the default: dev, tests, embedding), or refuse a schema behind the code. */
  migrations?: 'apply' | 'require';
}

/** Opens storage, wires the container, builds the app and starts background work; does not listen. */
export async function startRuntime(config: Config, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  const { postgres, container } = await compose(config, overrides);
  const drain = new Drain();
  const app = await buildApp(container.get(TOKENS.ApiServices), {
    logger: loggerOptions(config),
    validateResponses: config.VALIDATE_RESPONSES,
    maxTokenLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    maxSlowBodies: config.MAX_SLOW_BODIES,
    metricsToken: config.METRICS_TOKEN,
    disableRequestLogging: true,
    dashboard: container.get(DASHBOARD_SERVICES),
    // `packages/embed/dist` of this checkout, from `packages/server/{src,dist}/composition`.
    embedDistDir: config.EMBED_DIST_DIR ?? join(__dirname, '..', '..', '..', 'embed', 'dist'),
    trustProxy: config.TRUST_PROXY,
    drain,
  });
  if (config.LOG_REQUESTS) logOneLinePerRequest(app);
  // The app last: at shutdown it stops taking requests before anything behind it stops.
  const lifecycles = [...container.get(TOKENS.Lifecycles), stopOnly(() => closeApp(app, config))];
  await startAll(lifecycles);
  return { config, container, app, postgres, drain: () => drain.begin(), stop: () => stopAll(lifecycles) };
}

/** Opens storage, wires the container and starts the job worker (with the janitor), without any HTTP. */
export async function startWorkerRuntime(config: Config, overrides: RuntimeOverrides = {}): Promise<WorkerRuntime> {
  const { postgres, container } = await compose({ ...config, RUN_WORKER: true }, overrides);
  const lifecycles: Lifecycle[] = container.get(TOKENS.Lifecycles);
  await startAll(lifecycles);
  return { config, container, postgres, stop: () => stopAll(lifecycles) };
}

async function compose(
  config: Config,
  overrides: RuntimeOverrides,
): Promise<{ postgres: PostgresRuntime | undefined; container: Container }> {
  // V8 reads this flag at every full collection, so setting it now, before the load, is enough.
  if (config.HEAP_GROWING_PERCENT > 0) setFlagsFromString(`--heap-growing-percent=${config.HEAP_GROWING_PERCENT}`);
  const postgres =
    config.STORAGE === 'postgres'
      ? await openPostgres(config, {
          migrations: overrides.migrations ?? 'apply',
          ...(overrides.progress ? { progress: overrides.progress } : {}),
        })
      : undefined;
  const smartpay = overrides.smartpay ?? smartpayResources(config);
  const container = createContainer(config, {
    smartpay,
    metrics: new Metrics(),
    ...(overrides.clock ? { clock: overrides.clock } : {}),
    ...(postgres ? { postgres } : {}),
  });
  return { postgres, container };
}

/**
 * Stops accepting connections and waits for the requests in flight (idle keep-alive connections are closed at
 * once, busy ones after their answer); past SHUTDOWN_TIMEOUT_SECONDS the connections still open are cut.
 */
async function closeApp(app: KessaiApp, config: Config): Promise<void> {
  const deadline = setTimeout(() => app.server.closeAllConnections(), config.SHUTDOWN_TIMEOUT_SECONDS * 1000);
  deadline.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
  }
}
