import { Pool } from '@kessai/adapters-postgres';

/** `url` with `application_name` set: PostgreSQL shows it on every backend the URL opens (PgBouncer passes it on). */
export function withApplicationName(url: string, name: string): string {
  const named = new URL(url);
  named.searchParams.set('application_name', name);
  return named.toString();
}

/**
 * The PostgreSQL backends of one database, counted by application name from pg_stat_activity every 200 ms while a
 * load runs: the most each side of a comparison held open at once is the number of server connections it used.
 */
export class ServerConnections {
  private side: { name: string; applicationName: string } | undefined;
  private readonly peaks = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private sampling: Promise<void> = Promise.resolve();

  private constructor(private readonly pool: Pool) {
    this.timer = setInterval(() => {
      this.sampling = this.sample();
    }, 200);
  }

  /** Samples over a direct connection of its own (not counted). */
  static watch(directUrl: string): ServerConnections {
    const pool = new Pool({ connectionString: withApplicationName(directUrl, 'kessai_bench_sampler'), max: 1 });
    pool.on('error', () => undefined);
    return new ServerConnections(pool);
  }

  /** From now on the samples are `side`'s, counting the backends named `applicationName`. */
  measuring(side: string, applicationName: string): void {
    this.side = { name: side, applicationName };
  }

  /** The most backends seen at once while `side` was measured. */
  peak(side: string): number {
    return this.peaks.get(side) ?? 0;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sampling;
    await this.pool.end();
  }

  private async sample(): Promise<void> {
    const side = this.side;
    if (!side) return;
    try {
      const { rows } = await this.pool.query<{ backends: number }>(
        `SELECT count(*)::int AS backends FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()`,
        [side.applicationName],
      );
      const backends = rows[0]?.backends ?? 0;
      this.peaks.set(side.name, Math.max(this.peak(side.name), backends));
    } catch {
      // A sample lost to a busy server: the next one counts.
    }
  }
}
