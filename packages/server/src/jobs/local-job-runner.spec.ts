import type { Job } from '@kessai/domain';
import type { JobHandlers } from './job-handlers';
import { LocalJobRunner } from './local-job-runner';

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
async function until(condition: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 5_000; !condition(); await settle())
    if (Date.now() > deadline) throw new Error('condition never held');
}
const sync = (transactionId: string, key?: string, inMs = 0): Job => ({
  name: 'sync-transaction',
  payload: { transactionId },
  runAt: new Date(Date.now() + inMs),
  ...(key ? { key } : {}),
});

function recordingHandlers(ran: string[], fail = false): JobHandlers {
  const record = (name: string) => async (payload: Record<string, string>) => {
    ran.push(payload.transactionId ? `${name} ${payload.transactionId}` : name);
    if (fail) throw new Error(`${name} failed`);
  };
  return {
    'expire-approval': record('expire'),
    'sync-transaction': record('sync'),
    'process-webhook': record('process'),
    'dispatch-outbox': record('dispatch'),
    'deliver-webhooks': record('deliver'),
    reconcile: record('reconcile'),
    janitor: record('janitor'),
    retention: record('retention'),
  };
}

describe('LocalJobRunner', () => {
  it('takes jobs before its worker starts and runs them once it has started', async () => {
    const ran: string[] = [];
    const runner = new LocalJobRunner(() => undefined);
    await runner.schedule(sync('early'));
    await settle();
    expect(ran).toEqual([]);
    const worker = runner.worker(recordingHandlers(ran));
    await worker.start();
    await runner.schedule(sync('later'));
    await until(() => ran.length === 2);
    expect(ran).toEqual(['sync early', 'sync later']);
    await worker.stop();
  });

  it('runs one job for several scheduled under one key', async () => {
    const ran: string[] = [];
    const runner = new LocalJobRunner(() => undefined);
    const worker = runner.worker(recordingHandlers(ran));
    await worker.start();
    await runner.schedule(sync('a', 'same', 20));
    await runner.schedule(sync('b', 'same', 20));
    await runner.schedule(sync('c'));
    await until(() => ran.length >= 2);
    await settle();
    expect(ran.sort()).toEqual(['sync a', 'sync c']);
    await worker.stop();
  });

  it('never runs a job before its time by the wall clock, even when its timer fires early', async () => {
    jest.useFakeTimers();
    try {
      const ran: string[] = [];
      const runner = new LocalJobRunner(() => undefined);
      const worker = runner.worker(recordingHandlers(ran));
      await worker.start();
      const runAt = Date.now() + 100;
      await runner.schedule({ ...sync('due-at-100'), runAt: new Date(runAt) });
      // The timer measures from a loop time 10 ms stale: it fires when the wall clock still reads runAt - 10.
      jest.setSystemTime(Date.now() - 10);
      await jest.advanceTimersByTimeAsync(100);
      expect(Date.now()).toBe(runAt - 10);
      expect(ran).toEqual([]);
      await jest.advanceTimersByTimeAsync(10);
      expect(ran).toEqual(['sync due-at-100']);
      await worker.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('reports a job that fails', async () => {
    const ran: string[] = [];
    const errors: string[] = [];
    const runner = new LocalJobRunner((job, error) => errors.push(`${job}: ${(error as Error).message}`));
    const worker = runner.worker(recordingHandlers(ran, true));
    await worker.start();
    await runner.schedule(sync('t'));
    await until(() => errors.length === 1);
    expect(errors).toEqual(['sync-transaction: sync failed']);
    await worker.stop();
  });

  it('runs the periodic jobs (janitor, retention) each on its cadence when given one', async () => {
    const ran: string[] = [];
    const runner = new LocalJobRunner(() => undefined, { janitor: 1, retention: 1 });
    const worker = runner.worker(recordingHandlers(ran));
    await worker.start();
    await until(() => ran.includes('janitor') && ran.includes('retention'));
    await worker.stop();
  });

  it('once stopped, drops what waits and takes no new jobs', async () => {
    const ran: string[] = [];
    const runner = new LocalJobRunner(() => undefined);
    const worker = runner.worker(recordingHandlers(ran));
    await worker.start();
    await runner.schedule(sync('waiting', undefined, 30));
    await worker.stop();
    await runner.schedule(sync('late'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(ran).toEqual([]);
  });
});
