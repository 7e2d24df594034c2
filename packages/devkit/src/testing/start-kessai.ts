import type { ConnectionSetup } from '@kessai/domain';
import { type Clock, type PaymentConnector } from '@kessai/domain';
import { FakePaymentConnector } from '@kessai/domain/testing';
import { loadConfig, smartpayResources } from '@kessai/server';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '@kessai/smartpay-sandbox';
import { type DevKessai, startDevKessai } from './dev-kessai';
import { freePort } from './free-port';
import { type Kessai, startInProcess } from './in-process-kessai';

export type { Kessai };

import { KessaiProcesses } from './kessai-processes';

/** `pgbouncer`: storage postgres with every query through PgBouncer in transaction pooling, as in production. */
export type TestStorage = 'memory' | 'postgres' | 'pgbouncer';

/**
 * The storages a suite runs on: `KESSAI_E2E_STORAGES` (comma-separated) when set, else the suite's own list, so one
 * variable points every storage-parametrised suite at one storage (CI runs the SDK suites through PgBouncer).
 */
export function e2eStorages(defaults: readonly TestStorage[] = ['postgres', 'memory']): TestStorage[] {
  const given = process.env.KESSAI_E2E_STORAGES;
  return given ? (given.split(',') as TestStorage[]) : [...defaults];
}

export interface StartKessaiOptions {
  /** `memory` by default; `postgres` is a fresh database of its own on the test run's PostgreSQL. */
  storage?: TestStorage;
  /**
   * Where the API runs: in this process (default); `2`: two `kessai serve` OS processes on one fresh database with
   * the sandbox (the multi-process reliability stage); `'dev'`: what `pnpm start` runs (dev stack, sandbox, dashboard).
   */
  processes?: 'in-process' | 2 | 'dev';
  /**
   * The Smartpay sandbox, the real Smartpay connector against it and a connection made through the API (which
   * registers Kessai's webhook URL there). Without it the API talks to `connector` (default: the fake one).
   */
  sandbox?: boolean | SandboxOptions;
  connector?: PaymentConnector;
  setup?: ConnectionSetup;
  clock?: Clock;
  merchants?: string[];
  env?: Record<string, string>;
}

/** Kessai with the sandbox: its connection is made, so transactions can be created at once. */
export interface KessaiWithSandbox extends Kessai {
  sandbox: RunningSandbox;
  secretKey: string;
  paymentServiceId: string;
}

/**
 * The one way a test starts Kessai. Every suite that needs a running Kessai, in this process, as OS processes or as
 * the dev stack, asks here, so a change of how Kessai starts is made once.
 */
export function startKessai(options: StartKessaiOptions & { processes: 2 }): Promise<KessaiProcesses>;
export function startKessai(options: StartKessaiOptions & { processes: 'dev' }): Promise<DevKessai>;
export function startKessai(
  options: StartKessaiOptions & { sandbox: true | SandboxOptions },
): Promise<KessaiWithSandbox>;
export function startKessai(options?: StartKessaiOptions): Promise<Kessai>;
export async function startKessai(
  options: StartKessaiOptions = {},
): Promise<Kessai | KessaiWithSandbox | KessaiProcesses | DevKessai> {
  if (options.processes === 2) return KessaiProcesses.start();
  if (options.processes === 'dev') return startDevKessai();
  const storageEnv: Record<string, string> = options.storage
    ? { STORAGE: options.storage === 'memory' ? 'memory' : 'postgres' }
    : {};
  const pooled = options.storage === 'pgbouncer';
  const common = {
    merchants: options.merchants,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(pooled ? { pooled } : {}),
  };
  if (!options.sandbox) {
    return startInProcess({
      ...common,
      connector: options.connector ?? new FakePaymentConnector(),
      ...(options.setup ? { setup: options.setup } : {}),
      env: { ...storageEnv, ...options.env },
    });
  }
  const sandbox = await startSandbox({ port: 0, ...(options.sandbox === true ? {} : options.sandbox) });
  const port = await freePort();
  const env = {
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    SMARTPAY_API_BASE: sandbox.apiBase,
    ...storageEnv,
    ...options.env,
  };
  const smartpay = smartpayResources(loadConfig(env));
  const api = await startInProcess({ ...common, connector: smartpay.connector, setup: smartpay.setup, env });
  const secretKey = `sk_test_${Math.random().toString(36).slice(2)}`;
  const created = await api.call('POST', '/payment-services', {
    body: { secret_key: secretKey, display_name: 'Smartpay (sandbox)' },
  });
  if (created.status !== 201) throw new Error(`could not create the payment service: ${JSON.stringify(created.body)}`);
  const closeApi = api.close;
  return Object.assign(api, {
    sandbox,
    secretKey,
    paymentServiceId: created.body.id as string,
    async close() {
      await closeApi();
      await smartpay.connector.client.close();
      await sandbox.stop();
    },
  });
}
