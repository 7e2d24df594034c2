import { readFile } from 'node:fs/promises';
import { createKeyPair, signToken } from '@kessai/api';
import { type DomainEventName, publishedEventName } from '@kessai/domain';
import type { RunningSandbox } from '@kessai/smartpay-sandbox';
import type { ApiProcess } from '../../testing/api-process';
import { eventually } from '../../testing/eventually';
import type { KessaiProcesses } from '../../testing/kessai-processes';
import { createTransactionBody } from '../../testing/requests';
import { startKessai } from '../../testing/start-kessai';
import { expectTotalsAgree } from '../../testing/totals-agree';
import { WebhookReceiver } from '../../testing/webhook-receiver';

/**
 * The reliability suites on the real stack: two Kessai API processes on one PostgreSQL, the Smartpay sandbox,
 * racing captures and refunds, idempotent retries, injected faults and a kill -9. After each scenario (and a sync)
 * Kessai's totals equal the sandbox's, and nothing is ever over-captured or over-refunded.
 */
const TRIALS = Number(process.env.KESSAI_RACE_TRIALS ?? 50);

describe('two API processes on one PostgreSQL, against the sandbox', () => {
  let cluster: KessaiProcesses;
  let sandbox: RunningSandbox;
  let a: ApiProcess;
  let b: ApiProcess;

  beforeAll(async () => {
    cluster = await startKessai({ processes: 2 });
    ({ sandbox, a, b } = cluster);
  }, 90_000);

  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    await cluster?.stop();
  });

  const call: KessaiProcesses['call'] = (...args) => cluster.call(...args);
  const authorized = (amount: number) => cluster.authorized(amount);
  const backgroundIdle = () => cluster.backgroundIdle();

  /** Kessai and Smartpay agree exactly (after a sync), and the ceilings hold. */
  async function expectAgreement(id: string, orderId: string) {
    const { transaction, sandbox } = await cluster.totalsAfterSync(id, orderId);
    expectTotalsAgree(transaction, sandbox);
  }

  const random = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

  it(`races ${TRIALS} trials of 120 captures then 120 refunds across both processes: no over-capture, no over-refund, totals match Smartpay`, async () => {
    const run = async () => {
      const { id, orderId } = await authorized(100_000);
      const captures = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          call(i % 2 ? a : b, 'POST', `/transactions/${id}/capture`, { amount: random(300, 1500), final: false }),
        ),
      );
      for (const r of captures) expect([200, 400, 409]).toContain(r.status);
      const refunds = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          call(i % 2 ? b : a, 'POST', `/transactions/${id}/refunds`, { amount: random(100, 1200) }),
        ),
      );
      for (const r of refunds) expect([201, 400, 409]).toContain(r.status);
      await expectAgreement(id, orderId);
    };
    for (let trial = 0; trial < TRIALS; trial += 5)
      await Promise.all(Array.from({ length: Math.min(5, TRIALS - trial) }, run));
  }, 900_000);

  it('20 concurrent requests with one Idempotency-Key: one capture at Smartpay, identical replies; another body is refused', async () => {
    const { id, orderId } = await authorized(10_000);
    const headers = { 'idempotency-key': `race-${id}` };
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(i % 2 ? a : b, 'POST', `/transactions/${id}/capture`, { amount: 4000, final: false }, headers),
      ),
    );
    const ok = replies.filter((r) => r.status === 200);
    for (const r of replies) expect(r.status === 200 || r.body.code === 'concurrent_request').toBe(true);
    const replay = await call(a, 'POST', `/transactions/${id}/capture`, { amount: 4000, final: false }, headers);
    for (const r of [...ok, replay]) expect(r.body).toEqual(replay.body);
    expect(sandbox.control.order(orderId).totals.paymentCount).toBe(1);
    const other = await call(b, 'POST', `/transactions/${id}/capture`, { amount: 1000, final: false }, headers);
    expect(other.status).toBe(409);
  }, 60_000);

  it('faults at Smartpay (5xx, latency, dropped connections, accepted-but-unanswered captures and refunds): Kessai and Smartpay agree, nothing charged twice', async () => {
    const { id, orderId } = await authorized(50_000);
    const control = sandbox.control;
    control.addFault({ match: { method: 'POST', path: '/v1/payments' }, times: 2, kind: 'status', status: 503 });
    expect(
      (await call(a, 'POST', `/transactions/${id}/capture`, { amount: 5000, final: false })).body.captured_amount,
    ).toBe(5000);
    control.addFault({ match: { method: 'POST', path: '/v1/payments' }, times: 1, kind: 'latency', ms: 300 });
    expect(
      (await call(b, 'POST', `/transactions/${id}/capture`, { amount: 5000, final: false })).body.captured_amount,
    ).toBe(10_000);
    // Accepted but never answered: Smartpay captures, every answer (the retries' too) times out, and its
    // payment.created webhook is lost too (else that webhook's sync would settle the capture before we look).
    control.addFault({ match: { method: 'POST', path: '/v1/payments' }, times: 3, kind: 'timeout', ms: 2500 });
    control.addFault({ webhook: { type: 'payment.created' }, times: 1, kind: 'drop' });
    // The earlier captures' webhooks must be processed first: a sync they cause during the 7.5 s of timeouts
    // would (rightly) find the new payment at Smartpay and settle the capture before we look.
    await backgroundIdle();
    const lost = await call(a, 'POST', `/transactions/${id}/capture`, { amount: 7000, final: false });
    expect(lost.body.status).toBe('capture_pending');
    // Never arrived: every attempt dropped before Smartpay acts.
    control.addFault({ match: { method: 'POST', path: '/v1/payments' }, times: 3, kind: 'drop' });
    const dropped = await call(b, 'POST', `/transactions/${id}/capture`, { amount: 3000, final: false });
    expect(dropped.body.status).toBe('capture_pending');
    control.addFault({ match: { method: 'POST', path: '/v1/refunds' }, times: 3, kind: 'timeout', ms: 2500 });
    // Its refund.created webhook is lost too, else that webhook's sync would settle the refund before we look.
    control.addFault({ webhook: { type: 'refund.created' }, times: 1, kind: 'drop' });
    await backgroundIdle();
    const lostRefund = await call(a, 'POST', `/transactions/${id}/refunds`, { amount: 2000 });
    expect(lostRefund.body.status).toBe('processing');
    control.clearFaults();
    await expectAgreement(id, orderId);
    const after = (await call(a, 'GET', `/transactions/${id}`)).body;
    expect(after).toMatchObject({ captured_amount: 17_000, refunded_amount: 2000 });
    expect(control.order(orderId).totals.paymentCount).toBe(3);
  }, 60_000);

  it("a refund whose answer was lost is settled by Smartpay's refund.created webhook, with no sync", async () => {
    const { id, orderId } = await authorized(20_000);
    expect((await call(a, 'POST', `/transactions/${id}/capture`, {})).body.status).toBe('capture_succeeded');
    await backgroundIdle();
    sandbox.control.addFault({ match: { method: 'POST', path: '/v1/refunds' }, times: 3, kind: 'timeout', ms: 2500 });
    // Every answer times out; meanwhile Smartpay's webhook (naming only the payment) arrives, and Kessai files it
    // under the capture's order and reconciles: the reply may already show the outcome.
    const lost = await call(b, 'POST', `/transactions/${id}/refunds`, { amount: 5000 });
    expect(['processing', 'succeeded']).toContain(lost.body.status);
    sandbox.control.clearFaults();
    const settled = await eventually(
      () => call(a, 'GET', `/transactions/${id}/refunds/${lost.body.id}`),
      (r) => r.body.status === 'succeeded',
      15_000,
    );
    expect(settled.body.amount).toBe(5000);
    const events = (await call(a, 'GET', `/transactions/${id}/events`)).body.items as Array<{
      name: string;
      context: { source?: string };
    }>;
    expect(events.find((e) => e.name === 'refund.succeeded')?.context.source).toBe('webhook');
    expect(sandbox.control.order(orderId).totals.refundedAmount).toBe(5000);
  }, 60_000);

  it('webhooks dropped, duplicated, delayed and reordered: statuses still converge', async () => {
    const control = sandbox.control;
    control.addFault({ webhook: { type: 'order.authorized' }, times: 1, kind: 'drop' });
    control.addFault({ webhook: {}, times: 3, kind: 'duplicate' });
    control.addFault({ webhook: {}, times: 2, kind: 'reorder' });
    control.addFault({ webhook: {}, times: 2, kind: 'delay', ms: 200 });
    const created = await call(
      a,
      'POST',
      '/transactions',
      createTransactionBody({ amount: 8000, cart_items: [], intent: 'capture' }),
    );
    control.approve(created.body.additional_identifiers.payment_service_checkout_session_id);
    const second = await authorized(9000);
    await call(b, 'POST', `/transactions/${created.body.id}/sync`);
    await eventually(
      () => call(a, 'GET', `/transactions/${created.body.id}`),
      (r) => r.body.status === 'capture_succeeded',
    );
    control.releaseHeldWebhooks();
    control.clearFaults();
    await expectAgreement(created.body.id, created.body.payment_service_transaction_id);
    await expectAgreement(second.id, second.orderId);
  }, 60_000);

  it('kill -9 in the middle of captures: after restart and the janitor’s sync, Kessai and Smartpay agree and every accepted capture is there', async () => {
    const { id, orderId } = await authorized(60_000);
    sandbox.control.addFault({ match: { method: 'POST', path: '/v1/payments' }, times: 40, kind: 'latency', ms: 150 });
    const inFlight = Array.from({ length: 30 }, () =>
      call(b, 'POST', `/transactions/${id}/capture`, { amount: 1000, final: false }).catch(() => null),
    );
    await new Promise((resolve) => setTimeout(resolve, 250));
    await b.kill('SIGKILL');
    const answered = (await Promise.all(inFlight)).filter((r) => r?.status === 200);
    sandbox.control.clearFaults();
    await cluster.restartB();
    b = cluster.b;
    await expectAgreement(id, orderId);
    const tx = (await call(b, 'GET', `/transactions/${id}`)).body;
    expect(tx.captured_amount).toBeGreaterThanOrEqual(answered.length * 1000);
  }, 90_000);

  it('merchant webhooks from both processes’ workers: every event once, in each transaction’s causal order', async () => {
    const receiver = await new WebhookReceiver().start();
    cleanups.push(() => receiver.stop());
    const subscription = await call(a, 'POST', '/webhook-subscriptions', { url: receiver.url });
    expect(subscription.status).toBe(201);
    receiver.secrets = [subscription.body.secret];
    const ids = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const { id } = await authorized(50_000);
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            call(i % 2 ? a : b, 'POST', `/transactions/${id}/capture`, { amount: 1000, final: false }),
          ),
        );
        await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            call(i % 2 ? b : a, 'POST', `/transactions/${id}/refunds`, { amount: 500 }),
          ),
        );
        return id;
      }),
    );
    const of = (id: string) =>
      receiver.accepted.filter((r) => (r.event.target.transaction_id ?? r.event.target.id) === id);
    // What each transaction's audit history (in commit order) says the merchant should hear, in that order.
    const expected = new Map<string, string[]>();
    for (const id of ids) {
      const history = await call(b, 'GET', `/transactions/${id}/events`);
      expected.set(
        id,
        history.body.items
          .map((e: { name: DomainEventName }) => publishedEventName(e.name))
          .filter((name: string | undefined) => name !== undefined),
      );
    }
    await eventually(
      async () => ids.map((id) => of(id).length),
      (counts) => counts.every((n, i) => n === expected.get(ids[i] as string)?.length),
      30_000,
    );
    for (const id of ids) expect(of(id).map((r) => r.event.name)).toEqual(expected.get(id));
    expect(receiver.rejected).toHaveLength(0);
    expect(receiver.requests).toHaveLength(receiver.accepted.length);
    expect((await call(b, 'DELETE', `/webhook-subscriptions/${subscription.body.id}`)).status).toBe(204);
  }, 60_000);

  it('refuses forged and stale webhooks, alg:none and foreign tokens; no secret ever appears in the logs', async () => {
    const service = (await call(a, 'GET', '/payment-services')).body.items[0];
    const body = JSON.stringify({
      id: 'evt_test_forged',
      object: 'event',
      createdAt: Date.now(),
      test: true,
      eventData: { type: 'order.authorized', data: { id: 'order_x' } },
    });
    const forged = await fetch(service.webhook_url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'smartpay-signature': 'ab'.repeat(32),
        'smartpay-signature-timestamp': String(Date.now() - 3_600_000),
      },
      body,
    });
    expect(forged.status).toBe(401);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"scopes":["*.write"]}').toString('base64url')}.`;
    expect((await call(a, 'GET', '/transactions', undefined, { authorization: `Bearer ${none}` })).status).toBe(401);
    const stranger = await createKeyPair();
    const foreign = await signToken(stranger.privateJwk, { scopes: ['*.read'] });
    expect((await call(a, 'GET', '/transactions', undefined, { authorization: `Bearer ${foreign}` })).status).toBe(401);
    const sqlish = await call(
      a,
      'POST',
      '/transactions',
      createTransactionBody({
        external_identifier: "'; DROP TABLE transactions; --",
        metadata: { "x'--": "1' OR '1'='1" },
      }),
    );
    expect(sqlish.status).toBe(201);
    expect((await call(a, 'GET', `/transactions/${sqlish.body.id}`)).body.external_identifier).toBe(
      "'; DROP TABLE transactions; --",
    );
    const subscription = await call(a, 'POST', '/webhook-subscriptions', { url: 'https://93.184.216.34/hooks' });
    expect(subscription.status).toBe(201);
    const rotated = await call(b, 'POST', `/webhook-subscriptions/${subscription.body.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    cluster.secrets.push(subscription.body.secret, rotated.body.secret);
    const logs = await readFile(cluster.logFile, 'utf8');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of cluster.secrets.filter((s) => s.length > 8)) expect(logs).not.toContain(secret);
  }, 30_000);
});
