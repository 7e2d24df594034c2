import { JANITOR_INTERVAL_MS, type JobScheduler, RETENTION_INTERVAL_MS } from '@kessai/domain';
import type { Lifecycle } from '../lifecycle/lifecycle';
import { InProcessJobs } from './in-process-jobs';
import type { JobHandlers } from './job-handlers';
import { LocalJobRunner } from './local-job-runner';

/** A queue that outlives the process (graphile-worker on PostgreSQL), and a worker on it for this process. */
export interface DurableJobQueue extends JobScheduler {
  /** With `janitor`, the worker also runs the periodic jobs (`janitor`, `retention`), each once per tick overall. */
  worker(handlers: JobHandlers, options: { janitor: boolean }): Lifecycle;
  /** Forgets up to `limit` permanently failed jobs last tried before `before`. */
  pruneFailed(before: Date, limit: number): Promise<number>;
  /** Drops the queue's bookkeeping no job refers to, keeping the tasks workers run. */
  collectGarbage(): Promise<void>;
}

/**
 * The jobs of one process: where use cases schedule them, and what runs them here. The scheduler comes first
 * (the use cases need it); the workers are made from the handlers, which are made from the use cases.
 */
export interface JobEngine {
  scheduler: JobScheduler;
  /** What runs due jobs in this process, in start order. */
  workers(handlers: JobHandlers): Lifecycle[];
}

/**
 * Storage `memory`: timers in this process run every job, and the janitor and retention when `runWorker`. With a
 * durable queue and `runWorker`: this process's worker on it, and the jobs it can keep here (InProcessJobs) in
 * front; without `runWorker`, every job goes to the durable queue for other processes.
 */
export function jobEngine(
  durable: DurableJobQueue | undefined,
  runWorker: boolean,
  onError: (job: string, error: unknown) => void,
): JobEngine {
  if (!durable) {
    const periodic = runWorker ? { janitor: JANITOR_INTERVAL_MS, retention: RETENTION_INTERVAL_MS } : {};
    const local = new LocalJobRunner(onError, periodic);
    return { scheduler: local, workers: (handlers) => [local.worker(handlers)] };
  }
  if (!runWorker) return { scheduler: durable, workers: () => [] };
  // Jobs whose work the janitor also sweeps run where they are scheduled; the durable queue takes the rest.
  const inProcess = new InProcessJobs(durable, onError);
  return {
    scheduler: inProcess,
    workers: (handlers) => [durable.worker(handlers, { janitor: true }), inProcess.worker(handlers)],
  };
}
