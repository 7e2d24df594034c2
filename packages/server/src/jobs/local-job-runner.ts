import type { Job, JobScheduler } from '@kessai/domain';
import type { Lifecycle } from '../lifecycle/lifecycle';
import type { JobHandlers } from './job-handlers';
import { WallClockTimer } from './wall-clock-timer';

type PeriodicJob = 'janitor' | 'retention';

/**
 * The job queue for storage `memory`: timers in this process. Jobs are lost on exit, which is why the PostgreSQL
 * storage (the default) uses a durable queue instead. Same-key jobs coalesce, as on the durable queue. It takes
 * jobs from the start; they run once its worker has started (one due earlier waits for it).
 */
export class LocalJobRunner implements JobScheduler {
  private readonly timers = new Map<string, WallClockTimer>();
  private readonly dueBeforeStart: Job[] = [];
  private handlers: JobHandlers | undefined;
  private readonly intervals: NodeJS.Timeout[] = [];
  /** Aborted at `stop`: nothing more is scheduled, and a job still running gives up (lost on exit anyway). */
  private readonly stopping = new AbortController();

  constructor(
    private readonly onError: (job: string, error: unknown) => void,
    /** Periodic jobs (`janitor`, `retention`) and how often each runs; unset, never (another process runs them). */
    private readonly periodic: Partial<Record<PeriodicJob, number>> = {},
  ) {}

  async schedule(job: Job): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const key = job.key ?? `${job.name}:${Math.random()}`;
    // Like the durable queue's preserve_run_at: a job already waiting under this key keeps its time.
    if (this.timers.has(key) && job.runAt.getTime() >= Date.now()) return;
    this.timers.get(key)?.cancel();
    const timer = new WallClockTimer(job.runAt, () => {
      this.timers.delete(key);
      if (this.handlers) this.run(job.name, job.payload);
      else this.dueBeforeStart.push(job);
    });
    this.timers.set(key, timer);
  }

  /** Runs due jobs with these handlers from `start` until `stop`. */
  worker(handlers: JobHandlers): Lifecycle {
    return { start: async () => this.start(handlers), stop: () => this.stop() };
  }

  private start(handlers: JobHandlers): void {
    this.handlers = handlers;
    for (const job of this.dueBeforeStart.splice(0)) this.run(job.name, job.payload);
    for (const [name, everyMs] of Object.entries(this.periodic) as Array<[PeriodicJob, number]>) {
      const interval = setInterval(() => this.run(name, {}), everyMs);
      interval.unref();
      this.intervals.push(interval);
    }
  }

  private async stop(): Promise<void> {
    this.stopping.abort();
    for (const interval of this.intervals.splice(0)) clearInterval(interval);
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private run(name: keyof JobHandlers, payload: Record<string, string>): void {
    this.handlers?.[name](payload, this.stopping.signal).catch((error: unknown) => this.onError(name, error));
  }
}
