import type { Job, JobScheduler } from '@kessai/domain';
import type { JobHandler } from './job-handlers';

/**
 * The job queue for storage `memory`: timers in this process. Jobs are lost on exit, which is why the PostgreSQL
 * storage (the default) uses a durable queue instead. Same-key jobs coalesce, as on the durable queue.
 */
export class LocalJobRunner implements JobScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private janitor: NodeJS.Timeout | undefined;
  private stopped = false;

  /** Handlers come from a getter: they need the payment dependencies, which need this scheduler. */
  constructor(
    private readonly handlers: () => Record<string, JobHandler>,
    private readonly onError: (job: string, error: unknown) => void,
  ) {}

  async schedule(job: Job): Promise<void> {
    if (this.stopped) return;
    const key = job.key ?? `${job.name}:${Math.random()}`;
    // Like the durable queue's preserve_run_at: a job already waiting under this key keeps its time.
    if (this.timers.has(key) && job.runAt.getTime() >= Date.now()) return;
    clearTimeout(this.timers.get(key));
    const delay = Math.max(0, job.runAt.getTime() - Date.now());
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        this.run(job.name, job.payload);
      },
      Math.min(delay, 2_147_000_000),
    );
    timer.unref();
    this.timers.set(key, timer);
  }

  startJanitor(everyMs = 60_000): void {
    this.janitor = setInterval(() => this.run('janitor', {}), everyMs);
    this.janitor.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.janitor);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private run(name: string, payload: Record<string, string>): void {
    const handler = this.handlers()[name];
    if (!handler) return;
    handler(payload).catch((error: unknown) => this.onError(name, error));
  }
}
