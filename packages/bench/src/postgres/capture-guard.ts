import { randomUUID } from 'node:crypto';
import {
  connectPostgres,
  KnexTransactionRepository,
  migrate,
  resolveDatabase,
  stepMigration,
} from '@kessai/adapters-postgres';
import { SMARTPAY_CAPABILITIES, type Transaction } from '@kessai/domain';
import { authorizedTransaction } from '@kessai/domain/testing';
import { Client } from 'pg';

/**
 * `node dist/postgres/capture-guard.js`: what the database's money guard costs a capture on a transaction that
 * already has 200, with the commit-time triggers that sum every child (`002`) and with the row's CHECKs alone
 * (`011-money-guard-checks`), in the same run on the same database. A capture is its two writes (reserve, then
 * record it succeeded) through `KnexTransactionRepository.update`; the guards take turns, `BENCH_ROUNDS` times.
 * Prints captures per second (medians), their ratio, and per capture: trigger calls (`pg_stat_user_functions`),
 * tuples read and committed transactions (`pg_stat_database`), the transaction row's updates and HOT updates
 * (`pg_stat_user_tables`) and, when the server preloads `pg_stat_statements` (the embedded one does not: add it to
 * `shared_preload_libraries` with `ALTER SYSTEM` and start it again), statements: top level (a deferred trigger
 * runs at commit, outside any statement, so its statements count here) and nested (the foreign-key checks).
 * Not a test: numbers, not assertions.
 */
const SIBLINGS = 200;
const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS ?? 16);
const CAPTURES = Number(process.env.BENCH_CAPTURES ?? 1600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MERCHANT = 'bench-guard';
const GUARD = '011-money-guard-checks';

type Counters = Record<string, number>;

async function main(): Promise<void> {
  const database = await resolveDatabase(process.env, { dataDir: process.env.DATA_DIR ?? '.data/bench' });
  const statements = await statementsCounted(database.connectionString);
  const url = withOptions(
    database.connectionString,
    `-c track_functions=all${statements ? ' -c pg_stat_statements.track=all' : ''}`,
  );
  const monitor = new Client({ connectionString: url });
  await monitor.connect();
  const admin = connectPostgres(url, { poolMax: 1 });
  try {
    await migrate(admin);
    // The two guards take turns, ROUNDS times each: a busy machine slows both alike.
    const runs = new Map<string, Array<{ perSecond: number; perCapture: Counters }>>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [label, direction] of [
        ['commit-time triggers (002)', 'down'],
        ['row CHECKs alone (011)', 'up'],
      ] as const) {
        await stepMigration(admin, GUARD, direction);
        const ids = await seed(url);
        const before = await counters(monitor, statements);
        const seconds = await captures(url, ids);
        await settle();
        const after = await counters(monitor, statements);
        const perCapture = Object.fromEntries(
          Object.keys(after).map((key) => [key, ((after[key] ?? 0) - (before[key] ?? 0)) / CAPTURES]),
        );
        runs.set(label, [...(runs.get(label) ?? []), { perSecond: CAPTURES / seconds, perCapture }]);
        console.log(`round ${round}, ${label}: ${CAPTURES} captures in ${seconds.toFixed(2)} s`);
      }
    }
    const results = [...runs].map(([label, measured]) => ({
      label,
      perSecond: median(measured.map((run) => run.perSecond)),
      perCapture: measured[0]?.perCapture ?? {},
    }));
    print(results, statements);
  } finally {
    await monitor.end();
    await admin.destroy();
    await database.stop();
  }
}

/** Transactions with `SIBLINGS` succeeded captures each, written with a pool of their own (closed: stats flushed). */
async function seed(url: string): Promise<string[]> {
  const knex = connectPostgres(url, { poolMax: 2 });
  const repository = new KnexTransactionRepository(knex);
  const ids: string[] = [];
  for (let i = 0; i < TRANSACTIONS; i++) {
    const tx = authorizedTransaction(new Date(), { merchantAccountId: MERCHANT, amount: 99_999_999 });
    for (let n = 0; n < SIBLINGS; n++) capture(tx);
    await repository.add(tx);
    ids.push(tx.id);
  }
  await knex.destroy();
  await settle();
  return ids;
}

