import type { Pool } from 'pg';

/** How often a live worker says so, and how long silence means it died (kill -9, a lost machine). */
export const HEARTBEAT_INTERVAL_MS = 5_000;
export const DEAD_AFTER_MS = 30_000;

/**
 * The job workers of this process in `job_worker_heartbeats`, and the release of a dead process's jobs:
 * graphile-worker would keep them locked for four hours, so a live worker unlocks them once the dead one's
 * heartbeat is older than `deadAfterMs`, and they run again elsewhere (every job handler is safe to re-run).
 */
export class WorkerHeartbeats {
  constructor(
    private readonly pool: Pool,
    private readonly process: string,
    private readonly deadAfterMs: number,
  ) {}

  async beat(workerIds: readonly string[]): Promise<void> {
    if (workerIds.length === 0) return;
    await this.pool.query(
      `INSERT INTO job_worker_heartbeats (worker_id, process, seen_at)
       SELECT id, $2, now() FROM unnest($1::text[]) AS id
       ON CONFLICT (worker_id) DO UPDATE SET seen_at = now()`,
      [workerIds, this.process],
    );
  }

  /** Unlocks the jobs of workers whose heartbeat stopped, then forgets them; answers the workers released. */
  async releaseDead(forceUnlock: (workerIds: string[]) => Promise<void>): Promise<string[]> {
    const { rows } = await this.pool.query<{ worker_id: string }>(
      `SELECT worker_id FROM job_worker_heartbeats WHERE seen_at < now() - $1 * interval '1 millisecond'`,
      [this.deadAfterMs],
    );
    const dead = rows.map((row) => row.worker_id);
    if (dead.length === 0) return [];
    // Unlocked before forgotten: a failure in between leaves them to be released again, never locked for hours.
    await forceUnlock(dead);
    await this.pool.query('DELETE FROM job_worker_heartbeats WHERE worker_id = ANY($1::text[])', [dead]);
    return dead;
  }

  /** A worker that stopped cleanly has handed its jobs back: nothing to release after it. */
  async leave(workerIds: readonly string[]): Promise<void> {
    await this.pool.query('DELETE FROM job_worker_heartbeats WHERE worker_id = ANY($1::text[])', [workerIds]);
  }
}
