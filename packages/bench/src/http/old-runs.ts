import type { Knex } from '@kessai/adapters-postgres';

/** Runs whose databases are kept for reading afterwards (`pg_stat_statements`, the tables): the newest few. */
export const KEPT_RUNS = 2;

/**
 * Drops the databases of all but the newest `keep` earlier bench runs (`kessai_bench_<ms>` and its `_raw`,
 * `_topology`, `_reconciliation`), so that a data directory used day after day does not grow without end.
 */
export async function dropOldRuns(admin: Knex, keep = KEPT_RUNS): Promise<string[]> {
  const { rows } = await admin.raw<{ rows: Array<{ datname: string }> }>('SELECT datname FROM pg_database');
  const ours = rows.map((row) => row.datname).filter((name) => /^kessai_bench_[0-9]+(_[a-z]+)?$/.test(name));
  const runOf = (name: string) => Number(/^kessai_bench_([0-9]+)/.exec(name)?.[1]);
  const runs = [...new Set(ours.map(runOf))].sort((a, b) => b - a);
  const dropped = new Set(runs.slice(keep));
  const names = ours.filter((name) => dropped.has(runOf(name)));
  // WITH (FORCE): a process an interrupted run left behind must not keep its database for ever.
  for (const name of names) await admin.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  return names;
}