function capture(tx: Transaction): void {
  const captureId = randomUUID();
  tx.reserveCapture({ captureId, amount: 1, final: false }, SMARTPAY_CAPABILITIES, new Date());
  tx.recordCaptureOutcome(captureId, { kind: 'succeeded', value: { providerCaptureId: captureId } }, new Date());
}

/** `CAPTURES` captures spread over the transactions by `CONCURRENCY` workers; the seconds they took. */
async function captures(url: string, ids: string[]): Promise<number> {
  const knex = connectPostgres(url, { poolMax: CONCURRENCY });
  const repository = new KnexTransactionRepository(knex);
  for (const id of ids) await repository.get(MERCHANT, id); // remembered, as after the request that created it
  const started = performance.now();
  // Each worker captures on transactions of its own, in turn: no two captures wait on one row.
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      const own = ids.filter((_, i) => i % CONCURRENCY === worker);
      for (let i = 0; i < CAPTURES / CONCURRENCY; i++) {
        const id = own[i % own.length] as string;
        const captureId = randomUUID();
        await repository.update(MERCHANT, id, (tx) =>
          tx.reserveCapture({ captureId, amount: 1, final: false }, SMARTPAY_CAPABILITIES, new Date()),
        );
        await repository.update(MERCHANT, id, (tx) =>
          tx.recordCaptureOutcome(
            captureId,
            { kind: 'succeeded', value: { providerCaptureId: captureId } },
            new Date(),
          ),
        );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await knex.destroy();
  return seconds;
}

/** Whether the server counts statements (`pg_stat_statements` preloaded); if so, counting nested ones too. */
async function statementsCounted(connectionString: string): Promise<boolean> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT current_setting('shared_preload_libraries') AS preloaded`);
    if (!String(rows[0].preloaded).includes('pg_stat_statements')) return false;
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    return true;
  } finally {
    await client.end();
  }
}

async function counters(monitor: Client, statements: boolean): Promise<Counters> {
  await monitor.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await monitor.query(`
    SELECT (SELECT COALESCE(SUM(calls), 0) FROM pg_stat_user_functions WHERE funcname = 'kessai_money_guard') AS trigger_calls,
           d.tup_returned + d.tup_fetched AS tuples_read, d.xact_commit AS commits,
           t.n_tup_upd AS row_updates, t.n_tup_hot_upd AS hot_updates
      FROM pg_stat_database d, pg_stat_user_tables t
     WHERE d.datname = current_database() AND t.relname = 'transactions'`);
  const counted: Counters = Object.fromEntries(Object.entries(rows[0]).map(([key, value]) => [key, Number(value)]));
  if (statements) {
    const calls = await monitor.query(`
      SELECT COALESCE(SUM(calls) FILTER (WHERE toplevel), 0) AS top, COALESCE(SUM(calls) FILTER (WHERE NOT toplevel), 0) AS nested
        FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND query NOT ILIKE '%pg_stat%'`);
    counted.statements = Number(calls.rows[0].top);
    counted.nested_statements = Number(calls.rows[0].nested);
  }
  return counted;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Closed connections flush their statistics as their backends exit; give them a moment. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

function withOptions(connectionString: string, options: string): string {
  const url = new URL(connectionString);
  url.searchParams.set('options', options);
  return url.toString();
}

function print(results: Array<{ label: string; perSecond: number; perCapture: Counters }>, statements: boolean): void {
  const keys = Object.keys(results[0]?.perCapture ?? {});
  console.log(`\nA capture (reserve + succeeded) on a transaction with ${SIBLINGS}+ captures, ${CONCURRENCY} at once:`);
  console.log(`\n| guard | captures/s (median of ${ROUNDS}) | ${keys.map((key) => `${key}/capture`).join(' | ')} |`);
  console.log(`|---|---|${keys.map(() => '---|').join('')}`);
  for (const { label, perSecond, perCapture } of results)
    console.log(
      `| ${label} | ${perSecond.toFixed(0)} | ${keys.map((key) => perCapture[key]?.toFixed(2)).join(' | ')} |`,
    );
  const [before, after] = results;
  if (before && after)
    console.log(`\nratio (row CHECKs / triggers): ${(after.perSecond / before.perSecond).toFixed(2)}`);
  if (!statements)
    console.log('(statements not counted: the server does not preload pg_stat_statements; see trigger_calls)');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
