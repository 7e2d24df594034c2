import type { JobScheduler } from '@kessai/domain';
import type { Lifecycle } from '../lifecycle/lifecycle';

/**
 * How long a wake-up waits, so that a burst of writes is fanned out in one run (one claim, one batch) instead of
 * one run per write: each run costs a dozen round trips. It bounds how late a merchant webhook leaves.
 */
const DISPATCH_DELAY_MS = 500;

/**
 * Wakes the outbox dispatcher (the `dispatch-outbox` job) after committed writes, so merchant webhooks leave
 * within a fraction of a second rather than at the next janitor run (which still sweeps, should a wake-up be
 * lost: a process that dies while it waits).
 */
export class OutboxKick implements Lifecycle {
  private timer: NodeJS.Timeout | undefined;
  private queuing: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly jobs: JobScheduler,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = DISPATCH_DELAY_MS,
  ) {}

  /**
   * Queues a dispatch run `delayMs` after the first write of a quiet spell; writes meanwhile ride along. The run
   * is queued only when the wait ends, after every write that rode along committed, so it sees them all, and it
   * is due at once (it runs in this process, see InProcessJobs, or at a worker woken by LISTEN).
   */
  kick(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.queue();
    }, this.delayMs);
    this.timer.unref();
  }

  async start(): Promise<void> {}

  /** At shutdown, before the job queue closes: no new wake-ups, and a waiting one is sent now. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.queue();
    }
    await this.queuing;
  }

  private queue(): void {
    this.queuing = this.jobs
      .schedule({ name: 'dispatch-outbox', payload: {}, runAt: new Date() })
      .catch((error: unknown) => this.onError(error));
  }
}
