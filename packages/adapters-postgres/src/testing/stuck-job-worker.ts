import { GraphileJobScheduler } from '../jobs/graphile-jobs';

/**
 * A job worker in a process of its own whose `sync-transaction` job never finishes: the process a test kills with
 * -9 in the middle of a job (graphile-jobs.int.spec.ts). Says `started <transactionId>` when the job has begun.
 */
const url = process.argv[2] ?? '';
const connections = { url, directUrl: url, preparedStatements: false, directPreparedStatements: true };

GraphileJobScheduler.connect(connections).then(async (scheduler) => {
  const worker = scheduler.worker({
    'sync-transaction': (payload) => {
      process.send?.(`started ${payload.transactionId ?? ''}`);
      return new Promise<void>(() => undefined);
    },
  });
  await worker.start();
  process.send?.('ready');
});
