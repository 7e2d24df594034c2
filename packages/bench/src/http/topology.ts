import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { connectPostgres } from '@kessai/adapters-postgres';
import { startPgBouncer } from '@kessai/devkit';
import { outboxDrained } from './baselines';
import { type ChildServer, cpuSecondsOf, startChildServer } from './child-server';
import { DatabaseActivity, withApplicationName } from './database-activity';
import type { BenchOptions } from './options';
import { poolerTaxRows } from './pooler-tax';
import type { Row } from './row';
import { scaleOutRows } from './scale-out';
import type { Configuration, TopologyBench } from './topology-bench';

type Api = ChildServer<{ port: number }>;
type Seeder = ChildServer<{ port: number; token: string; ids: string[]; captureIds: string[] }>;

/** Sides that capture: three database paths, then three process counts. */
const CAPTURING_SIDES = 6;

/**
 * The production topology on one database: PgBouncer (deploy/pgbouncer/pgbouncer.ini, transaction pooling), API
 * processes as `kessai serve` runs them (no worker; DATABASE_POOL_MAX=20) and one worker process apart on a direct
 * connection, the same in every configuration. The API processes are the bench's own, with the instant connector,
 * so what is measured is Kessai and the topology, not the Smartpay sandbox.
 */
export async function topologyRows(
  directUrl: string,
  options: BenchOptions,
  databaseCpuSeconds: (() => number) | undefined,
  dataDir: string,
): Promise<Row[]> {
  await rm(dataDir, { recursive: true, force: true });
  const started = Date.now();
  const ready = (what: string) => console.log(`  ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const stops: Array<() => Promise<void>> = [];
  try {
    const pgbouncer = await startPgBouncer({
      directUrl,
      runDir: join(dataDir, 'pgbouncer'),
      logFile: join(dataDir, 'pgbouncer.log'),
    });
    stops.push(() => pgbouncer.stop());
    const pooledName = 'kessai_pooled';
    // Enough that no transaction gathers captures by the dozen (each is summed at commit), few enough to seed fast.
    const perSide = options.quick ? 200 : 600;
    const common = {
      LOG_LEVEL: 'silent',
      DATABASE_POOL_MAX: '20',
      DRAIN_SECONDS: '0',
      KESSAI_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    // Migrates, registers the key and the payment service, seeds; then runs the jobs, as `kessai worker` would.
    const seeder: Seeder = await startChildServer(join(__dirname, 'bench-server.js'), ['api'], {
      ...common,
      DATABASE_URL: withApplicationName(directUrl, 'kessai_bench_worker'),
      RUN_WORKER: 'true',
      BENCH_CAPTURE_SET: String(CAPTURING_SIDES * perSide),
      BENCH_READ_SET: '0',
    });
    stops.push(() => seeder.stop());
    ready(`PgBouncer on ${pgbouncer.port}; the worker process migrated and seeded`);
    const serve = async (env: Record<string, string>): Promise<Api> => {
      const api: Api = await startChildServer(join(__dirname, 'bench-server.js'), ['serve'], {
        ...common,
        RUN_WORKER: 'false',
        ...env,
      });
      stops.push(() => api.stop());
      return api;
    };
    const direct = (name: string, prepared: boolean) =>
      serve({ DATABASE_URL: withApplicationName(directUrl, name), DATABASE_PREPARED_STATEMENTS: String(prepared) });
    const pooled = () =>
      serve({
        DATABASE_URL: withApplicationName(pgbouncer.pooledUrl, pooledName),
        DATABASE_DIRECT_URL: withApplicationName(directUrl, 'kessai_serve_direct'),
        DATABASE_PREPARED_STATEMENTS: 'false',
      });
    const [named, unnamed, ...pool] = await Promise.all([
      direct('kessai_direct_named', true),
      direct('kessai_direct_unnamed', false),
      ...Array.from({ length: 4 }, pooled),
    ]);
    if (!named || !unnamed || !pool[0]) throw new Error('an API process did not start');
    ready('6 API processes started');
    // The seeded transactions' events are dispatched before anything counts; a quick run counts nothing.
    if (!options.quick) {
      const knex = connectPostgres(directUrl, { poolMax: 1 });
      await outboxDrained(knex, 30_000);
      await knex.destroy();
      ready('the outbox drained');
    }
    const activity = DatabaseActivity.watch(directUrl);
    stops.push(() => activity.stop());
    const sets = new Map<string, string[]>();
    const bench: TopologyBench = {
      options: {
        ...options,
        // Four comparisons of three sides in about three minutes; a quick run only checks that each one works.
        seconds: options.quick ? 1 : Math.min(options.seconds, 3),
        rounds: options.quick ? 1 : options.rounds,
        warmUpSeconds: options.quick ? 0 : options.warmUpSeconds,
      },
      headers: { authorization: `Bearer ${seeder.info.token}` },
      readIds: seeder.info.ids,
      captureSet: (side) => {
        const slice = sets.get(side) ?? seeder.info.captureIds.slice(sets.size * perSide, (sets.size + 1) * perSide);
        sets.set(side, slice);
        return slice;
      },
      ...(databaseCpuSeconds ? { databaseCpuSeconds } : {}),
      pathCpuSeconds: { PgBouncer: () => cpuSecondsOf(pgbouncer.process.pid) },
      activity,
    };
    const configuration = (name: string, applicationName: string, api: Api): Configuration => ({
      name,
      url: `http://127.0.0.1:${api.info.port}`,
      applicationName,
      cpuSeconds: api.cpuSeconds,
    });
    const rows = await poolerTaxRows(bench, {
      named: configuration('direct, named statements', 'kessai_direct_named', named),
      unnamed: configuration('direct, unnamed statements', 'kessai_direct_unnamed', unnamed),
      pooled: configuration('through PgBouncer', pooledName, pool[0]),
    });
    // The direct processes' backends are closed before the scale-out counts PgBouncer's.
    await Promise.all([named.stop(), unnamed.stop()]);
    rows.push(...(await scaleOutRows(bench, pool, pooledName, join(dataDir, 'haproxy'))));
    return rows;
  } finally {
    for (const stop of stops.splice(0).reverse()) await stop();
  }
}
