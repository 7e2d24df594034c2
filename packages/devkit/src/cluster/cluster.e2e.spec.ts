import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@kessai/adapters-postgres/testing';
import type { RunningSandbox } from '@kessai/smartpay-sandbox';
import { buyerClicks } from '../testing/buyer-clicks';
import { eventually } from '../testing/eventually';
import { gr4vyClient } from '../testing/gr4vy-client';
import { sdkOrder } from '../testing/gr4vy-sdk-stack';
import { createTransactionBody } from '../testing/requests';
import { expectTotalsAgree } from '../testing/totals-agree';
import { WebhookReceiver } from '../testing/webhook-receiver';
import { type LocalCluster, startLocalCluster } from './local-cluster';

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
type Reply = { status: number; body: any };

/**
 * Kessai as payment platforms run it, from the real engines on one machine: HAProxy → three `kessai serve` →
 * PgBouncer in transaction pooling → PostgreSQL, two `kessai worker`s, the Smartpay sandbox. Every request of the
 * merchant goes through HAProxy unless a test aims at one process on purpose.
 */
describe('a cluster: HAProxy, three API processes, two workers, PgBouncer in transaction pooling, PostgreSQL', () => {
  let db: TestDatabase;
  let dataDir: string;
  let cluster: LocalCluster;
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    dataDir = await mkdtemp(join(tmpdir(), 'kessai-cluster-'));
    cluster = await startLocalCluster({
      api: 3,
      workers: 2,
      dataDir,
      databaseUrl: db.connectionString,
      env: {
        VALIDATE_RESPONSES: 'true',
        SMARTPAY_TIMEOUT_MS: '1500',
        // More than HAProxy's fall × inter (2 s) with a margin for checks slowed by the load.
        DRAIN_SECONDS: '4',
        // A killed worker's jobs are released this long after its last heartbeat (30 s by default).
        JOB_WORKER_DEAD_AFTER_SECONDS: '10',
        LOG_LEVEL: 'info',
      },
    });
    sandbox = cluster.sandbox as RunningSandbox;
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  async function call(base: string, method: string, path: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${cluster.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Created through HAProxy, approved by the buyer at the sandbox, seen authorized through HAProxy. */
  async function authorized(amount: number): Promise<{ id: string; orderId: string }> {
    const created = await call(cluster.url, 'POST', '/transactions', createTransactionBody({ amount, cart_items: [] }));
    expect(created.status).toBe(201);
    sandbox.control.approve(created.body.additional_identifiers.payment_service_checkout_session_id);
    await eventually(
      () => call(cluster.url, 'GET', `/transactions/${created.body.id}`),
      (r) => r.body?.status === 'authorization_succeeded',
      15_000,
    );
    return { id: created.body.id, orderId: created.body.payment_service_transaction_id };
  }

  /** After a sync: the ceilings hold, and Kessai's totals are Smartpay's. */
  async function expectAgreement(id: string, orderId: string): Promise<void> {
    const synced = await call(cluster.url, 'POST', `/transactions/${id}/sync`);
    expectTotalsAgree(synced.body, sandbox.control.order(orderId).totals);
  }

  const random = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

  it('the official Gr4vy SDK through HAProxy: create, the buyer approves, partial capture, refund, list', async () => {
    const gr4vy = gr4vyClient({ baseUrl: cluster.url, privateJwk: cluster.key.privateJwk });
    const externalIdentifier = `cluster-${Date.now()}`;
    const created = await gr4vy.transactions.create(sdkOrder({ externalIdentifier }));
    expect(created.status).toBe('buyer_approval_pending');
    await buyerClicks(created.paymentMethod?.approvalUrl ?? '', 'approve');
    const tx = await eventually(
      () => gr4vy.transactions.get(created.id),
      (t) => t.status === 'authorization_succeeded',
      15_000,
    );
    const captured = await gr4vy.transactions.capture({
      transactionId: tx.id,
      transactionCaptureCreate: { amount: 7000 },
    });
    expect(captured).toMatchObject({ status: 'capture_succeeded', capturedAmount: 7000 });
    const refund = await gr4vy.transactions.refunds.create({ amount: 2000 }, tx.id);
    expect(refund).toMatchObject({ status: 'succeeded', amount: 2000 });
    expect((await gr4vy.transactions.refunds.list(tx.id)).items.map((r) => r.id)).toEqual([refund.id]);
    const listed = await gr4vy.transactions.list({ externalIdentifier });
    expect(listed.result.items.map((t) => [t.id, t.capturedAmount, t.refundedAmount])).toEqual([[tx.id, 7000, 2000]]);
  }, 30_000);

  it('captures and refunds racing on one transaction over every process: no over-capture, no over-refund, totals match Smartpay', async () => {
    const targets = [cluster.url, ...cluster.apis.map((api) => api.url as string)];
    const { id, orderId } = await authorized(40_000);
    const captures = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        call(targets[i % targets.length] as string, 'POST', `/transactions/${id}/capture`, {
          amount: random(300, 1500),
          final: false,
        }),
      ),
    );
    for (const r of captures) expect([200, 400, 409]).toContain(r.status);
    const refunds = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        call(targets[(i + 1) % targets.length] as string, 'POST', `/transactions/${id}/refunds`, {
          amount: random(100, 1200),
        }),
      ),
    );
    for (const r of refunds) expect([201, 400, 409]).toContain(r.status);
    expect(captures.some((r) => r.status === 200)).toBe(true);
    expect(refunds.some((r) => r.status === 201)).toBe(true);
    await expectAgreement(id, orderId);
  }, 60_000);

  it('a rolling restart of every API process while 16 clients capture and read through HAProxy fails no request', async () => {
    const transactions = await Promise.all(Array.from({ length: 4 }, () => authorized(1_000_000)));
    const failures: string[] = [];
    let answered = 0;
    let restarting = true;
    const client = async (n: number) => {
      const { id } = transactions[n % transactions.length] as { id: string };
      for (let i = 0; restarting; i++) {
        const capture = i % 2 === 0;
        try {
          const r = capture
            ? await call(cluster.url, 'POST', `/transactions/${id}/capture`, { amount: 100, final: false })
            : await call(cluster.url, 'GET', `/transactions/${id}`);
          // A capture racing another on the same transaction may be told to retry (409): a business answer.
          if (!(capture ? [200, 409] : [200]).includes(r.status))
            failures.push(`${capture ? 'capture' : 'read'}: ${r.status} ${JSON.stringify(r.body)}`);
          answered++;
        } catch (error) {
          failures.push(`${capture ? 'capture' : 'read'}: ${(error as Error).cause ?? error}`);
        }
      }
    };
    const clients = Array.from({ length: 16 }, (_, n) => client(n));
    for (const api of cluster.apis) {
      const pid = api.pid;
      await api.restart();
      expect(api.pid).not.toBe(pid);
    }
    restarting = false;
    await Promise.all(clients);
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(100);
    for (const { id, orderId } of transactions) await expectAgreement(id, orderId);
  }, 90_000);

  it('a worker killed with -9 in the middle of a merchant webhook delivery: the other worker delivers it', async () => {
    const [first, second] = cluster.workers as [LocalCluster['workers'][number], LocalCluster['workers'][number]];
    const receiver = await new WebhookReceiver().start();
    try {
      const subscription = await call(cluster.url, 'POST', '/webhook-subscriptions', { url: receiver.url });
      expect(subscription.status).toBe(201);
      receiver.secrets = [subscription.body.secret];
      // One worker alone runs jobs, and the merchant's endpoint holds its first request: the delivery is mid-job.
      await second.stop();
      receiver.behaviour = () => ({ status: 204, delayMs: receiver.requests.length === 1 ? 60_000 : 0 });
      await authorized(10_000);
      const held = await eventually(
        async () => receiver.requests[0],
        (request) => request !== undefined,
        15_000,
      );
      await first.kill('SIGKILL');
      await second.start();
      // The dead worker's job is released (its heartbeat stopped) and runs again on the live one.
      await eventually(
        async () => receiver.accepted.map((r) => r.id),
        (ids) => ids.includes(held?.id ?? ''),
        60_000,
      );
      await first.start();
    } finally {
      await receiver.stop();
    }
  }, 90_000);
});
