import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  connectPostgres,
  KnexApiKeyRegistry,
  KnexTransactionRepository,
  Pool,
  rawReservation,
  resolveDatabase,
} from '@kessai/adapters-postgres';
import { SmartpayPaymentConnector } from '@kessai/adapters-smartpay';
import { SMARTPAY_CAPABILITIES, Transaction } from '@kessai/domain';
import { authorizedTransaction, newTransactionInput } from '@kessai/domain/testing';
import { startSandbox } from '@kessai/smartpay-sandbox';
import { type ApiKeyRegistry, registerNewKey } from '../auth/api-keys';
import { signToken } from '../auth/keys';
import { startApiProcess } from '../testing/api-process';
import { createTransactionBody } from '../testing/requests';
import { freePort } from '../testing/stack';
import { peakRssOf, startChildServer } from './child-server';
import { load } from './load';
import { rawCapturePath } from './raw-capture-path';

/**
 * `pnpm bench` (issue 7): every figure is a ratio against a baseline measured in the same run on this machine.
 * Capture path vs raw pg sending the capture path's own SQL; read path vs a Fastify hello-world; full lifecycles
 * through the real Smartpay adapter and the sandbox; listing p99 at 10k vs 1M transactions; API RSS under load.
 * Every server runs in a process of its own: the load generator (autocannon, here) never shares its event loop.
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

  // --- the API in its own process, with an instant in-process connector ----------------------------------------
  const apiServer = await startChildServer<{ port: number; token: string; ids: string[]; serviceId: string }>(
    join(__dirname, 'bench-server.js'),
    ['api'],
    { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', DATABASE_POOL_MAX: String(Math.max(4, CONNECTIONS)) },
  );
  const { ids, serviceId } = apiServer.info;
  const api = `http://127.0.0.1:${apiServer.info.port}`;
  const auth = { authorization: `Bearer ${apiServer.info.token}`, 'content-type': 'application/json' };
  const knex = connectPostgres(databaseUrl, { poolMax: 4 });

  console.log('\ncapture path (auth + idempotency + validation + aggregate + outbox; instant connector):');
  let i = 0;
  // The seeded transactions' outbox drains and connections fill their statement caches before anything counts.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const captureLoad = () => ({
    label: 'POST /transactions/{id}/capture',
    url: api,
    connections: CONNECTIONS,
    seconds: SECONDS,
    method: 'POST',
    headers: auth,
    body: '{"amount":1,"final":false}',
    setupRequest: (request: { path: string; headers: Record<string, string> }) => ({
      ...request,
      path: `/transactions/${ids[i++ % ids.length]}/capture`,
      headers: { ...request.headers, 'idempotency-key': randomUUID() },
    }),
  });
  await load({ ...captureLoad(), label: 'warm-up', seconds: 2 });
  const capture = await load(captureLoad());
  const raw = await rawBaseline(databaseUrl);
  rows.push({
    benchmark: `capture path req/s vs raw pg doing the capture path's SQL (${CONNECTIONS} concurrent)`,
    kessai: capture.requestsPerSecond,
    baseline: raw.capturePath,
    ratio: capture.requestsPerSecond / raw.capturePath,
    target: '≥ 0.6',
  });
  rows.push({
    benchmark: 'capture path req/s vs one raw reservation unit of work (the earlier, stricter baseline)',
    kessai: capture.requestsPerSecond,
    baseline: raw.reservation,
    ratio: capture.requestsPerSecond / raw.reservation,
    target: '-',
  });
  rows.push({
    benchmark: `capture path latency p50 / p99 (ms), ${CONNECTIONS} connections`,
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
  const rawRead = await rawReadBaseline(databaseUrl, ids);
  rows.push({
    benchmark: 'read path req/s vs raw pg sending the same query (the database-bound limit)',
    kessai: read.requestsPerSecond,
    baseline: rawRead,
    ratio: read.requestsPerSecond / rawRead,
    target: '-',
  });
  rows.push({
    benchmark: 'read path req/s vs Fastify hello-world (each server in its own process)',
    kessai: read.requestsPerSecond,
    baseline: hello,
    ratio: read.requestsPerSecond / hello,
    target: '≥ 0.3',
  });

  console.log('listing at scale:');
  const small = await listingP99(knex, api, auth, 'scale-small', 10_000, serviceId);
  const large = await listingP99(knex, api, auth, 'scale-large', LIST_SCALE, serviceId);
  rows.push({
    benchmark: `cursor listing p99 (ms) at 10k vs ${LIST_SCALE / 1000}k`,
    kessai: large,
    baseline: small,
    ratio: large / small,
    target: 'within 2×',
  });
  rows.push({
    benchmark: 'API process peak RSS (MB) after the capture, read and listing loads',
    kessai: apiServer.peakRssMb(),
    baseline: '-',
    ratio: '-',
    target: '≤ 250 MB',
  });
  await apiServer.stop();
  await knex.destroy();

  console.log('full lifecycle through the Smartpay adapter and the sandbox (`kessai serve` in its own process):');
  const life = await lifecycles(databaseUrl);
  rows.push({
    benchmark:
      'full lifecycles/s (create → approve → sync → capture → refund) vs the Smartpay adapter calling the sandbox alone (no Kessai API, no storage)',
    kessai: life.perSecond,
    baseline: life.adapterAlone,
    ratio: life.perSecond / life.adapterAlone,
    target: '≥ 300',
  });
  rows.push({
    benchmark: '`kessai serve` peak RSS (MB) during the lifecycle load',
    kessai: life.peakRssMb,
    baseline: '-',
    ratio: '-',
    target: '≤ 250 MB',
  });
  await server.stop();
  await report(rows);
}

/** Raw pg from Node, no framework: the capture path's own SQL, and (for comparison) one reservation. */
async function rawBaseline(databaseUrl: string): Promise<{ capturePath: number; reservation: number }> {
  const knex = connectPostgres(databaseUrl, { poolMax: 4 });
  const repository = new KnexTransactionRepository(knex);
  const ids: string[] = [];
  for (let n = 0; n < 500; n++) {
    const tx = authorizedTransaction(new Date(), { merchantAccountId: 'bench', amount: 99_999_999 });
    await repository.add(tx);
    ids.push(tx.id);
  }
  await knex.destroy();
  const pool = new Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  const run = async (label: string, step: (id: string) => Promise<unknown>) => {
    let done = 0;
    const deadline = Date.now() + SECONDS * 1000;
    const progress = setInterval(() => process.stdout.write(`\r  ${label}: ${done}…`), 500);
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, worker) => {
        for (let n = worker; Date.now() < deadline; n += CONNECTIONS) {
          await step(ids[n % ids.length] as string);
          done++;
        }
      }),
    );
    clearInterval(progress);
    process.stdout.write(`\r  ${label}: ${done} in ${SECONDS} s\n`);
    return done / SECONDS;
  };
  const capturePath = await run('raw pg, the capture path’s SQL', (id) => rawCapturePath(pool, id, 'bench'));
  const reservation = await run('raw pg, one reservation', (id) => rawReservation(pool, id));
  await pool.end();
  return { capturePath, reservation };
}

