import {
  DEFAULT_THROTTLE_POLICY,
  DISPATCHED_OUTBOX_RETENTION_MS,
  ENDED_SESSION_RETENTION_MS,
  EXPIRED_CHECKOUT_SESSION_RETENTION_MS,
  FAILED_JOB_RETENTION_MS,
  FINISHED_DELIVERY_RETENTION_MS,
  IDEMPOTENCY_TTL_MS,
  ManualClock,
  PROCESSED_WEBHOOK_RETENTION_MS,
  SIGN_IN_FAILURE_RETENTION_MS,
} from '@kessai/domain';
import { InMemoryDashboardSessionStore, InMemoryIdempotencyStore } from '@kessai/domain/in-memory';
import { Retention, type RetentionInputs } from './retention';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

/** Stores that record each prune's cut-off and limit, and answer with what `answer` says for them. */
function recordingInputs(answer: (store: string, call: number) => number | Error = () => 0) {
  const calls: Array<[string, Date, number]> = [];
  const reports: string[] = [];
  const store = (name: string) => ({
    prune: async (before: Date, limit: number) => {
      calls.push([name, before, limit]);
      const result = answer(name, calls.filter(([called]) => called === name).length);
      if (result instanceof Error) throw result;
      return result;
    },
  });
  const collected: string[] = [];
  const inputs: RetentionInputs = {
    idempotency: store('idempotency'),
    inbox: store('inbox'),
    outbox: store('outbox'),
    deliveries: store('deliveries'),
    sessions: store('sessions'),
    signInFailures: store('sign-in failures'),
    checkoutSessions: store('checkout sessions'),
    jobQueue: {
      pruneFailed: store('failed jobs').prune,
      collectGarbage: async () => {
        collected.push('job queue');
      },
    },
    clock: new ManualClock(NOW),
    limits: { batchSize: 10, maxBatches: 3 },
    report: (error) => reports.push((error as Error).message),
  };
  return { calls, reports, collected, inputs };
}

describe('retention', () => {
  it('prunes each store with its own period, counted back from now', async () => {
    const { calls, collected, inputs } = recordingInputs();
    await new Retention(inputs).run();
    expect(calls).toEqual([
      ['idempotency', ago(IDEMPOTENCY_TTL_MS), 10],
      ['inbox', ago(PROCESSED_WEBHOOK_RETENTION_MS), 10],
      ['outbox', ago(DISPATCHED_OUTBOX_RETENTION_MS), 10],
      ['deliveries', ago(FINISHED_DELIVERY_RETENTION_MS), 10],
      ['sessions', ago(ENDED_SESSION_RETENTION_MS), 10],
      ['sign-in failures', ago(SIGN_IN_FAILURE_RETENTION_MS), 10],
      ['checkout sessions', ago(EXPIRED_CHECKOUT_SESSION_RETENTION_MS), 10],
      ['failed jobs', ago(FAILED_JOB_RETENTION_MS), 10],
    ]);
    expect(collected).toEqual(['job queue']);
  });

  it('keeps pruning a store while its batches come back full, up to the cap a run', async () => {
    const { calls, inputs } = recordingInputs((store, call) => (store === 'inbox' && call < 3 ? 10 : 0));
    const full = recordingInputs((store) => (store === 'outbox' ? 10 : 0));
    await new Retention(inputs).run();
    await new Retention(full.inputs).run();
    expect(calls.filter(([store]) => store === 'inbox')).toHaveLength(3);
    expect(full.calls.filter(([store]) => store === 'outbox')).toHaveLength(3);
  });

  it('reports a failing store and still prunes every other one', async () => {
    const { calls, reports, collected, inputs } = recordingInputs((store) =>
      store === 'inbox' || store === 'failed jobs' ? new Error(`${store} unreachable`) : 0,
    );
    await new Retention(inputs).run();
    expect(calls.map(([store]) => store)).toEqual([
      'idempotency',
      'inbox',
      'outbox',
      'deliveries',
      'sessions',
      'sign-in failures',
      'checkout sessions',
      'failed jobs',
    ]);
    expect(reports).toEqual(['inbox unreachable', 'failed jobs unreachable']);
    expect(collected).toEqual(['job queue']);
  });

  it('runs without a durable job queue (jobs as timers in this process)', async () => {
    const { calls, reports, inputs } = recordingInputs();
    await new Retention({ ...inputs, jobQueue: undefined }).run();
    expect(calls.map(([store]) => store)).not.toContain('failed jobs');
    expect(reports).toEqual([]);
  });

  it('forgets an idempotency key 24 h after it was made, and an ended session a day after it ended', async () => {
    const clock = new ManualClock(NOW);
    const { inputs } = recordingInputs();
    const idempotency = new InMemoryIdempotencyStore();
    const sessions = new InMemoryDashboardSessionStore();
    const retention = new Retention({ ...inputs, idempotency, sessions, clock });
    const scope = { merchantAccountId: 'm', key: 'k' };
    await idempotency.begin(scope, 'fp', NOW, 30_000);
    await idempotency.complete(scope, 'fp', { statusCode: 201, body: '{}', headers: {} }, NOW);
    const session = {
      id: 's',
      tokenHash: 'h',
      userId: 'u',
      merchantAccountId: 'm',
      createdAt: NOW,
      idleExpiresAt: new Date(NOW.getTime() + 30 * 60_000),
      expiresAt: new Date(NOW.getTime() + 12 * 3_600_000),
      revokedAt: NOW,
    };
    await sessions.add(session);

    clock.advance(24 * 3_600_000 - 1);
    await retention.run();
    expect((await idempotency.begin(scope, 'fp', clock.now(), 30_000)).kind).toBe('replay');
    expect(await sessions.findByTokenHash('h')).toEqual(session);

    clock.advance(2);
    await retention.run();
    expect(await sessions.findByTokenHash('h')).toBeUndefined();
    // Gone: another request may use the key now.
    expect((await idempotency.begin(scope, 'another request', clock.now(), 30_000)).kind).toBe('started');
  });

  it('keeps failed sign-ins well past any throttle window', () => {
    expect(SIGN_IN_FAILURE_RETENTION_MS).toBeGreaterThan(DEFAULT_THROTTLE_POLICY.windowMs * 10);
  });
});
