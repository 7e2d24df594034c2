import { Client } from 'pg';

/** Counters of one or more databases on one server, summed: what their deltas over a load say it cost. */
export type CostCounters = Record<string, number>;

/** The names of the counters, in the order the rows print them. */
export const COST = {
  commits: 'write commits',
  statements: 'statements',
  nested: 'nested statements',
  wal: 'WAL bytes',
  fullPages: 'WAL full-page images',
} as const;

/** The counters of one schema's `transactions` table: its row updates, and how many of them were HOT. */
export const updatesOf = (schema: string) => `${schema}.transactions updates`;
export const hotUpdatesOf = (schema: string) => `${schema}.transactions HOT updates`;

/**
 * WAL written (server-wide: what every write costs the disk and the replicas, to the byte), write commits
 * (transaction ids assigned, server-wide: exact, where `pg_stat_database`'s commits reach the view up to
 * ten seconds late and count read-only ones), statements top-level and nested (`pg_stat_statements`, when the server preloads
 * it: the embedded one does, with `track=all`, so trigger and function statements count as nested), and updates of
 * the tables named `transactions` with how many were HOT (`pg_stat_user_tables`), across `urls`' databases.
 * Backends report their table counts up to ten seconds late: per request they are approximate, their HOT share not.
 */
export class DatabaseCost {
  private constructor(
    private readonly client: Client,
    private readonly names: string[],
    readonly statementsCounted: boolean,
  ) {}

  /** Reads through the first database; statements are counted in all of `urls`' databases. */
  static async watch(urls: string[]): Promise<DatabaseCost> {
    const client = new Client({ connectionString: urls[0] });
    client.on('error', () => undefined);
    await client.connect();
    let counted = false;
    try {
      const { rows } = await client.query(`SELECT current_setting('shared_preload_libraries') AS preloaded`);
      if (String(rows[0]?.preloaded ?? '').includes('pg_stat_statements')) {
        await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
        counted = true;
      }
    } catch {
      counted = false;
    }
    const names = urls.map((url) => decodeURIComponent(new URL(url).pathname.slice(1)));
    return new DatabaseCost(client, names, counted);
  }

  async read(): Promise<CostCounters> {
    const total: CostCounters = Object.fromEntries(Object.values(COST).map((name) => [name, 0]));
    const add = (name: string, value: unknown) => {
      total[name] = (total[name] ?? 0) + Number(value ?? 0);
    };
    await this.client.query('SELECT pg_stat_clear_snapshot()');
    // Full-page images: a page's first change after a checkpoint logs the whole page (what random keys cost).
    const { rows } = await this.client.query(
      `SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS commits,
              pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS wal,
              (SELECT wal_fpi FROM pg_stat_wal) AS full_pages`,
    );
    add(COST.commits, rows[0]?.commits);
    add(COST.wal, rows[0]?.wal);
    add(COST.fullPages, rows[0]?.full_pages);
    // Each schema's own table: a backend's counts reach the view late, so they are told apart by table, not round.
    const tables = await this.client.query(
      `SELECT schemaname, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'transactions'`,
    );
    for (const row of tables.rows) {
      add(updatesOf(row.schemaname), row.n_tup_upd);
      add(hotUpdatesOf(row.schemaname), row.n_tup_hot_upd);
    }
    if (this.statementsCounted) {
      const calls = await this.client.query(
        `SELECT COALESCE(SUM(calls) FILTER (WHERE toplevel), 0) AS top,
                COALESCE(SUM(calls) FILTER (WHERE NOT toplevel), 0) AS nested
           FROM pg_stat_statements
          WHERE dbid IN (SELECT oid FROM pg_database WHERE datname = ANY($1))
            AND query NOT ILIKE '%pg_stat%'`,
        [this.names],
      );
      add(COST.statements, calls.rows[0]?.top);
      add(COST.nested, calls.rows[0]?.nested);
    }
    return total;
  }

  async stop(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

/** `after - before`, per counter. */
export function moved(before: CostCounters, after: CostCounters): CostCounters {
  return Object.fromEntries(Object.entries(after).map(([name, value]) => [name, value - (before[name] ?? value)]));
}
