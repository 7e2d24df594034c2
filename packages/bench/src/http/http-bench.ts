import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { connectPostgres, type ResolvedDatabase, resolveDatabase } from '@kessai/adapters-postgres';
import type { JWK } from 'jose';
import { embedBundleRow } from '../embed/bundle-size';
import { reconciliationRows } from '../reconciliation/reconciliation-rows';
import type { Summary } from './alternate';
import { helloWorld, outboxDrained, rawBaseline, rawReadBaseline } from './baselines';
import { startChildServer } from './child-server';
import { COST, DatabaseCost, hotUpdatesOf, updatesOf } from './database-cost';
import { freshTokenRows } from './fresh-tokens';
import { lifecycles } from './lifecycles';
import { listingP99, scaledMerchant } from './listing';
import { load, warmUp } from './load';
import { dropOldRuns, KEPT_RUNS } from './old-runs';
import { benchOptions } from './options';
import { overviewLatency } from './overview';
import { plainComparison } from './plain-comparison';
import { postgresCpuSeconds } from './postgres-cpu';
import { report } from './report';
import type { Row } from './row';
import { topologyRows } from './topology';

/**
 * `pnpm bench`: every figure is a ratio against a baseline measured in the same run on this machine.
 * Capture path vs raw pg sending the capture path's own SQL; read path vs a Fastify hello-world; capture and GET
 * vs a plain Fastify + pg endpoint, alternating; a fresh Gr4vy SDK token per request vs one reused, against the
 * bare signature-check rate; full lifecycles through the real Smartpay adapter and the sandbox; listing p99 at
 * 10k vs 1M transactions; API RSS under load; the production topology (PgBouncer against direct, 1, 2 and 4 API
 * processes behind HAProxy); a day of 10,000 transactions reconciled vs the connector's same reads alone. Every
 * server runs in a process of its own: the load generator (autocannon, here) never shares its event loop. `--quick` runs each part for a few seconds, to check it works.
 */
