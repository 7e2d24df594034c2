import type { Knex } from '@kessai/adapters-postgres';

/** Runs whose databases are kept for reading afterwards (`pg_stat_statements`, the tables): the newest few. */
export const KEPT_RUNS = 2;

/**
 * Drops the databases of all but the newest `keep` earlier bench runs (`kessai_bench_<ms>` and its `_raw`,
 * `_topology`, `_reconciliation`), so that a data directory used day after day does not grow without end.
 */
export async function dropOldRuns(admin: Knex, keep = KEPT_RUNS): Promise<string[]> {
  const { rows } = await admin.raw<{ rows: Array<{ datname: string }> }>('SELECT datname FROM pg_database');
  const ours = rows.flatMap(({ datname }) => {
    const run = /^kessai_bench_([0-9]+)(_[a-z]+)?$/.exec(datname)?.[1];
    return run ? [{ name: datname, run: Number(run) }] : [];
  });
  const runs = [...new Set(ours.map(({ run }) => run))].sort((a, b) => b - a);
  const dropped = new Set(runs.slice(keep));
  const names = ours.filter(({ run }) => dropped.has(run)).map(({ name }) => name);
  // WITH (FORCE): a process an interrupted run left behind must not keep its database for ever.
  for (const name of names) await admin.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  return names;
}
