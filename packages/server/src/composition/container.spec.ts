import type { Job } from '@kessai/domain';
import { FakePaymentConnector, newTransactionInput, smartpayService } from '@kessai/domain/testing';
import type { DurableJobQueue } from '../jobs/job-engine';
import { startAll, stopAll } from '../lifecycle/lifecycle';
import { memoryStorage } from '../storage/memory-storage';
import { loadConfig } from './config';
import { createContainer } from './container';
import { TOKENS } from './tokens';

/** A PostgreSQL-like setup whose queue, worker and database only record what happens to them. */
function recordingSetup(log: string[]) {
  const durable: DurableJobQueue = {
    schedule: async (job: Job) => {
      log.push(`queued ${job.name}`);
    },
    worker: (_handlers, options) => ({
      start: async () => {
        log.push(`worker started${options.janitor ? ' with the janitor' : ''}`);
      },
      stop: async () => {
        log.push('worker stopped');
      },
    }),
    pruneFailed: async () => 0,
    collectGarbage: async () => undefined,
  };
  const container = createContainer(loadConfig({ STORAGE: 'postgres' }), {
    postgres: {
      storage: memoryStorage(),
      jobs: durable,
      close: async () => {
        log.push('database closed');
      },
    },
    smartpay: {
      connector: new FakePaymentConnector(),
      setup: {
        verify: async () => undefined,
        prepare: async () => ({ webhookSigningSecret: 's', providerWebhookEndpointId: null }),
      },
    },
    webhookTransport: { post: async () => ({ kind: 'answered', status: 204, durationMs: 1 }) },
    onJobError: (job, error) => log.push(`${job} failed: ${String(error)}`),
  });
  return container;
}

describe('the container: what starts and stops with the process', () => {
  it('starts the worker, and at shutdown a wake-up waiting after a write reaches the durable queue before the worker and the database stop', async () => {
    const log: string[] = [];
    const container = recordingSetup(log);
    const lifecycles = container.get(TOKENS.Lifecycles);
    await startAll(lifecycles);
    expect(log).toEqual(['worker started with the janitor']);

    const services = container.get(TOKENS.ApiServices);
    const service = smartpayService();
    await services.paymentServices.add(service);
    const { id: _id, paymentServiceId: _ps, ...input } = newTransactionInput();
    await services.createTransaction.execute(input);
    await stopAll(lifecycles);

    expect(log.filter((line) => !line.startsWith('queued ') || line === 'queued dispatch-outbox')).toEqual([
      'worker started with the janitor',
      'queued dispatch-outbox',
      'worker stopped',
      'database closed',
    ]);
  });

  it('binds one scheduler for the use cases and makes the job handlers from them, without a lookup at run time', () => {
    const container = recordingSetup([]);
    const handlers = container.get(TOKENS.JobHandlers);
    expect(Object.keys(handlers).sort()).toEqual([
      'deliver-webhooks',
      'dispatch-outbox',
      'expire-approval',
      'janitor',
      'process-webhook',
      'reconcile',
      'retention',
      'sync-transaction',
    ]);
    expect(container.get(TOKENS.PaymentDependencies).jobs).toBe(container.get(TOKENS.Jobs));
    expect(container.get(TOKENS.MerchantWebhooks).jobs).toBe(container.get(TOKENS.Jobs));
  });
});