const options = ((): ReturnType<typeof benchOptions> => {
  try {
    return benchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
})();
const SECONDS = options.seconds;
const CONNECTIONS = options.connections;
const LIST_SCALE = options.listScale;
const root = join(__dirname, '../../../..');
const runs = (section: Parameters<typeof options.sections.has>[0]) => options.sections.has(section);

async function main(): Promise<void> {
  const server = await resolveDatabase(process.env, { dataDir: join(root, '.data/bench-http') });
  const dbName = `kessai_bench_${Date.now()}`;
  const admin = connectPostgres(server.connectionString, { poolMax: 1 });
  const dropped = await dropOldRuns(admin);
  if (dropped.length) console.log(`dropped ${dropped.length} databases of earlier runs (the newest ${KEPT_RUNS} kept)`);
  await admin.raw(`CREATE DATABASE ${dbName}`);
  // The raw capture baseline leaves reservations the API's janitor would keep trying to settle mid-measurement.
  await admin.raw(`CREATE DATABASE ${dbName}_raw`);
  // The topology's own processes and worker, apart from the API's database and its janitor.
  if (runs('topology')) await admin.raw(`CREATE DATABASE ${dbName}_topology`);
  if (runs('reconciliation')) await admin.raw(`CREATE DATABASE ${dbName}_reconciliation`);
  await admin.destroy();
  const urlOf = (name: string) => {
    const url = new URL(server.connectionString);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const databaseUrl = urlOf(dbName);
  const rawDatabaseUrl = urlOf(`${dbName}_raw`);
  const rows: Row[] = [];
  const cost = await DatabaseCost.watch([databaseUrl, rawDatabaseUrl]);
  if (!cost.statementsCounted) console.log('(statements not counted: the server does not preload pg_stat_statements)');
  const costs = () => cost.read();
  let plainCapture: Summary | undefined;
  // Every section but the topology's, the embed's and the reconciliation's measures the one API process started here.
  const ownProcess = new Set(['topology', 'embed', 'reconciliation']);
  if ([...options.sections].some((section) => !ownProcess.has(section))) {
    const api = await apiSections(server, databaseUrl, rawDatabaseUrl, costs);
    rows.push(...api.rows);
    plainCapture = api.plainCapture;
  }

  if (runs('lifecycles')) {
    console.log('full lifecycle through the Smartpay adapter and the sandbox (`kessai serve` in its own process):');
    const life = await lifecycles(
      databaseUrl,
      SECONDS,
      join(root, '.data/bench-serve.log'),
      postgresCpuSeconds(server.embedded?.dataDir),
      costs,
    );
    rows.push({
      benchmark:
        'full lifecycles/s (create → approve → sync → capture → refund) vs the Smartpay adapter calling the sandbox alone (no Kessai API, no storage)',
      kessai: life.perSecond,
      baseline: life.adapterAlone,
      ratio: life.perSecond / life.adapterAlone,
      target: '≥ 300',
    });
    const { serve, database, load } = life.cpuMs;
    const perLifecycle = serve + (database ?? 0) + load;
    rows.push({
      benchmark: `full lifecycles: CPU (ms) per lifecycle, kessai serve ${serve.toFixed(1)} + PostgreSQL ${database === undefined ? '(not readable)' : database.toFixed(1)} + the load process (sandbox, its webhooks, 20 clients) ${load.toFixed(1)}; lifecycles/s vs what ${cpus().length} cores give at that cost`,
      kessai: life.perSecond,
      baseline: (cpus().length * 1000) / perLifecycle,
      ratio: life.perSecond / ((cpus().length * 1000) / perLifecycle),
      target: '-',
    });
    rows.push({
      benchmark:
        'full lifecycle: Smartpay API requests per lifecycle (what the sandbox received), through Kessai (its webhooks answered included) vs the adapter alone making the same payment',
      kessai: life.smartpayRequests.kessai,
      baseline: life.smartpayRequests.adapterAlone,
      ratio: life.smartpayRequests.kessai / life.smartpayRequests.adapterAlone,
      target: '-',
    });
    rows.push(...lifecycleCostRows(life.costs, database, plainCapture));
    rows.push({
      benchmark: '`kessai serve` peak RSS (MB) during the lifecycle load',
      kessai: life.peakRssMb,
      baseline: '-',
      ratio: '-',
      target: '≤ 250 MB',
    });
  }
  if (runs('topology')) {
    console.log('the production topology: PgBouncer, several API processes behind HAProxy (instant connector):');
    rows.push(
      ...(await topologyRows(
        urlOf(`${dbName}_topology`),
        options,
        postgresCpuSeconds(server.embedded?.dataDir),
        join(root, '.data/bench-topology'),
      )),
    );
  }
  if (runs('reconciliation')) {
    console.log('reconciliation of one day with the sandbox through the Smartpay connector (its own process):');
    rows.push(...(await reconciliationRows(urlOf(`${dbName}_reconciliation`), options)));
  }
  if (runs('embed')) {
    console.log('the embed script a merchant page loads (built now, gzipped):');
    rows.push(await embedBundleRow());
  }
  await cost.stop();
  await server.stop();
  await report(rows, options, root);
}

/**
 * What one lifecycle costs PostgreSQL (commits, statements, HOT updates, CPU), and how many lifecycles a primary of
 * two vCPUs would carry at that CPU, each beside the plain endpoint's capture from the same run (when it ran).
 */
function lifecycleCostRows(
  perLifecycle: Record<string, number> | undefined,
  databaseCpuMs: number | undefined,
  plain: Summary | undefined,
): Row[] {
  const rows: Row[] = [];
  const plainCpu = plain?.databaseCpuMsPerRequest;
  if (perLifecycle) {
    const per = (name: string) => perLifecycle[name] ?? 0;
    const plainPer = (name: string) => plain?.countsPerRequest[name] ?? 0;
    rows.push({
      benchmark: `full lifecycle: write commits / statements (+ nested) / \`transactions\` updates (HOT of them) / WAL kB (full-page images) per lifecycle, vs the plain endpoint's capture (write commits / statements + nested / WAL kB)`,
      kessai: `${per(COST.commits).toFixed(1)} / ${per(COST.statements).toFixed(1)} + ${per(COST.nested).toFixed(1)} / ${per(updatesOf('public')).toFixed(1)} (${per(hotUpdatesOf('public')).toFixed(1)}) / ${(per(COST.wal) / 1024).toFixed(1)} (${per(COST.fullPages).toFixed(1)})`,
      baseline: plain
        ? `${plainPer(COST.commits).toFixed(1)} / ${plainPer(COST.statements).toFixed(1)} + ${plainPer(COST.nested).toFixed(1)} / ${(plainPer(COST.wal) / 1024).toFixed(1)}`
        : '- (plain not run)',
      ratio: plain && plainPer(COST.commits) ? per(COST.commits) / plainPer(COST.commits) : '-',
      target: '-',
    });
  }
  if (databaseCpuMs !== undefined && databaseCpuMs > 0) {
    rows.push({
      benchmark: 'full lifecycle: PostgreSQL CPU (ms) per lifecycle vs per plain-endpoint capture',
      kessai: databaseCpuMs,
      baseline: plainCpu ?? '- (plain not run)',
      ratio: plainCpu ? databaseCpuMs / plainCpu : '-',
      target: '≤ 4 ms',
    });
    rows.push({
      benchmark:
        'lifecycles/s one 2-vCPU PostgreSQL primary carries at that CPU (2,000 ms / PostgreSQL CPU per lifecycle) vs plain-endpoint captures/s at theirs',
      kessai: 2000 / databaseCpuMs,
      baseline: plainCpu ? 2000 / plainCpu : '- (plain not run)',
      ratio: plainCpu ? plainCpu / databaseCpuMs : '-',
      target: '≥ 500',
    });
  }
  return rows;
}

/** The sections that load the bench's API process: capture, read, plain, tokens, listing, and its peak RSS. */
async function apiSections(
  server: ResolvedDatabase,
  databaseUrl: string,
  rawDatabaseUrl: string,
  costs: () => Promise<Record<string, number>>,
): Promise<{ rows: Row[]; plainCapture?: Summary }> {
  const rows: Row[] = [];
  let plainCapture: Summary | undefined;
  const compares = runs('plain') || runs('tokens');
  // --- the API in its own process, with an instant in-process connector ----------------------------------------
  const apiServer = await startChildServer<{
    port: number;
    token: string;
    privateJwk: JWK;
    ids: string[];
    captureIds: string[];
    readIds: string[];
    serviceId: string;
  }>(join(__dirname, 'bench-server.js'), ['api'], {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    DATABASE_POOL_MAX: String(Math.max(4, CONNECTIONS)),
    BENCH_CAPTURE_SET: compares ? String(process.env.BENCH_CAPTURE_SET ?? 1000) : '0',
    BENCH_READ_SET: compares ? String(process.env.BENCH_READ_SET ?? 500) : '0',
  });
  const { ids, serviceId } = apiServer.info;
  // Which load took the API process to its peak: its peak RSS after each section.
  const peaks = [`seeded ${apiServer.peakRssMb()}`];
  const api = `http://127.0.0.1:${apiServer.info.port}`;
  const auth = { authorization: `Bearer ${apiServer.info.token}`, 'content-type': 'application/json' };
  const knex = connectPostgres(databaseUrl, { poolMax: 4 });

  let i = 0;
  // The seeded transactions' outbox drains and connections fill their statement caches before anything counts.
  await outboxDrained(knex, 30_000);
  await new Promise((resolve) => setTimeout(resolve, options.quick ? 1000 : 3000));
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
  if (runs('capture')) {
    console.log('\ncapture path (auth + idempotency + validation + aggregate + outbox; instant connector):');
    await warmUp({ ...captureLoad(), label: 'warm-up' }, options.warmUpSeconds);
    const capture = await load(captureLoad());
    const raw = await rawBaseline(options, rawDatabaseUrl);
    rows.push({
      benchmark: `capture path req/s vs raw pg doing the capture path's SQL (${CONNECTIONS} concurrent)`,
      kessai: capture.requestsPerSecond,
      baseline: raw.capturePath,
      ratio: capture.requestsPerSecond / raw.capturePath,
      target: '≥ 0.6',
    });
    rows.push({
      benchmark:
        'capture path req/s vs one raw locked reservation (BEGIN + lock + load, write + COMMIT; the earlier, stricter baseline)',
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
    peaks.push(`capture ${apiServer.peakRssMb()}`);
  }

  if (runs('read')) {
    console.log('read path:');
    const read = await load({
      label: 'GET /transactions/{id}',
      url: api,
      connections: CONNECTIONS,
      seconds: SECONDS,
      headers: auth,
      setupRequest: (request) => ({ ...request, path: `/transactions/${ids[i++ % ids.length]}` }),
    });
    const hello = await helloWorld(options);
    const rawRead = await rawReadBaseline(options, databaseUrl, ids);
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
    peaks.push(`read ${apiServer.peakRssMb()}`);
  }

  let plainPeakRssMb: number | undefined;
  if (runs('plain')) {
    console.log('Kessai vs a plain Fastify + pg endpoint on the same PostgreSQL:');
    const kessai = { url: api, headers: auth, ...apiServer.info, cpuSeconds: apiServer.cpuSeconds };
    const databaseCpuSeconds = postgresCpuSeconds(server.embedded?.dataDir);
    const compared = await plainComparison(databaseUrl, rawDatabaseUrl, kessai, {
      ...options,
      ...(databaseCpuSeconds && { databaseCpuSeconds }),
      costs,
    });
    rows.push(...compared.rows);
    plainCapture = compared.plainCapture;
    plainPeakRssMb = compared.plainPeakRssMb;
    peaks.push(`plain ${apiServer.peakRssMb()}`);
  }
  if (runs('tokens')) {
    console.log('a fresh Gr4vy SDK token per request (signed in this process beforehand) vs one reused:');
    rows.push(...(await freshTokenRows({ url: api, ...apiServer.info, cpuSeconds: apiServer.cpuSeconds }, options)));
    peaks.push(`tokens ${apiServer.peakRssMb()}`);
  }

  if (runs('listing')) {
    console.log('listing at scale:');
    const smallMerchant = await scaledMerchant(knex, 'scale-small', 10_000, serviceId);
    const largeMerchant = await scaledMerchant(knex, 'scale-large', LIST_SCALE, serviceId);
    const small = await listingP99(SECONDS, api, auth, smallMerchant);
    const large = await listingP99(SECONDS, api, auth, largeMerchant);
    rows.push({
      benchmark: `cursor listing p99 (ms) at 10k vs ${LIST_SCALE / 1000}k`,
      kessai: large,
      baseline: small,
      ratio: large / small,
      target: 'within 2×',
    });
    // The same merchants, all of whose transactions fall in the overview's 30 days.
    const smallOverview = await overviewLatency(SECONDS, api, auth, smallMerchant);
    const largeOverview = await overviewLatency(SECONDS, api, auth, largeMerchant);
    for (const quantile of ['p50', 'p99'] as const) {
      rows.push({
        benchmark: `overview (GET /analytics/overview) ${quantile} (ms) at 10k vs ${LIST_SCALE / 1000}k, all in its 30 days`,
        kessai: largeOverview[quantile],
        baseline: smallOverview[quantile],
        ratio: largeOverview[quantile] / smallOverview[quantile],
        target: '-',
      });
    }
    peaks.push(`listing ${apiServer.peakRssMb()}`);
  }
  const peak = apiServer.peakRssMb();
  rows.push({
    benchmark: `API process peak RSS (MB) across every load above (peak after each: ${peaks.join(', ')})${plainPeakRssMb === undefined ? '' : ' vs the plain endpoint process'}`,
    kessai: peak,
    baseline: plainPeakRssMb ?? '-',
    ratio: plainPeakRssMb ? peak / plainPeakRssMb : '-',
    target: '≤ 150 MB',
  });
  await apiServer.stop();
  await knex.destroy();
  return { rows, ...(plainCapture && { plainCapture }) };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
