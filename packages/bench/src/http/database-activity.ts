import { Pool } from '@kessai/adapters-postgres';

/** `url` with `application_name` set: PostgreSQL shows it on every backend the URL opens (PgBouncer passes it on). */
export function withApplicationName(url: string, name: string): string {
  const named = new URL(url);
  named.searchParams.set('application_name', name);
  return named.toString();
}

/**
 * One database as PostgreSQL's statistics see it, sampled every 200 ms: its backends counted by application name
 * (the most each side of a comparison held open at once is the number of server connections it used), and the
 * transactions it rolled back (an optimistic write refused as stale is one).
 */
export class DatabaseActivity {
  private side: { name: string; applicationName: string } | undefined;
  private readonly peaks = new Map<string, number>();
  private rollbacks = 0;
  private readonly timer: NodeJS.Timeout;
  private sampling: Promise<void> = Promise.resolve();

  private constructor(private readonly pool: Pool) {
    this.timer = setInterval(() => {
      this.sampling = this.sample();
    }, 200);
  }

  /** Samples over a direct connection of its own (not counted). */
  static watch(directUrl: string): DatabaseActivity {
    const pool = new Pool({ connectionString: withApplicationName(directUrl, 'kessai_bench_sampler'), max: 1 });
    pool.on('error', () => undefined);
    return new DatabaseActivity(pool);
  }

  /** From now on the samples are `side`'s, counting the backends named `applicationName`. */
  measuring(side: string, applicationName: string): void {
    this.side = { name: side, applicationName };
  }

  /** The most backends seen at once while `side` was measured. */
  peakBackends(side: string): number {
    return this.peaks.get(side) ?? 0;
  }

  /** Transactions rolled back so far, as last sampled (busy backends report theirs about once a second). */
  rolledBack(): number {
    return this.rollbacks;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sampling;
    await this.pool.end();
  }

  private async sample(): Promise<void> {
    const side = this.side;
    try {
      const { rows } = await this.pool.query<{ backends: number; rollbacks: number }>(
        `SELECT (SELECT count(*) FROM pg_stat_activity
                  WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid())::int
                  AS backends,
                (SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database())::float8 AS rollbacks`,
        [side?.applicationName ?? ''],
      );
      const [row] = rows;
      if (!row) return;
      this.rollbacks = row.rollbacks;
      if (side) this.peaks.set(side.name, Math.max(this.peakBackends(side.name), row.backends));
    } catch {
      // A sample lost to a busy server: the next one counts.
    }
  }
}
