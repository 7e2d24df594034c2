import { useTestDatabase } from '../testing/test-database';
import { GraphileJobScheduler, startWorker } from './graphile-jobs';

describe('graphile-worker job queue', () => {
  const database = useTestDatabase();

  it('runs a scheduled job, and coalesces jobs sharing a key', async () => {
    const scheduler = await GraphileJobScheduler.connect(database().connectionString);
    const seen: string[] = [];
    let done: () => void = () => undefined;
    const ran = new Promise<void>((resolve) => {
      done = resolve;
    });
    const worker = await startWorker({
      connectionString: database().connectionString,
      handlers: {
        'sync-transaction': async (payload) => {
          seen.push(payload.transactionId ?? '');
          if (seen.length >= 2) done();
        },
      },
    });
    const soon = new Date(Date.now() + 300);
    await scheduler.schedule({ name: 'sync-transaction', payload: { transactionId: 'a' }, runAt: soon, key: 'same' });
    await scheduler.schedule({ name: 'sync-transaction', payload: { transactionId: 'b' }, runAt: soon, key: 'same' });
    await scheduler.schedule({ name: 'sync-transaction', payload: { transactionId: 'c' }, runAt: soon });
    await ran;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.sort()).toEqual(['b', 'c']);
    await worker.stop();
    await scheduler.close();
  }, 30_000);

  it("runs from its queue's worker: a job queued before the worker starts runs once it has started", async () => {
    const scheduler = await GraphileJobScheduler.connect(database().connectionString);
    let done: (transactionId: string) => void = () => undefined;
    const ran = new Promise<string>((resolve) => {
      done = resolve;
    });
    const worker = scheduler.worker({ 'sync-transaction': async (payload) => done(payload.transactionId ?? '') });
    await scheduler.schedule({ name: 'sync-transaction', payload: { transactionId: 'early' }, runAt: new Date() });
    await worker.start();
    expect(await ran).toBe('early');
    await worker.stop();
    await scheduler.close();
  }, 30_000);

  it('stops a worker that never started without touching the database', async () => {
    const scheduler = await GraphileJobScheduler.connect(database().connectionString);
    await expect(scheduler.worker({}).stop()).resolves.toBeUndefined();
    await scheduler.close();
  });
});
