import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres } from '@kessai/adapters-postgres';
import type { KeyFile } from '@kessai/server';
import { type RunningSandbox, startSandbox } from '@kessai/smartpay-sandbox';
import { type RunningHaproxy, startHaproxy } from './haproxy';
import { KessaiProcess } from './kessai-process';
import { setUpMerchant } from './merchant-setup';
import { runMigrations } from './migrations';
import { type RunningPgBouncer, startPgBouncer } from './pgbouncer';

export interface LocalClusterOptions {
  /** `kessai serve` processes behind HAProxy (default 3). */
  api?: number;
  /** `kessai worker` processes (default 1). */
  workers?: number;
  /** HAProxy's port (default: a free one). */
  port?: number;
  /** Logs, keys, PgBouncer's and HAProxy's run files, and the embedded PostgreSQL's data unless `databaseUrl`. */
  dataDir: string;
  /** An existing PostgreSQL database to use directly (a test's own database); default: embedded, in dataDir/pg. */
  databaseUrl?: string;
  /** Smartpay's API (default: a local sandbox, its state in `sandboxStateFile` when given, else in memory). */
  smartpayApiBase?: string;
  sandboxStateFile?: string;
  /** Default: a new random key (a test); the `kessai cluster` command passes its kept one. */
  encryptionKey?: string;
  /** More settings for every Kessai process (DRAIN_SECONDS, LOG_LEVEL…). */
  env?: Record<string, string>;
  progress?: (line: string) => void;
}

export interface LocalCluster {
  /** HAProxy: where clients go. */
  url: string;
  haproxy: RunningHaproxy;
  /** PostgreSQL itself (DATABASE_DIRECT_URL), and through PgBouncer (DATABASE_URL). */
  directUrl: string;
  pooledUrl: string;
  /** The embedded PostgreSQL's log (null for a given database). */
  postgresLog: string | null;
  pgbouncer: RunningPgBouncer;
  sandbox: RunningSandbox | null;
  /** The `default` merchant's key (for the Gr4vy SDK) and a bearer token signed with it. */
  keyFile: string;
  key: KeyFile;
  token: string;
  apis: KessaiProcess[];
  workers: KessaiProcess[];
  logDir: string;
  /** Every process in reverse order of start: HAProxy, APIs, workers, PgBouncer, sandbox, PostgreSQL. */
  stop(): Promise<void>;
}

/**
 * Kessai as it runs in production, on this machine, from real components: PostgreSQL, PgBouncer in transaction
 * pooling, `migrate`, N `serve` processes behind HAProxy and M `worker` processes, with the `default` merchant's
 * key and Smartpay connection. What `kessai cluster` runs, and what the cluster tests start.
 */
export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  const progress = options.progress ?? (() => undefined);
  const logDir = join(options.dataDir, 'logs');
  const runDir = join(options.dataDir, 'run');
  await mkdir(logDir, { recursive: true, mode: 0o700 });
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    let directUrl = options.databaseUrl;
    let postgresLog: string | null = null;
    if (!directUrl) {
      const postgres = await startEmbeddedPostgres({ dataDir: join(options.dataDir, 'pg'), log: progress });
      stops.push(() => postgres.stop());
      directUrl = postgres.connectionString;
      postgresLog = `${postgres.dataDir}.log`;
      progress(`PostgreSQL on 127.0.0.1:${postgres.port}, data in ${postgres.dataDir}`);
    }
    const encryptionKey = options.encryptionKey ?? randomBytes(32).toString('base64');
    await runMigrations(directUrl, encryptionKey, join(logDir, 'migrate.log'));
    progress('migrations current');

    let sandbox: RunningSandbox | null = null;
    let smartpayApiBase = options.smartpayApiBase;
    if (!smartpayApiBase) {
      sandbox = await startSandbox({
        port: 0,
        ...(options.sandboxStateFile ? { stateFile: options.sandboxStateFile } : {}),
      });
      stops.push(() => (sandbox as RunningSandbox).stop());
      smartpayApiBase = sandbox.apiBase;
      progress(`Smartpay sandbox on ${sandbox.baseUrl}`);
    }

    const port = options.port ?? (await freePort());
    const url = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      STORAGE: 'postgres',
      DATABASE_DIRECT_URL: directUrl,
      DATABASE_PREPARED_STATEMENTS: 'false',
      KESSAI_ENCRYPTION_KEY: encryptionKey,
      SMARTPAY_API_BASE: smartpayApiBase,
      // Smartpay's webhooks and the buyer's return come through the balancer, as in production.
      PUBLIC_BASE_URL: url,
      TRUST_PROXY: '127.0.0.1',
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
      // The API processes serve only: the workers run the jobs.
      RUN_WORKER: 'false',
      ...options.env,
    };
    const keyFile = join(options.dataDir, 'keys', 'default.json');
    // The sandbox takes any test key; a real Smartpay needs the merchant's own (none: no connection is made).
    const secretKeyValue = process.env.SMARTPAY_SECRET_KEY || (sandbox ? SANDBOX_SECRET_KEY : undefined);
    const secretKey: Record<string, string> = secretKeyValue ? { SMARTPAY_SECRET_KEY: secretKeyValue } : {};
    const merchant = await setUpMerchant({ ...env, ...secretKey, DATABASE_URL: directUrl }, keyFile, progress);

    const pgbouncer = await startPgBouncer({
      directUrl,
      runDir: join(runDir, 'pgbouncer'),
      logFile: join(logDir, 'pgbouncer.log'),
      log: progress,
    });
    stops.push(() => pgbouncer.stop());
    progress(`PgBouncer (transaction pooling) on 127.0.0.1:${pgbouncer.port}`);
    env.DATABASE_URL = pgbouncer.pooledUrl;

    let haproxy: RunningHaproxy | null = null;
    const workers = Array.from(
      { length: options.workers ?? 1 },
      (_, i) => new KessaiProcess(`worker${i + 1}`, 'worker', env, join(logDir, `worker${i + 1}.log`), null),
    );
    const apis: KessaiProcess[] = [];
    for (let i = 1; i <= (options.api ?? 3); i++) {
      const inRotation = () => (haproxy ? haproxy.waitUntilUp(`api${i}`) : Promise.resolve());
      apis.push(new KessaiProcess(`api${i}`, 'serve', env, join(logDir, `api${i}.log`), await freePort(), inRotation));
    }
    // Stopped together: each API's drain and each worker's last jobs take their time in parallel.
    stops.push(() => stopAll(workers));
    stops.push(() => stopAll(apis));
    await Promise.all([...workers, ...apis].map((member) => member.start()));
    progress(`${apis.length} API and ${workers.length} worker processes ready`);

    haproxy = await startHaproxy({
      port,
      servers: apis.map((api) => ({ name: api.name, port: api.port as number })),
      runDir: join(runDir, 'haproxy'),
      logFile: join(logDir, 'haproxy.log'),
    });
    stops.push(() => (haproxy as RunningHaproxy).stop());
    progress(`HAProxy on ${url}, every API process in rotation`);

    return {
      url,
      haproxy,
      directUrl,
      pooledUrl: pgbouncer.pooledUrl,
      postgresLog,
      pgbouncer,
      sandbox,
      keyFile,
      key: merchant.key,
      token: merchant.token,
      apis,
      workers,
      logDir,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function stopAll(members: readonly KessaiProcess[]): Promise<void> {
  await Promise.all(members.map((member) => member.stop()));
}

/** The secret key of the sandbox's merchant (any sk_test_ key is one there). */
const SANDBOX_SECRET_KEY = 'sk_test_kessaiLocalCluster';
