import { fork } from 'node:child_process';
import { join } from 'node:path';
import { useTestDatabase } from '../testing/test-database';
import { GraphileJobScheduler, type JobQueueConnections, startWorker } from './graphile-jobs';

describe('graphile-worker job queue', () => {
  const database = useTestDatabase();
  // As through a transaction pooler: no named prepared statements on the pooled URL.
  const connections = (): JobQueueConnections => ({
    url: database().connectionString,
    directUrl: database().connectionString,
    preparedStatements: false,
    directPreparedStatements: false,
  });

  beforeAll(() => GraphileJobScheduler.migrate(database().connectionString), 30_000);

  it('runs a scheduled job, and coalesces jobs sharing a key', async () => {
    const scheduler = await GraphileJobScheduler.connect(connections());
    const seen: string[] = [];
    let done: () => void = () => undefined;
    const ran = new Promise<void>((resolve) => {
      done = resolve;
    });
    const worker = await startWorker({
      connections: connections(),
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
    const scheduler = await GraphileJobScheduler.connect(connections());
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
    const scheduler = await GraphileJobScheduler.connect(connections());
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
    await scheduler.collectGarbage();
    await scheduler.close();
  }, 30_000);

  it('tells a long job its worker stops: the job gives its attempt back and the stop does not wait for it to end', async () => {
    const scheduler = await GraphileJobScheduler.connect(connections());
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let steps = 0;
    const worker = scheduler.worker({
      reconcile: async (_payload, stopping) => {
        started();
        // A day's reconciliation: it would run for minutes, checking between transactions.
        for (; steps < 6_000; steps++) {
          stopping.throwIfAborted();
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      },
    });
    await worker.start();
    await scheduler.schedule({ name: 'reconcile', payload: { runId: 'long' }, runAt: new Date(), key: 'long' });
    await running;
    await worker.stop();
    // Stopped in its grace (graphile-worker's abort timeout, five seconds), far from its end.
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThan(6_000);
    const job = await database().knex.raw<{ rows: Array<Record<string, unknown>> }>(
      "select attempts, locked_by, last_error from graphile_worker.jobs where key = 'long'",
    );
    expect(job.rows).toEqual([{ attempts: 1, locked_by: null, last_error: expect.stringContaining('abort') }]);
    await scheduler.close();
  }, 60_000);

  it('stops a worker that never started without touching the database', async () => {
    const scheduler = await GraphileJobScheduler.connect(connections());
    await expect(scheduler.worker({}).stop()).resolves.toBeUndefined();
    await scheduler.close();
  });

  it('knows whether its schema exists', async () => {
    const scheduler = await GraphileJobScheduler.connect(connections());
    expect(await scheduler.isMigrated()).toBe(true);
    await scheduler.close();
  });

  it('a job whose worker was killed with -9 mid-job runs again on another worker once the heartbeat is stale', async () => {
    const scheduler = await GraphileJobScheduler.connect(connections());
    const child = fork(join(__dirname, '../../dist/testing/stuck-job-worker.js'), [database().connectionString]);
    const said = (what: string) =>
      new Promise<void>((resolve) => child.on('message', (message) => message === what && resolve()));
    try {
      await said('ready');
      const started = said('started crashed');
      await scheduler.schedule({ name: 'sync-transaction', payload: { transactionId: 'crashed' }, runAt: new Date() });
      await started;
      child.kill('SIGKILL');

      let done: (transactionId: string) => void = () => undefined;
      const ran = new Promise<string>((resolve) => {
        done = resolve;
      });
      const logged: string[] = [];
      const survivor = scheduler.worker(
        { 'sync-transaction': async (payload) => done(payload.transactionId ?? '') },
        { deadAfterMs: 1_000, log: (level, message) => logged.push(`${level}: ${message}`) },
      );
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      await survivor.start();
      expect(await ran).toBe('crashed');
      expect(logged).toEqual([expect.stringMatching(/^warning: released the jobs of stopped workers worker-/)]);
      await survivor.stop();
      const locked = await database().knex.raw<{ rows: unknown[] }>(
        'select 1 from graphile_worker.jobs where locked_by is not null',
      );
      expect(locked.rows).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      await scheduler.close();
    }
  }, 30_000);
});
