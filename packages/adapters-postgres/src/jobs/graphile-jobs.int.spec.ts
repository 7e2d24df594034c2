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
});
