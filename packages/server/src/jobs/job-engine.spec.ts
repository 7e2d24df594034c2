import type { Job } from '@kessai/domain';
import type { Lifecycle } from '../lifecycle/lifecycle';
import { type DurableJobQueue, jobEngine } from './job-engine';
import type { JobHandlers } from './job-handlers';

class FakeDurableQueue implements DurableJobQueue {
  readonly jobs: Job[] = [];
  readonly workers: Array<{ janitor: boolean }> = [];
  async schedule(job: Job): Promise<void> {
    this.jobs.push(job);
  }
  worker(_handlers: JobHandlers, options: { janitor: boolean }): Lifecycle {
    this.workers.push(options);
    return { start: async () => undefined, stop: async () => undefined };
  }
  async pruneFailed(): Promise<number> {
    return 0;
  }
  async collectGarbage(): Promise<void> {}
}

const noop = async () => undefined;
const handlers: JobHandlers = {
  'expire-approval': noop,
  'sync-transaction': noop,
  'process-webhook': noop,
  'dispatch-outbox': noop,
  'deliver-webhooks': noop,
  reconcile: noop,
  janitor: noop,
  retention: noop,
};
const job = (name: Job['name']): Job => ({ name, payload: {}, runAt: new Date(Date.now() + 60_000) });

describe('jobEngine', () => {
  it('without a durable queue, runs every job in this process: one worker', async () => {
    const engine = jobEngine(undefined, false, () => undefined);
    expect(engine.workers(handlers)).toHaveLength(1);
  });

  it('with a durable queue and a worker here: that worker (with the janitor), and the jobs it can keep in front', async () => {
    const durable = new FakeDurableQueue();
    const engine = jobEngine(durable, true, () => undefined);
    const workers = engine.workers(handlers);
    expect(workers).toHaveLength(2);
    expect(durable.workers).toEqual([{ janitor: true }]);
    await engine.scheduler.schedule(job('sync-transaction'));
    await engine.scheduler.schedule(job('process-webhook'));
    // Only the job that is not kept in this process reached the durable queue.
    expect(durable.jobs.map((queued) => queued.name)).toEqual(['sync-transaction']);
    for (const worker of [...workers].reverse()) await worker.stop();
  });

  it('with a durable queue and no worker here: every job goes to the durable queue, nothing runs here', async () => {
    const durable = new FakeDurableQueue();
    const engine = jobEngine(durable, false, () => undefined);
    expect(engine.workers(handlers)).toEqual([]);
    await engine.scheduler.schedule(job('process-webhook'));
    expect(durable.jobs.map((queued) => queued.name)).toEqual(['process-webhook']);
  });
});
