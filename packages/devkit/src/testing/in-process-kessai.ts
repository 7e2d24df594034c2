import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@kessai/adapters-postgres/testing';
import type { ApiServices, DashboardServices, KessaiApp } from '@kessai/api';
import { registerNewKey, signToken } from '@kessai/api';
import type { Clock, ConnectionSetup, PaymentConnector } from '@kessai/domain';
import { type Config, DASHBOARD_SERVICES, loadConfig, startRuntime, TOKENS } from '@kessai/server';
import type { JWK } from 'jose';
import { type RunningPgBouncer, startPgBouncer } from '../cluster/pgbouncer';

export interface Kessai {
  app: KessaiApp;
  baseUrl: string;
  services: ApiServices;
  /** Dashboard users and sessions (tests make users through it). */
  dashboard: DashboardServices;
  privateJwk: JWK;
  /** Storage `postgres`: its database, for a test that seeds or reads rows in bulk (dropped at `close`). */
  database?: TestDatabase;
  token(scopes?: string[], expiresInSeconds?: number): Promise<string>;
  /** fetch against the running server with a valid token (unless headers say otherwise). */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; raw?: string },
    // biome-ignore lint/suspicious/noExplicitAny: tests read response fields directly
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * The API in this process on 127.0.0.1 with a registered key for merchant `default`. Storage `memory` by default;
 * `postgres` gives it a fresh database of its own on the test run's PostgreSQL (`pooled`: through PgBouncer).
 */
export async function startInProcess(options: {
  env?: Record<string, string>;
  connector: PaymentConnector;
  setup?: ConnectionSetup;
  merchants?: string[];
  clock?: Clock;
  /** Storage `postgres` through PgBouncer in transaction pooling (Debian's), as production runs it. */
  pooled?: boolean;
}): Promise<Kessai> {
  const setup: ConnectionSetup = options.setup ?? {
    verify: async () => undefined,
    prepare: async (input) => ({
      webhookSigningSecret: input.webhookSigningSecret ?? 'gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q',
      providerWebhookEndpointId: null,
    }),
  };
  const database = options.env?.STORAGE === 'postgres' ? await createTestDatabase({ migrated: false }) : undefined;
  const pooler = database && options.pooled ? await pgBouncerFor(database.connectionString) : undefined;
  const config: Config = loadConfig({
    STORAGE: 'memory',
    PORT: '0',
    LOG_LEVEL: 'silent',
    VALIDATE_RESPONSES: 'true',
    KESSAI_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...(database ? { DATABASE_URL: database.connectionString } : {}),
    ...(database && pooler ? { DATABASE_URL: pooler.pooledUrl, DATABASE_DIRECT_URL: database.connectionString } : {}),
    ...options.env,
  });
  const runtime = await startRuntime(config, {
    smartpay: { connector: options.connector, setup },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const { app } = runtime;
  const services = runtime.container.get(TOKENS.ApiServices);
  await app.listen({ port: config.PORT, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const keys = await registerNewKey(services.apiKeys, options.merchants ?? ['default']);
  const token = (scopes = ['*.read', '*.write'], expiresInSeconds = 600) =>
    signToken(keys.privateJwk, { scopes, expiresInSeconds });
  const defaultToken = await token();
  return {
    app,
    baseUrl,
    services,
    dashboard: runtime.container.get(DASHBOARD_SERVICES),
    privateJwk: keys.privateJwk,
    ...(database ? { database } : {}),
    token,
    async call(method, path, callOptions = {}) {
      const headers: Record<string, string> = { authorization: `Bearer ${defaultToken}`, ...callOptions.headers };
      let body: string | undefined = callOptions.raw;
      if (callOptions.body !== undefined) {
        body = JSON.stringify(callOptions.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async close() {
      await runtime.stop();
      await pooler?.stop();
      await database?.drop();
    },
  };
}

/** A PgBouncer of its own in front of one test database, its files in a temporary directory removed at stop. */
async function pgBouncerFor(directUrl: string): Promise<RunningPgBouncer> {
  const runDir = await mkdtemp(join(tmpdir(), 'kessai-pgbouncer-'));
  const pgbouncer = await startPgBouncer({ directUrl, runDir, logFile: join(runDir, 'pgbouncer.log') });
  return {
    ...pgbouncer,
    async stop() {
      await pgbouncer.stop();
      await rm(runDir, { recursive: true, force: true });
    },
  };
}
