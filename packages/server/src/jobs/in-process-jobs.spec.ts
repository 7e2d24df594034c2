import type { Job, JobScheduler } from '@kessai/domain';
import { InProcessJobs, type LocalJobPolicy } from './in-process-jobs';

class RecordingQueue implements JobScheduler {
  readonly jobs: Job[] = [];
  async schedule(job: Job): Promise<void> {
    this.jobs.push(job);
  }
}

const webhookJob = (inboxId: string, key = `process-webhook:ps:order_${inboxId}`, inMs = 0): Job => ({
  name: 'process-webhook',
  payload: { inboxId },
  runAt: new Date(Date.now() + inMs),
  key,
});
const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));
/** Until nothing waits or runs here (polls: the machine may be slow, the test must not be). */
async function idle(jobs: InProcessJobs): Promise<void> {
  for (const deadline = Date.now() + 5_000; jobs.pending > 0; await settle(5))
    if (Date.now() > deadline) throw new Error(`${jobs.pending} still pending`);
}

describe('InProcessJobs', () => {
  let durable: RecordingQueue;
  let processed: string[];
  let errors: unknown[];
  let behaviour: (inboxId: string) => Promise<void>;
  const make = async (options: { concurrency?: number; maxWaiting?: number; started?: boolean } = {}) => {
    const webhooks: LocalJobPolicy = { maxWaiting: options.maxWaiting ?? 1_000, queueOnClose: true };
    const jobs = new InProcessJobs(durable, (_job, error) => errors.push(error), {
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      policies: { 'process-webhook': webhooks, 'expire-approval': { maxWaiting: 10, queueOnClose: false } },
    });
    const unexpected = async () => {
      throw new Error('not run here');
    };
    const worker = jobs.worker({
      'process-webhook': (payload) => behaviour(payload.inboxId ?? ''),
      'expire-approval': async () => {
        processed.push('expiry sweep');
      },
      'sync-transaction': unexpected,
      'dispatch-outbox': unexpected,
      'deliver-webhooks': unexpected,
      reconcile: unexpected,
      janitor: unexpected,
      retention: unexpected,
    });
    if (options.started !== false) await worker.start();
    return Object.assign(jobs, { worker });
  };

  beforeEach(() => {
    durable = new RecordingQueue();
    processed = [];
    errors = [];
    behaviour = async (inboxId) => {
      processed.push(inboxId);
    };
  });

  it('runs its kinds of job here once their time comes, and sends every other job to the durable queue', async () => {
    const jobs = await make();
    await jobs.schedule(webhookJob('m1', undefined, 30));
    await jobs.schedule({ name: 'expire-approval', payload: {}, runAt: new Date(Date.now() + 60), key: 'e1' });
    await jobs.schedule({ name: 'dispatch-outbox', payload: {}, runAt: new Date() });
    expect(processed).toEqual([]);
    await idle(jobs);
    expect(processed).toEqual(['m1', 'expiry sweep']);
    expect(durable.jobs.map((job) => job.name)).toEqual(['dispatch-outbox']);
  });

  it('keeps jobs that come due before its worker starts until it starts', async () => {
    const jobs = await make({ started: false });
    await jobs.schedule(webhookJob('early'));
    await settle();
    expect(processed).toEqual([]);
    expect(jobs.pending).toBe(1);
    await jobs.worker.start();
    await idle(jobs);
    expect(processed).toEqual(['early']);
    expect(durable.jobs).toEqual([]);
  });

  it('gathers events about one order under its key: the first time, the newest message', async () => {
    const jobs = await make();
    await jobs.schedule(webhookJob('m1', 'k', 40));
    await jobs.schedule(webhookJob('m2', 'k', 1_000));
    await idle(jobs);
    expect(processed).toEqual(['m2']);
  });

  it('hands a failed processing to the durable queue (retries with backoff, from any process)', async () => {
    behaviour = async () => {
      throw new Error('provider unreachable');
    };
    const jobs = await make();
    await jobs.schedule(webhookJob('m1', 'k'));
    await idle(jobs);
    expect(errors).toHaveLength(1);
    expect(durable.jobs).toEqual([
      expect.objectContaining({ name: 'process-webhook', payload: { inboxId: 'm1' }, key: 'k' }),
    ]);
  });

  it('keeps no backlog in memory: past maxWaiting, webhooks go to the durable queue', async () => {
    const jobs = await make({ maxWaiting: 2 });
    for (const id of ['a', 'b', 'c']) await jobs.schedule(webhookJob(id, undefined, 10_000));
    expect(durable.jobs.map((job) => job.payload.inboxId)).toEqual(['c']);
    await jobs.close(0);
  });

  it('runs at most `concurrency` processings at once', async () => {
    let running = 0;
    let peak = 0;
    behaviour = async () => {
      running++;
      peak = Math.max(peak, running);
      await settle(10);
      running--;
    };
    const jobs = await make({ concurrency: 3 });
    for (let n = 0; n < 12; n++) await jobs.schedule(webhookJob(`m${n}`));
    await idle(jobs);
    expect(peak).toBe(3);
  });

  it('sends a job due in more than a day to the durable queue', async () => {
    const jobs = await make();
    await jobs.schedule(webhookJob('far', undefined, 25 * 60 * 60 * 1000));
    expect(durable.jobs.map((job) => job.payload.inboxId)).toEqual(['far']);
    expect(jobs.pending).toBe(0);
  });

  it('at shutdown queues durably what waits (where its policy says so), lets running ones finish, and sends later ones durably', async () => {
    let started = false;
    let finished = false;
    const running = () => started;
    behaviour = async () => {
      started = true;
      await settle(30);
      finished = true;
    };
    const jobs = await make();
    await jobs.schedule(webhookJob('running'));
    for (; !running(); ) await settle(1);
    await jobs.schedule(webhookJob('waiting', undefined, 10_000));
    // Left to the janitor's sweep of approval deadlines.
    await jobs.schedule({ name: 'expire-approval', payload: {}, runAt: new Date(Date.now() + 10_000), key: 'e1' });
    await jobs.close();
    expect(finished).toBe(true);
    await jobs.schedule(webhookJob('late'));
    expect(durable.jobs.map((job) => job.payload.inboxId)).toEqual(['waiting', 'late']);
  });
});
