import { JANITOR_INTERVAL_MS, type Job, type JobScheduler, RETENTION_INTERVAL_MS } from '@kessai/domain';
import {
  type Logger as GraphileLogger,
  Logger,
  makeWorkerUtils,
  type Runner,
  run,
  type Task,
  type WorkerUtils,
} from 'graphile-worker';
import { Pool } from 'pg';

/**
 * The durable job queue: graphile-worker on the same PostgreSQL. Chosen over pg-boss because it wakes workers
 * with LISTEN/NOTIFY (milliseconds, not a polling interval), has `job_key` for exactly-one-queued coalescing and
 * `run_at` scheduling built in, runs cron items with at-most-once semantics across processes, and is safe with
 * any number of worker processes (SKIP LOCKED).
 */
export class GraphileJobScheduler implements JobScheduler {
  private constructor(
    private readonly connectionString: string,
    private readonly utils: WorkerUtils,
    private readonly pool: Pool,
  ) {}

  static async connect(connectionString: string): Promise<GraphileJobScheduler> {
    const pool = resilientPool(connectionString);
    const utils = await makeWorkerUtils({ pgPool: pool, logger: quietLogger() });
    await utils.migrate();
    return new GraphileJobScheduler(connectionString, utils, pool);
  }

  /** A worker on this queue's database, running from `start` until `stop`. */
  worker(handlers: JobHandlers, options: Omit<WorkerOptions, 'connectionString' | 'handlers'> = {}): GraphileWorker {
    return new GraphileWorker({ ...options, connectionString: this.connectionString, handlers });
  }

  async schedule(job: Job): Promise<void> {
    await this.utils.addJob(job.name, job.payload, {
      runAt: job.runAt,
      maxAttempts: 25,
      // preserve_run_at: a job already queued under the key keeps its time, so a stream of events coalesces into
      // one run instead of pushing it back forever.
      ...(job.key ? { jobKey: job.key, jobKeyMode: 'preserve_run_at' as const } : {}),
    });
  }

  /** Jobs not yet run whose time has come, by age of the oldest: the queue-lag gauge. */
  async lagSeconds(): Promise<number> {
    const result = await this.utils.withPgClient((client) =>
      client.query<{ lag: string | null }>(
        `select extract(epoch from (now() - min(run_at))) as lag from graphile_worker.jobs where run_at <= now() and locked_at is null and attempts < max_attempts`,
      ),
    );
    return Number(result.rows[0]?.lag ?? 0);
  }

  /**
   * Forgets up to `limit` permanently failed jobs last tried before `before` (graphile-worker keeps them forever;
   * its own DELETE_PERMAFAILED_JOBS cleanup takes them all, whatever their age).
   */
  async pruneFailed(before: Date, limit: number): Promise<number> {
    const { rows } = await this.utils.withPgClient((client) =>
      client.query<{ id: string }>(
        `select id from graphile_worker.jobs where attempts >= max_attempts and locked_at is null and updated_at < $1 order by updated_at limit $2`,
        [before, limit],
      ),
    );
    return rows.length === 0 ? 0 : (await this.utils.completeJobs(rows.map((row) => row.id))).length;
  }

  /**
   * Drops the queue names and task names no job refers to. `keepTasks` are the tasks of running workers: a worker
   * caches its tasks' ids, so a dropped one would be re-added under a new id it never looks for.
   */
  async collectGarbage(keepTasks: readonly string[]): Promise<void> {
    await this.utils.cleanup({ tasks: ['GC_JOB_QUEUES', 'GC_TASK_IDENTIFIERS'], taskIdentifiersToKeep: keepTasks });
  }

  async close(): Promise<void> {
    await this.utils.release();
    await this.pool.end();
  }
}

export type JobHandlers = Record<string, (payload: Record<string, string>) => Promise<void>>;

export interface WorkerOptions {
  connectionString: string;
  handlers: JobHandlers;
  concurrency?: number;
  /**
   * Runs the `janitor` handler every minute, and `retention` every ten, on one of the workers (cron, at most once
   * per tick overall).
   */
  janitor?: boolean;
  log?: (level: string, message: string) => void;
}

/** Runs the handlers in this process; every API process may run one, and each job runs once. */
export class GraphileWorker {
  private running: { runner: Runner; pool: Pool } | undefined;

  constructor(private readonly options: WorkerOptions) {}

  async start(): Promise<void> {
    const { options } = this;
    const taskList: Record<string, Task> = {};
    for (const [name, handler] of Object.entries(options.handlers)) {
      taskList[name] = async (payload) => handler((payload ?? {}) as Record<string, string>);
    }
    const pool = resilientPool(options.connectionString);
    try {
      const runner = await run({
        pgPool: pool,
        concurrency: options.concurrency ?? 4,
        taskList,
        noHandleSignals: true,
        pollInterval: 1000,
        logger: quietLogger(options.log),
        ...(options.janitor ? { crontab: crontabOf(options.handlers) } : {}),
      });
      this.running = { runner, pool };
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /** Lets running jobs finish; a worker never started has nothing to stop. */
  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (!running) return;
    await running.runner.stop();
    await running.pool.end();
  }
}

export async function startWorker(options: WorkerOptions): Promise<{ stop(): Promise<void> }> {
  const worker = new GraphileWorker(options);
  await worker.start();
  return worker;
}

/**
 * A pool whose idle-client errors are logged, not thrown: when the database goes away (Ctrl-C reaches the embedded
 * server too, a failover) an unhandled pool 'error' would otherwise kill the process mid-shutdown.
 */
function resilientPool(connectionString: string): Pool {
  const pool = new Pool({ connectionString, max: 10 });
  pool.on('error', (error) => console.error(`[jobs] database connection lost: ${error.message}`));
  return pool;
}

function quietLogger(log?: (level: string, message: string) => void): GraphileLogger {
  return new Logger(() => (level, message) => {
    if (level === 'error' || level === 'warning')
      (log ?? ((l, m) => console.error(`[jobs] ${l}: ${m}`)))(level, message);
  });
}

/** The periodic jobs among these handlers; a line for a task no worker has would queue jobs nobody runs. */
function crontabOf(handlers: JobHandlers): string {
  const lines = [handlers.janitor && janitorCrontab(), handlers.retention && retentionCrontab()];
  return lines.filter((line) => typeof line === 'string').join('\n');
}

/** Every ten minutes, no catching up: a missed run's work is still there for the next. */
function retentionCrontab(): string {
  return `*/${Math.max(1, Math.round(RETENTION_INTERVAL_MS / 60_000))} * * * * retention`;
}

/** graphile-worker's cron has minute resolution: the janitor's interval in whole minutes, catching up two of them. */
function janitorCrontab(): string {
  const minutes = Math.max(1, Math.round(JANITOR_INTERVAL_MS / 60_000));
  return `${minutes === 1 ? '*' : `*/${minutes}`} * * * * janitor ?fill=${2 * minutes}m`;
}
