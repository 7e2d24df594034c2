import type { Job, JobScheduler } from '@kessai/domain';
import { OutboxKick } from './outbox-kick';

class RecordingQueue implements JobScheduler {
  readonly jobs: Job[] = [];
  async schedule(job: Job): Promise<void> {
    this.jobs.push(job);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('OutboxKick', () => {
  it('queues one dispatch run for a burst of writes, due at once, after its wait', async () => {
    const queue = new RecordingQueue();
    const kick = new OutboxKick(queue, () => undefined, 1);
    kick.kick();
    kick.kick();
    kick.kick();
    for (const deadline = Date.now() + 5_000; queue.jobs.length === 0 && Date.now() < deadline; ) await settle();
    expect(queue.jobs).toEqual([expect.objectContaining({ name: 'dispatch-outbox', payload: {} })]);
    expect((queue.jobs[0] as Job).runAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('at stop sends a waiting wake-up at once, and queues none after', async () => {
    const queue = new RecordingQueue();
    const kick = new OutboxKick(queue, () => undefined, 60_000);
    kick.kick();
    expect(queue.jobs).toEqual([]);
    await kick.stop();
    expect(queue.jobs.map((job) => job.name)).toEqual(['dispatch-outbox']);
    kick.kick();
    await kick.stop();
    expect(queue.jobs).toHaveLength(1);
  });

  it('reports a wake-up the queue refused', async () => {
    const errors: unknown[] = [];
    const kick = new OutboxKick(
      {
        schedule: async () => {
          throw new Error('queue down');
        },
      },
      (error) => errors.push(error),
      60_000,
    );
    kick.kick();
    await kick.stop();
    expect(errors.map((error) => (error as Error).message)).toEqual(['queue down']);
  });
});
