import type { JobName } from '@kessai/domain';
import { type JobUseCases, jobHandlers } from './job-handlers';

/** Every job name the domain schedules, plus the periodic ones; the type checks the map, this checks the names. */
const JOB_NAMES: Array<JobName | 'janitor' | 'retention'> = [
  'expire-approval',
  'sync-transaction',
  'process-webhook',
  'dispatch-outbox',
  'deliver-webhooks',
  'reconcile',
  'janitor',
  'retention',
];

function recordingUseCases() {
  const calls: Array<[string, unknown]> = [];
  const record =
    (name: string) =>
    async (input?: unknown, ...rest: unknown[]): Promise<never> => {
      // The reconciliation's last argument is the worker's stop signal: recorded as whether it was handed on.
      calls.push([
        name,
        rest.length > 0 ? [input, ...rest.map((arg) => (arg instanceof AbortSignal ? 'stopping' : arg))] : input,
      ]);
      return undefined as never;
    };
  const useCases: JobUseCases = {
    expireApprovals: { execute: record('expire approvals') },
    syncTransaction: { execute: record('sync transaction') },
    processWebhook: { execute: record('process webhook') },
    fanOutEvents: { execute: record('fan out events') },
    deliverWebhooks: { execute: record('deliver webhooks') },
    reconcile: { execute: record('reconcile') },
    janitor: { run: record('janitor') },
    retention: { run: record('retention') },
  };
  return { calls, handlers: jobHandlers(useCases) };
}

describe('job handlers', () => {
  it('has one handler for every job name, and no other', () => {
    expect(Object.keys(recordingUseCases().handlers).sort()).toEqual([...JOB_NAMES].sort());
  });

  it('runs each job by its use case, with the command read from the payload', async () => {
    const { calls, handlers } = recordingUseCases();
    const stopping = new AbortController().signal;
    await handlers['expire-approval']({}, stopping);
    await handlers['sync-transaction']({ merchantAccountId: 'm', transactionId: 't' }, stopping);
    await handlers['process-webhook']({ inboxId: 'i' }, stopping);
    await handlers['dispatch-outbox']({}, stopping);
    await handlers['deliver-webhooks']({ merchantAccountId: 'm', subscriptionId: 's', transactionId: 't' }, stopping);
    await handlers.reconcile({ merchantAccountId: 'm', runId: 'r' }, stopping);
    await handlers.janitor({}, stopping);
    await handlers.retention({}, stopping);
    expect(calls).toEqual([
      ['expire approvals', undefined],
      ['sync transaction', { merchantAccountId: 'm', transactionId: 't', source: 'janitor' }],
      ['process webhook', 'i'],
      ['fan out events', undefined],
      ['deliver webhooks', { merchantAccountId: 'm', subscriptionId: 's', transactionId: 't' }],
      ['reconcile', ['m', 'r', 'stopping']],
      ['janitor', undefined],
      ['retention', undefined],
    ]);
  });

  it('refuses a payload that lacks what its job needs, and runs nothing', async () => {
    const { calls, handlers } = recordingUseCases();
    const stopping = new AbortController().signal;
    await expect(handlers['sync-transaction']({ merchantAccountId: 'm' }, stopping)).rejects.toThrow(
      'job payload lacks transactionId',
    );
    await expect(handlers['process-webhook']({}, stopping)).rejects.toThrow('job payload lacks inboxId');
    await expect(
      handlers['deliver-webhooks']({ merchantAccountId: 'm', transactionId: 't' }, stopping),
    ).rejects.toThrow('job payload lacks subscriptionId');
    expect(calls).toEqual([]);
  });
});
