import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  connectPostgres,
  KnexApiKeyRegistry,
  KnexTransactionRepository,
  migrate,
  Pool,
  rawReservation,
  resolveDatabase,
} from '@kessai/adapters-postgres';
import { authorizedTransaction, FakePaymentConnector, smartpayService } from '@kessai/domain/testing';
import { startSandbox } from '@kessai/smartpay-sandbox';
import Fastify from 'fastify';
import { type ApiKeyRegistry, registerNewKey } from '../auth/api-keys';
import { signToken } from '../auth/keys';
import { loadConfig } from '../composition/config';
import { startRuntime } from '../composition/runtime';
import { smartpayResources } from '../composition/smartpay-runtime';
import { TOKENS } from '../composition/tokens';
import { createTransactionBody } from '../testing/requests';
import { freePort } from '../testing/stack';
import { load } from './load';

/**
 * `pnpm bench` (issue 7): every figure is a ratio against a baseline measured in the same run on this machine.
 * Capture path vs raw pg doing the same SQL; read path vs a Fastify hello-world; full lifecycles through the real
 * Smartpay adapter and the sandbox; listing p99 at 10k vs 1M transactions; API RSS under load.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LIST_SCALE = Number(process.env.BENCH_LIST_SCALE ?? 1_000_000);
const root = join(__dirname, '../../../..');

async function main(): Promise<void> {
  const server = await resolveDatabase(process.env, { dataDir: join(root, '.data/bench-http') });
  const dbName = `kessai_bench_${Date.now()}`;
  const admin = connectPostgres(server.connectionString, { poolMax: 1 });
  await admin.raw(`CREATE DATABASE ${dbName}`);
  await admin.destroy();
  const url = new URL(server.connectionString);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const rows: Array<Record<string, string | number>> = [];
  let peakRss = 0;
  const rssProbe = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 200);

  // --- the API with an instant in-process connector ---------------------------------------------------------
  const connector = new FakePaymentConnector();
  const port = await freePort();
  const config = loadConfig({
    STORAGE: 'postgres',
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    LOG_LEVEL: 'silent',
    RUN_WORKER: 'false',
    DATABASE_POOL_MAX: String(Math.max(4, CONNECTIONS)),
    KESSAI_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  });
  const runtime = await startRuntime(config, {
    smartpay: {
      connector,
      setup: { prepare: async () => ({ webhookSigningSecret: 'x', providerWebhookEndpointId: null }) },
    },
  });
  await runtime.app.listen({ port, host: '127.0.0.1' });
  const api = `http://127.0.0.1:${port}`;
  const services = runtime.container.get(TOKENS.ApiServices);
  const keys = await registerNewKey(services.apiKeys, ['default']);
  const token = await signToken(keys.privateJwk, { scopes: ['*.read', '*.write'], expiresInSeconds: 3600 });
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const service = smartpayService({ merchantAccountId: 'default' });
  await services.paymentServices.add(service);
  const repository = new KnexTransactionRepository(runtime.postgres?.knex ?? connectPostgres(databaseUrl));
  const ids: string[] = [];
  for (let i = 0; i < 500; i++) {
    const tx = authorizedTransaction(new Date(), {
      merchantAccountId: 'default',
      amount: 99_999_999,
      paymentServiceId: service.id,
    });
    const orderId = tx.toData().providerTransactionId ?? '';
    connector.orders.set(orderId, {
      id: orderId,
      amount: 99_999_999,
      currency: 'JPY',
      status: 'authorized',
      payments: [],
      refunds: [],
    });
    await repository.add(tx);
    ids.push(tx.id);
  }

  console.log('\ncapture path (auth + idempotency + validation + aggregate + outbox; instant connector):');
  let i = 0;
  const capture = await load({
    label: 'POST /transactions/{id}/capture',
    url: api,
    connections: CONNECTIONS,
    seconds: SECONDS,
    method: 'POST',
    headers: auth,
    body: '{"amount":1,"final":false}',
    setupRequest: (request) => ({
      ...request,
      path: `/transactions/${ids[i++ % ids.length]}/capture`,
      headers: { ...request.headers, 'idempotency-key': randomUUID() },
    }),
  });
  const raw = await rawBaseline(databaseUrl);
  rows.push({
    benchmark: 'capture path req/s vs raw pg (same SQL, 50 concurrent)',
    kessai: capture.requestsPerSecond,
    baseline: raw,
    ratio: capture.requestsPerSecond / raw,
    target: '≥ 0.6',
  });
  rows.push({
    benchmark: 'capture path latency p50 / p99 (ms)',
    kessai: `${capture.p50} / ${capture.p99}`,
    baseline: '-',
    ratio: '-',
    target: 'p99 ≤ 25 ms',
  });

  console.log('read path:');
  const read = await load({
    label: 'GET /transactions/{id}',
    url: api,
    connections: CONNECTIONS,
    seconds: SECONDS,
    headers: auth,
    setupRequest: (request) => ({ ...request, path: `/transactions/${ids[i++ % ids.length]}` }),
  });
  const hello = await helloWorld();
  rows.push({
    benchmark: 'read path req/s vs Fastify hello-world',
    kessai: read.requestsPerSecond,
    baseline: hello,
    ratio: read.requestsPerSecond / hello,
    target: '≥ 0.3',
  });

  console.log('listing at scale:');
  const small = await listingP99(runtime.postgres?.knex, api, auth, 'scale-small', 10_000, service.id);
  const large = await listingP99(runtime.postgres?.knex, api, auth, 'scale-large', LIST_SCALE, service.id);
  rows.push({
    benchmark: `cursor listing p99 (ms) at 10k vs ${LIST_SCALE / 1000}k`,
    kessai: large,
    baseline: small,
    ratio: large / small,
    target: 'within 2×',
  });
  rows.push({
    benchmark: 'API process RSS under load (MB, API + load generator in one process)',
    kessai: Math.round(peakRss / 1_048_576),
    baseline: '-',
    ratio: '-',
    target: '≤ 250 MB',
  });
  await runtime.stop();

  console.log('full lifecycle through the Smartpay adapter and the sandbox:');
  rows.push({
    benchmark: 'full lifecycles/s (create → approve → sync → capture → refund)',
    kessai: await lifecycles(databaseUrl),
    baseline: '-',
    ratio: '-',
    target: '≥ 300',
  });
  clearInterval(rssProbe);
  await server.stop();
  await report(rows);
}

async function rawBaseline(databaseUrl: string): Promise<number> {
  const knex = connectPostgres(databaseUrl, { poolMax: 4 });
  await migrate(knex);
  const repository = new KnexTransactionRepository(knex);
  const ids: string[] = [];
  for (let n = 0; n < 500; n++) {
    const tx = authorizedTransaction(new Date(), { merchantAccountId: 'bench', amount: 99_999_999 });
    await repository.add(tx);
    ids.push(tx.id);
  }
  await knex.destroy();
  const pool = new Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  let done = 0;
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      for (let n = worker; Date.now() < deadline; n += CONNECTIONS) {
        await rawReservation(pool, ids[n % ids.length] as string);
        done++;
      }
    }),
  );
  await pool.end();
  console.log(`  raw pg baseline: ${done} reservations in ${SECONDS} s`);
  return done / SECONDS;
}

async function helloWorld(): Promise<number> {
  const app = Fastify();
  app.get('/', async () => ({ hello: 'world' }));
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  const result = await load({
    label: 'Fastify hello-world',
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    seconds: SECONDS,
  });
  await app.close();
  return result.requestsPerSecond;
}

type Knex = ReturnType<typeof connectPostgres>;

async function listingP99(
  knex: Knex | undefined,
  api: string,
  headers: Record<string, string>,
  merchant: string,
  count: number,
  serviceId: string,
): Promise<number> {
  if (!knex) throw new Error('listing needs PostgreSQL');
  const person = JSON.stringify({
    firstName: 'H',
    lastName: 'Y',
    emailAddress: 'h@example.jp',
    address: { line1: '1', city: 'C', state: 'S', postalCode: '1', country: 'JP' },
  });
  process.stdout.write(`  inserting ${count} transactions for ${merchant}…`);
  for (let from = 1; from <= count; from += 200_000) {
    await knex.raw(
      `INSERT INTO transactions (id, merchant_account_id, reconciliation_id, payment_service_id, connector, intent, status, amount, currency,
         country, payment_method, redirect_url, billing_details, shipping_details, cart_items, metadata, capture_closed, authorized_amount,
         reserved_capture_amount, captured_amount, reserved_refund_amount, refunded_amount, created_at, updated_at, version, event_count)
       SELECT gen_random_uuid(), ?, 'r' || g, ?, 'smartpay', 'authorize', 'buyer_approval_pending', 1000 + g % 1000, 'JPY', 'JP', 'smartpay',
         'https://shop.example.jp', ?::jsonb, ?::jsonb, '[]', '{}', false, 0, 0, 0, 0, 0,
         now() - g * interval '1 second', now() - g * interval '1 second', 1, 0
       FROM generate_series(?::int, ?::int) g`,
      [merchant, serviceId, person, person, from, Math.min(count, from + 199_999)],
    );
  }
  await knex.raw('ANALYZE transactions');
  process.stdout.write(' done\n');
  const keys = await registerNewKey(new KnexApiKeyRegistry(knex) as unknown as ApiKeyRegistry, [merchant]);
  const token = await signToken(keys.privateJwk, { scopes: ['transactions.read'] });
  const first = (await (
    await fetch(`${api}/transactions?limit=20`, {
      headers: { authorization: `Bearer ${token}`, 'x-gr4vy-merchant-account-id': merchant },
    })
  ).json()) as { next_cursor: string };
  const deep = `/transactions?limit=20&cursor=${first.next_cursor}`;
  let n = 0;
  const result = await load({
    label: `GET /transactions (cursor pages) at ${count}`,
    url: api,
    connections: 10,
    seconds: Math.max(3, SECONDS / 2),
    headers: { ...headers, authorization: `Bearer ${token}`, 'x-gr4vy-merchant-account-id': merchant },
    setupRequest: (request) => ({ ...request, path: n++ % 2 ? deep : '/transactions?limit=20' }),
  });
  return result.p99;
}

async function lifecycles(databaseUrl: string): Promise<number> {
  const sandbox = await startSandbox({ port: 0 });
  const port = await freePort();
  const config = loadConfig({
    STORAGE: 'postgres',
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    LOG_LEVEL: 'silent',
    SMARTPAY_API_BASE: sandbox.apiBase,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    KESSAI_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  });
  const smartpay = smartpayResources(config);
  const runtime = await startRuntime(config, { smartpay });
  await runtime.app.listen({ port, host: '127.0.0.1' });
  const api = `http://127.0.0.1:${port}`;
  const services = runtime.container.get(TOKENS.ApiServices);
  const keys = await registerNewKey(services.apiKeys, ['life']);
  const token = await signToken(keys.privateJwk, { scopes: ['*.read', '*.write'], expiresInSeconds: 3600 });
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    'x-gr4vy-merchant-account-id': 'life',
  };
  const post = async (path: string, body: unknown) =>
    (await fetch(`${api}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json() as Promise<
      Record<string, never>
    >;
  await post('/payment-services', { secret_key: 'sk_test_bench' });
  let done = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const progress = setInterval(() => process.stdout.write(`\r  lifecycles: ${done}`), 500);
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (Date.now() < deadline) {
        const tx = (await post('/transactions', createTransactionBody())) as unknown as {
          id: string;
          additional_identifiers: { payment_service_checkout_session_id: string };
        };
        sandbox.control.approve(tx.additional_identifiers.payment_service_checkout_session_id);
        await post(`/transactions/${tx.id}/sync`, {});
        await post(`/transactions/${tx.id}/capture`, { amount: 12_000 });
        await post(`/transactions/${tx.id}/refunds`, { amount: 12_000 });
        done++;
      }
    }),
  );
  clearInterval(progress);
  process.stdout.write('\n');
  await runtime.stop();
  await smartpay.connector.client.close();
  await sandbox.stop();
  return done / SECONDS;
}

async function report(rows: Array<Record<string, string | number>>): Promise<void> {
  const fmt = (v: string | number | undefined) =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : (v ?? '');
  const table = [
    '| benchmark | Kessai | baseline (same run) | ratio | target |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.benchmark} | ${fmt(r.kessai)} | ${fmt(r.baseline)} | ${fmt(r.ratio)} | ${r.target} |`),
  ].join('\n');
  const dir = join(root, 'bench/results');
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString();
  await writeFile(
    join(dir, 'latest.json'),
    `${JSON.stringify({ at: stamp, node: process.version, seconds: SECONDS, rows }, null, 2)}\n`,
  );
  await writeFile(
    join(dir, 'latest.md'),
    `# pnpm bench, ${stamp} (Node ${process.version}, ${SECONDS} s per measurement)\n\n${table}\n`,
  );
  console.log(`\n${table}\n\nwritten to bench/results/latest.{json,md}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
