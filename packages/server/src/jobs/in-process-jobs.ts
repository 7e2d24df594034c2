import type { Job, JobName, JobScheduler } from '@kessai/domain';
import type { Lifecycle } from '../lifecycle/lifecycle';
import type { JobHandlers } from './job-handlers';
import { WallClockTimer } from './wall-clock-timer';

/** How one kind of job runs here. */
export interface LocalJobPolicy {
  /** Beyond this many waiting here, new ones go to the durable queue: a backlog must not live in memory. */
  maxWaiting: number;
  /** At shutdown, queue the waiting ones durably (else the janitor's sweep is what finds their work). */
  queueOnClose: boolean;
}

/**
 * The jobs whose work is also recorded elsewhere, and swept by the janitor every minute from there: they can run
 * in this process, and a job lost with the process only delays its work. Connector webhooks live in the inbox
 * (unprocessed for a minute → processed), approval deadlines on the transaction row (`approval_expires_at`),
 * undispatched events in the outbox.
 */
export const LOCAL_JOBS: Partial<Record<JobName, LocalJobPolicy>> = {
  'process-webhook': { maxWaiting: 1_000, queueOnClose: true },
  'dispatch-outbox': { maxWaiting: 10, queueOnClose: true },
  // Thirty-minute windows: up to this many deadlines wait here; the rest go durable. At shutdown they are left
  // to the janitor (at most a minute late) rather than written to the queue one by one.
  'expire-approval': { maxWaiting: 10_000, queueOnClose: false },
};

/** A timer longer than this goes to the durable queue (and Node's timers stop at 24.8 days anyway). */
const MAX_LOCAL_DELAY_MS = 24 * 60 * 60 * 1000;

interface Waiting {
  job: Job;
  timer: WallClockTimer | undefined;
}

/**
 * Runs the `LOCAL_JOBS` in this process at their time instead of through the durable queue, whose add, fetch
 * and delete cost three statements a job (plus a wake-up of every idle worker). Every other job goes to the
 * durable queue unchanged, and so does a job that fails here (retried with backoff, from any process), one past
 * its kind's `maxWaiting`, and one far in the future.
 *
 * Nothing accepted is lost: what these jobs act on is stored before they are scheduled, and the janitor sweeps
 * it; this only decides how soon it is acted on. Jobs due before its worker starts wait for it.
 */
export class InProcessJobs implements JobScheduler {
  private readonly waiting = new Map<string, Waiting>();
  private readonly waitingByName = new Map<JobName, number>();
  private readonly ready: Waiting[] = [];
  private readonly running = new Set<Promise<void>>();
  private handlers: JobHandlers | undefined;
  /** Aborted once the grace at `close` has passed: a job still running gives up (the durable queue retries it). */
  private readonly stopping = new AbortController();
  private closed = false;
  private sequence = 0;

  constructor(
    private readonly durable: JobScheduler,
    private readonly onError: (job: string, error: unknown) => void,
    private readonly options: { concurrency?: number; policies?: Partial<Record<JobName, LocalJobPolicy>> } = {},
  ) {}

  async schedule(job: Job): Promise<void> {
    const policy = (this.options.policies ?? LOCAL_JOBS)[job.name];
    const delay = job.runAt.getTime() - Date.now();
    if (!policy || this.closed || delay > MAX_LOCAL_DELAY_MS) return this.durable.schedule(job);
    const key = job.key ?? `${job.name}:${++this.sequence}`;
    const known = this.waiting.get(key);
    if (known) {
      // As the durable queue's preserve_run_at: the waiting one keeps its time and takes the newest payload.
      known.job = { ...job, runAt: known.job.runAt };
      return;
    }
    if ((this.waitingByName.get(job.name) ?? 0) >= policy.maxWaiting) return this.durable.schedule(job);
    const entry: Waiting = { job, timer: undefined };
    this.waiting.set(key, entry);
    this.waitingByName.set(job.name, (this.waitingByName.get(job.name) ?? 0) + 1);
    entry.timer = new WallClockTimer(job.runAt, () => {
      this.waiting.delete(key);
      this.waitingByName.set(job.name, (this.waitingByName.get(job.name) ?? 1) - 1);
      this.ready.push(entry);
      this.drain();
    });
  }

  /** Runs the jobs kept here with these handlers from `start`; `stop` is `close`. */
  worker(handlers: JobHandlers): Lifecycle {
    return {
      start: async () => {
        this.handlers = handlers;
        this.drain();
      },
      stop: () => this.close(),
    };
  }

  /** Waiting, ready or running here. */
  get pending(): number {
    return this.waiting.size + this.ready.length + this.running.size;
  }

  /**
   * At shutdown, before the durable queue closes: waiting jobs whose policy says so are queued durably now, the
   * rest dropped (the janitor finds their work), and running ones get `graceMs` to finish.
   */
  async close(graceMs = 5_000): Promise<void> {
    this.closed = true;
    const left = [...this.waiting.values(), ...this.ready.splice(0)];
    this.waiting.clear();
    this.waitingByName.clear();
    for (const entry of left) {
      entry.timer?.cancel();
      if ((this.options.policies ?? LOCAL_JOBS)[entry.job.name]?.queueOnClose)
        await this.durable.schedule(entry.job).catch((error: unknown) => this.onError(entry.job.name, error));
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
    this.stopping.abort();
  }

  private drain(): void {
    const handlers = this.handlers;
    if (!handlers) return;
    while (this.running.size < (this.options.concurrency ?? 4) && this.ready.length > 0) {
      const entry = this.ready.shift() as Waiting;
      const run: Promise<void> = this.run(handlers, entry.job).finally(() => {
        this.running.delete(run);
        if (!this.closed) this.drain();
      });
      this.running.add(run);
    }
  }

  private async run(handlers: JobHandlers, job: Job): Promise<void> {
    try {
      await handlers[job.name](job.payload, this.stopping.signal);
    } catch (error) {
      this.onError(job.name, error);
      // The durable queue retries it with backoff, from any process.
      await this.durable
        .schedule({ ...job, runAt: new Date() })
        .catch((queueError: unknown) => this.onError(job.name, queueError));
    }
  }
}
