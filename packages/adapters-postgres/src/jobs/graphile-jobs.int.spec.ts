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

  it('forgets permanently failed jobs last tried before a time, and keeps younger ones and live ones', async () => {
    const scheduler = await GraphileJobScheduler.connect(database().connectionString);
    const knex = database().knex;
    const later = new Date(Date.now() + 3_600_000);
    for (const transactionId of ['old-1', 'old-2', 'young', 'live'])
      await scheduler.schedule({
        name: 'sync-transaction',
        payload: { transactionId },
        runAt: later,
        key: transactionId,
      });
    const idOf = async (key: string): Promise<string> =>
      (await knex.raw('select id from graphile_worker.jobs where key = ?', [key])).rows[0].id;
    const failed = await Promise.all(['old-1', 'old-2', 'young'].map(idOf));
    await knex.raw(`select graphile_worker.permanently_fail_jobs(?::bigint[], 'gave up')`, [failed]);
    // Failed a week and a day ago (the queue's own table: no API sets this).
    await knex.raw(
      `update graphile_worker._private_jobs set updated_at = now() - interval '8 days' where id = any(?::bigint[])`,
      [failed.slice(0, 2)],
    );
    const weekAgo = new Date(Date.now() - 7 * 24 * 3_600_000);
    expect(await scheduler.pruneFailed(weekAgo, 1)).toBe(1);
    expect(await scheduler.pruneFailed(weekAgo, 10)).toBe(1);
    expect(await scheduler.pruneFailed(weekAgo, 10)).toBe(0);
    const left = await knex.raw('select key from graphile_worker.jobs order by key');
    expect(left.rows.map((row: { key: string }) => row.key)).toEqual(['live', 'young']);
    await scheduler.collectGarbage(['sync-transaction']);
    await scheduler.close();
  }, 30_000);

  it('stops a worker that never started without touching the database', async () => {
    const scheduler = await GraphileJobScheduler.connect(database().connectionString);
    await expect(scheduler.worker({}).stop()).resolves.toBeUndefined();
    await scheduler.close();
  });
});
