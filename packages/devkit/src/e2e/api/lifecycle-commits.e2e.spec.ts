import type { EmbeddedServer } from '@kessai/adapters-postgres';
import { buyerClicks } from '../../testing/buyer-clicks';
import { eventually } from '../../testing/eventually';
import { onOwnPostgres } from '../../testing/own-postgres';
import { createTransactionBody } from '../../testing/requests';
import { type KessaiWithSandbox, startKessai } from '../../testing/start-kessai';

/**
 * What each step of one lifecycle through the Smartpay sandbox costs PostgreSQL in commits, the provider webhooks'
 * receipt and processing included: counted by the transaction ids assigned (a count, never a time) from the step's
 * start until the inbox holds nothing unprocessed and the ids stop moving. Transaction ids are the cluster's: the
 * suite runs on a PostgreSQL of its own, so the suites running beside it (on the test run's) add none.
 */
describe('commits per lifecycle step (storage postgres, sandbox, in-process worker)', () => {
  let stack: KessaiWithSandbox;
  let watching: NodeJS.Timeout | undefined;
  let server: EmbeddedServer | undefined;
  beforeAll(async () => {
    ({ kessai: stack, server } = await onOwnPostgres('lifecycle-commits', () =>
      startKessai({ storage: 'postgres', sandbox: true }),
    ));
    watching = setInterval(() => void watch().catch(() => undefined), 200);
  }, 60_000);
  afterAll(async () => {
    clearInterval(watching);
    await stack?.close();
    await server?.stop();
  });

  const knex = () => stack.database?.knex ?? fail('no database');
  /** The next transaction id PostgreSQL will assign: reading it assigns none. */
  const nextXid = async () => {
    const { rows } = await knex().raw('SELECT txid_snapshot_xmax(txid_current_snapshot())::text AS next');
    return Number(rows[0].next);
  };
  const inbox = async () => {
    const [row] = await knex()('webhook_inbox').select(
      knex().raw('count(*)::int AS received'),
      knex().raw('count(*) FILTER (WHERE processed_at IS NULL)::int AS pending'),
    );
    return row as { received: number; pending: number };
  };
  /** Waits until the webhooks are processed and nothing has written for a while (the dispatch waits 500 ms). */
  const settled = async () => {
    let last = await nextXid();
    let quietSince = Date.now();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = await nextXid();
      if (now !== last) [last, quietSince] = [now, Date.now()];
      if (Date.now() - quietSince >= 1_000 && (await inbox()).pending === 0) return last;
    }
  };
  /**
   * The transaction ids of the job workers' heartbeats (one statement every few seconds, however busy): seen by
   * polling the rows' `xmin` more often than they beat, and left out of the counts.
   */
  const heartbeats = new Set<number>();
  const watchHeartbeats = async () => {
    const { rows } = await knex().raw('SELECT DISTINCT xmin::text AS xid FROM job_worker_heartbeats');
    for (const row of rows as Array<{ xid: string }>) heartbeats.add(Number(row.xid));
  };
  /**
   * The outbox's dispatches: each drains what the writes of the last 500 ms queued, so how many a step sets off
   * depends on how its writes fall in time. Counted apart (a dispatch is a poll that finds rows gone: dispatches
   * are half a second apart at least, polls a fifth), so that the step's own writes are counted exactly.
   */
  let dispatches = 0;
  let queued = new Set<string>();
  const watchOutbox = async () => {
    const { rows } = await knex().raw('SELECT position::text AS position FROM outbox');
    const now = new Set((rows as Array<{ position: string }>).map((row) => row.position));
    if ([...queued].some((position) => !now.has(position))) dispatches++;
    queued = now;
  };
  const watch = () => Promise.all([watchHeartbeats(), watchOutbox()]);
  /** Commits of `work` and what it set off (the dispatches apart), and the webhooks received meanwhile. */
  const step = async (work: () => Promise<unknown>) => {
    const before = await settled();
    await watch();
    const [received, dispatchedBefore] = [(await inbox()).received, dispatches];
    await work();
    const after = await settled();
    await watch();
    const beats = [...heartbeats].filter((xid) => xid >= before && xid < after).length;
    const dispatched = dispatches - dispatchedBefore;
    return {
      commits: after - before - beats - dispatched,
      dispatched: dispatched > 0,
      webhooks: (await inbox()).received - received,
    };
  };

  it('create 2; approval + its webhook 2; sync 0; capture 2 + its webhook 2; refund 2 + its webhook 2; and the dispatches', async () => {
    // The janitor ticks on the minute and writes: start well inside one, so every step lies within it.
    const second = new Date().getSeconds();
    if (second < 3 || second > 25) await new Promise((resolve) => setTimeout(resolve, ((63 - second) % 60) * 1_000));
    let tx: { id: string; payment_method: { approval_url: string } } | undefined;
    const costs = {
      create: await step(async () => {
        const created = await stack.call('POST', '/transactions', {
          body: createTransactionBody({ payment_service_id: stack.paymentServiceId }),
        });
        expect(created.status).toBe(201);
        tx = created.body;
      }),
      approve: await step(async () => {
        await buyerClicks(tx?.payment_method.approval_url ?? '', 'approve');
        await eventually(
          () => stack.call('GET', `/transactions/${tx?.id}`),
          (r) => r.body.status === 'authorization_succeeded',
        );
      }),
      sync: await step(() => stack.call('POST', `/transactions/${tx?.id}/sync`)),
      capture: await step(async () =>
        expect((await stack.call('POST', `/transactions/${tx?.id}/capture`, { body: {} })).status).toBe(200),
      ),
      refund: await step(async () =>
        expect((await stack.call('POST', `/transactions/${tx?.id}/refunds`, { body: { amount: 12_000 } })).status).toBe(
          201,
        ),
      ),
    };
    // create: the pending insert and the provider's answer. A webhook: its inbox row, then the sync's write marking
    // it processed (the approval's), or the mark alone when the sync finds nothing new. A capture or a refund: its
    // reservation and its outcome. Every step that writes an event also sets off the outbox's dispatch.
    expect(costs).toEqual({
      create: { commits: 2, dispatched: true, webhooks: 0 },
      approve: { commits: 2, dispatched: true, webhooks: 1 },
      sync: { commits: 0, dispatched: false, webhooks: 0 },
      capture: { commits: 4, dispatched: true, webhooks: 1 },
      refund: { commits: 4, dispatched: true, webhooks: 1 },
    });
  }, 90_000);
});