/** What `GET /transactions/{id}` asks PostgreSQL, from Node with nothing else. */
async function rawReadBaseline(databaseUrl: string, ids: string[]): Promise<number> {
  const pool = new Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  // Prepared, as the repository's read is.
  const sql = `SELECT t.*,
     COALESCE((SELECT json_agg(c ORDER BY c.position) FROM captures c WHERE c.transaction_id = t.id), '[]') AS captures_json,
     COALESCE((SELECT json_agg(r ORDER BY r.position) FROM refunds r WHERE r.transaction_id = t.id), '[]') AS refunds_json
   FROM transactions t WHERE t.id = $1 AND t.merchant_account_id = $2 LIMIT 1`;
  let done = 0;
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      for (let n = worker; Date.now() < deadline; n += CONNECTIONS) {
        await pool.query({ name: 'raw_read', text: sql, values: [ids[n % ids.length], 'default'] });
        done++;
      }
    }),
  );
  await pool.end();
  console.log(`  raw pg, the read path's query: ${done} in ${SECONDS} s`);
  return done / SECONDS;
}

async function helloWorld(): Promise<number> {
  const hello = await startChildServer<{ port: number }>(join(__dirname, 'bench-server.js'), ['hello'], {});
  const result = await load({
    label: 'Fastify hello-world',
    url: `http://127.0.0.1:${hello.info.port}`,
    connections: CONNECTIONS,
    seconds: SECONDS,
  });
  await hello.stop();
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

async function lifecycles(
  databaseUrl: string,
): Promise<{ perSecond: number; peakRssMb: number; adapterAlone: number }> {
  const sandbox = await startSandbox({ port: 0 });
  const port = await freePort();
  const serve = await startApiProcess(
    {
      STORAGE: 'postgres',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SMARTPAY_API_BASE: sandbox.apiBase,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      KESSAI_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    },
    join(root, '.data/bench-serve.log'),
  );
  const knex = connectPostgres(databaseUrl, { poolMax: 2 });
  const keys = await registerNewKey(new KnexApiKeyRegistry(knex) as unknown as ApiKeyRegistry, ['life']);
  await knex.destroy();
  const token = await signToken(keys.privateJwk, { scopes: ['*.read', '*.write'], expiresInSeconds: 3600 });
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    'x-gr4vy-merchant-account-id': 'life',
  };
  const post = async (path: string, body: unknown) =>
    (await fetch(`${serve.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json() as Promise<
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
  const peakRssMb = peakRssOf(serve.child.pid ?? 0);
  await serve.kill();
  const adapterAlone = await adapterLifecycles(sandbox);
  await sandbox.stop();
  return { perSecond: done / SECONDS, peakRssMb, adapterAlone };
}

/**
 * The lifecycle's Smartpay calls with nothing of Kessai around them: the real adapter against the same sandbox,
 * same 20 workers. An upper bound for what any lifecycle through this sandbox on this machine can reach.
 */
async function adapterLifecycles(sandbox: Awaited<ReturnType<typeof startSandbox>>): Promise<number> {
  const connector = new SmartpayPaymentConnector({ apiBase: sandbox.apiBase });
  const account = {
    paymentServiceId: randomUUID(),
    credentials: { secretKey: 'sk_test_benchAlone', webhookSigningSecret: 'x' },
  };
  let done = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const progress = setInterval(() => process.stdout.write(`\r  adapter + sandbox alone: ${done}`), 500);
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (Date.now() < deadline) {
        const data = Transaction.create(
          { ...newTransactionInput({ amount: 12_000, cartItems: [] }), intent: 'authorize' },
          SMARTPAY_CAPABILITIES,
          new Date(),
        ).toData();
        const started = await connector.createApproval(account, data);
        if (started.kind !== 'succeeded') throw new Error(`createApproval: ${JSON.stringify(started)}`);
        const { providerSessionId, providerTransactionId } = started.value;
        sandbox.control.approve(providerSessionId);
        await connector.fetchStatus(account, providerTransactionId);
        const captureId = randomUUID();
        await connector.capture(account, {
          providerTransactionId,
          captureId,
          amount: 12_000,
          currency: 'JPY',
          final: true,
          idempotencyKey: `bench-capture-${captureId}`,
        });
        const refundId = randomUUID();
        await connector.refund(account, {
          providerTransactionId,
          refundId,
          amount: 12_000,
          currency: 'JPY',
          reason: null,
          idempotencyKey: `bench-refund-${refundId}`,
        });
        done++;
      }
    }),
  );
  clearInterval(progress);
  process.stdout.write('\n');
  await connector.client.close();
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
