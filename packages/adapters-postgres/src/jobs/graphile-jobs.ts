import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
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
import { DEAD_AFTER_MS, HEARTBEAT_INTERVAL_MS, WorkerHeartbeats } from './worker-heartbeats';

/**
 * The durable job queue: graphile-worker on the same PostgreSQL. Chosen over pg-boss because it wakes workers
 * with LISTEN/NOTIFY (milliseconds, not a polling interval), has `job_key` for exactly-one-queued coalescing and
 * `run_at` scheduling built in, runs cron items with at-most-once semantics across processes, and is safe with
 * any number of worker processes (SKIP LOCKED).
 */
export class GraphileJobScheduler implements JobScheduler {
  private constructor(
    private readonly connections: JobQueueConnections,
    private readonly utils: WorkerUtils,
    private readonly pool: Pool,
    private readonly workerDefaults: Pick<WorkerOptions, 'deadAfterMs'>,
  ) {}

  /** Adds and reads jobs on `connections.url` (a pooler is fine); the queue's schema must exist (`migrate`). */
  static async connect(
    connections: JobQueueConnections,
    workerDefaults: Pick<WorkerOptions, 'deadAfterMs'> = {},
  ): Promise<GraphileJobScheduler> {
    const pool = resilientPool(connections.url);
    const utils = await makeWorkerUtils({
      pgPool: pool,
      logger: quietLogger(),
      noPreparedStatements: !connections.preparedStatements,
    });
    return new GraphileJobScheduler(connections, utils, pool, workerDefaults);
  }

  /** Creates or updates the queue's own schema (graphile-worker's migrations), on a direct connection. */
  static async migrate(directUrl: string): Promise<void> {
    const utils = await makeWorkerUtils({ connectionString: directUrl, logger: quietLogger() });
    try {
      await utils.migrate();
    } finally {
      await utils.release();
    }
  }

  /** Whether the queue's schema exists: a process that does not migrate refuses to start without it. */
  async isMigrated(): Promise<boolean> {
    const { rows } = await this.pool.query<{ jobs: string | null }>(
      `SELECT to_regclass('graphile_worker.jobs') AS jobs`,
    );
    return rows[0]?.jobs != null;
  }

  /** A worker on this queue's database, running from `start` until `stop`. */
  worker(handlers: JobHandlers, options: Omit<WorkerOptions, 'connections' | 'handlers'> = {}): GraphileWorker {
    return new GraphileWorker({ ...this.workerDefaults, ...options, connections: this.connections, handlers });
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
   * Drops the queue names no job refers to. Task names stay: a running worker caches its tasks' ids, and during a
   * rolling deploy an older worker's task would be re-added under an id that worker never looks for.
   */
  async collectGarbage(): Promise<void> {
    await this.utils.cleanup({ tasks: ['GC_JOB_QUEUES'] });
  }

  async close(): Promise<void> {
    await this.utils.release();
    await this.pool.end();
  }
}

/** `stopping` is aborted when the worker stops: a job that may run long checks it and throws. */
export type JobHandlers = Record<string, (payload: Record<string, string>, stopping: AbortSignal) => Promise<void>>;

/** Where the queue lives: the pooled URL for adding jobs, the direct one for workers (LISTEN) and migrations. */
export interface JobQueueConnections {
  url: string;
  directUrl: string;
  /** Named prepared statements on `url` (off through a transaction pooler). */
  preparedStatements: boolean;
  /** Named prepared statements on `directUrl` (on unless it is the pooler too). */
  directPreparedStatements: boolean;
}

export interface WorkerOptions {
  connections: JobQueueConnections;
  handlers: JobHandlers;
  concurrency?: number;
  /**
   * Runs the `janitor` handler every minute, and `retention` every ten, on one of the workers (cron, at most once
   * per tick overall).
   */
  janitor?: boolean;
  log?: (level: string, message: string) => void;
  /** After how long without a heartbeat another process's worker counts as dead and its jobs are released. */
  deadAfterMs?: number;
}

/**
 * Runs the handlers in this process, on a direct connection (graphile-worker LISTENs for new jobs, which a
 * transaction pooler breaks); any number of processes may run one, and each job runs once. Its workers beat
 * every few seconds, and it releases the jobs of workers whose beat stopped (see WorkerHeartbeats).
 */
export class GraphileWorker {
  private running:
    | {
        runner: Runner;
        pool: Pool;
        utils: WorkerUtils;
        heartbeats: WorkerHeartbeats;
        workerIds: string[];
        timer: NodeJS.Timeout;
      }
    | undefined;

  constructor(private readonly options: WorkerOptions) {}

  async start(): Promise<void> {
    const { options } = this;
    const taskList: Record<string, Task> = {};
    for (const [name, handler] of Object.entries(options.handlers)) {
      // graphile-worker aborts the signal a few seconds into a graceful stop: a long job (a day's reconciliation)
      // gives its attempt back for a retry instead of holding the stop.
      taskList[name] = async (payload, helpers) =>
        handler((payload ?? {}) as Record<string, string>, helpers.abortSignal ?? new AbortController().signal);
    }
    const { connections } = options;
    const pool = resilientPool(connections.directUrl);
    const noPreparedStatements = !connections.directPreparedStatements;
    const workerIds: string[] = [];
    const events = new EventEmitter();
    events.on('worker:create', ({ worker }: { worker: { workerId: string } }) => workerIds.push(worker.workerId));
    const heartbeats = new WorkerHeartbeats(pool, processName(), options.deadAfterMs ?? DEAD_AFTER_MS);
    const log = options.log ?? ((level, message) => console.error(`[jobs] ${level}: ${message}`));
    try {
      const utils = await makeWorkerUtils({ pgPool: pool, logger: quietLogger(options.log), noPreparedStatements });
      const runner = await run({
        pgPool: pool,
        concurrency: options.concurrency ?? 4,
        taskList,
        noHandleSignals: true,
        noPreparedStatements,
        pollInterval: 1000,
        logger: quietLogger(options.log),
        events,
        ...(options.janitor ? { crontab: crontabOf(options.handlers) } : {}),
      });
      const beat = async () => {
        await heartbeats.beat(workerIds);
        const released = await heartbeats.releaseDead((ids) => utils.forceUnlockWorkers(ids));
        if (released.length > 0) log('warning', `released the jobs of stopped workers ${released.join(', ')}`);
      };
      await beat();
      const timer = setInterval(() => {
        beat().catch((error: unknown) => log('error', `heartbeat failed: ${String(error)}`));
      }, HEARTBEAT_INTERVAL_MS);
      timer.unref();
      this.running = { runner, pool, utils, heartbeats, workerIds, timer };
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /**
   * Lets running jobs finish (five seconds in, graphile-worker aborts their `stopping` signal: a long job throws
   * and its attempt is retried later, elsewhere), then leaves the heartbeat table; a worker never started has nothing to stop.
   */
  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (!running) return;
    clearInterval(running.timer);
    await running.runner.stop();
    await running.heartbeats.leave(running.workerIds).catch(() => undefined);
    await running.utils.release();
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

/** Which process a worker belongs to, for whoever reads the heartbeat table. */
function processName(): string {
  return `${hostname()}:${process.pid}`;
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
