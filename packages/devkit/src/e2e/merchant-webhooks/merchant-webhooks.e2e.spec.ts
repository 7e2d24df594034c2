import { buyerClicks } from '../../testing/buyer-clicks';
import { eventually } from '../../testing/eventually';
import { createTransactionBody } from '../../testing/requests';
import { e2eStorages, type KessaiWithSandbox, startKessai } from '../../testing/start-kessai';
import { WebhookReceiver } from '../../testing/webhook-receiver';

/**
 * Outgoing merchant webhooks end to end: the Kessai API with the real Smartpay connector and the sandbox, the
 * job queue of the storage in use, and a real receiver on loopback that verifies signatures the documented way.
 */
const storages = e2eStorages();

const LIFECYCLE = [
  'transaction.authorized',
  'transaction.capture-pending',
  'transaction.captured',
  'transaction.capture-pending',
  'transaction.captured',
  'refund.pending',
  'refund.succeeded',
];

describe.each(storages)('merchant webhooks (storage %s)', (storage) => {
  let stack: KessaiWithSandbox;
  let receiver: WebhookReceiver;
  let subscriptionId: string;

  beforeAll(async () => {
    stack = await startKessai({
      sandbox: true,
      storage,
      env: {
        MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
        MERCHANT_WEBHOOK_FIRST_RETRY_MS: '400',
      },
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });
  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
    const created = await stack.call('POST', '/webhook-subscriptions', { body: { url: receiver.url } });
    expect(created.status).toBe(201);
    subscriptionId = created.body.id;
    receiver.secrets = [created.body.secret];
  });
  afterEach(async () => {
    await stack.call('DELETE', `/webhook-subscriptions/${subscriptionId}`);
    await receiver.stop();
  });

  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    stack.call(method, path, { ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) });

  async function approved(): Promise<string> {
    const created = await call(
      'POST',
      '/transactions',
      createTransactionBody({ payment_service_id: stack.paymentServiceId }),
    );
    expect(created.status).toBe(201);
    await buyerClicks(created.body.payment_method.approval_url, 'approve');
    await eventually(
      () => call('GET', `/transactions/${created.body.id}`),
      (r) => r.body.status === 'authorization_succeeded',
    );
    return created.body.id;
  }

  const eventsFor = (transactionId: string, list = receiver.accepted) =>
    list.filter((r) => r.event.target.transaction_id === transactionId || r.event.target.id === transactionId);

  it('delivers every event once, signed, in causal order per transaction, with the API’s own resource as target', async () => {
    const ids = await Promise.all(
      [1, 2, 3].map(async () => {
        const id = await approved();
        expect((await call('POST', `/transactions/${id}/capture`, { amount: 5000, final: false })).status).toBe(200);
        expect((await call('POST', `/transactions/${id}/capture`, {})).status).toBe(200);
        expect((await call('POST', `/transactions/${id}/refunds`, { amount: 3000 })).status).toBe(201);
        return id;
      }),
    );
    await eventually(
      async () => ids.map((id) => eventsFor(id).length),
      (counts) => counts.every((n) => n === LIFECYCLE.length),
      15_000,
    );
    for (const id of ids) expect(eventsFor(id).map((r) => r.event.name)).toEqual(LIFECYCLE);
    expect(receiver.rejected).toHaveLength(0);
    // Only these payments' events are counted: from 05:00 Japan time the day's scheduled reconciliation may
    // complete during the test and tell this all-events subscription too.
    const requests = ids.flatMap((id) => eventsFor(id, receiver.requests));
    expect(requests).toHaveLength(3 * LIFECYCLE.length);
    expect(new Set(requests.map((r) => r.id)).size).toBe(3 * LIFECYCLE.length);

    const first = eventsFor(ids[0] as string);
    const event = first[0]?.event;
    expect(event).toMatchObject({ type: 'event', name: 'transaction.authorized', merchant_account_id: 'default' });
    expect(Object.keys(event).sort()).toEqual(['created_at', 'id', 'merchant_account_id', 'name', 'target', 'type']);
    const transaction = await call('GET', `/transactions/${ids[0]}`);
    expect(Object.keys(event.target).sort()).toEqual(Object.keys(transaction.body).sort());
    const refunded = first.at(-1)?.event;
    const refund = await call('GET', `/refunds/${refunded.target.id}`);
    expect(refunded.target).toEqual(refund.body);
    const timestamp = Number(first[0]?.timestamp);
    expect(Math.abs(Date.now() / 1000 - timestamp)).toBeLessThan(60);

    const deliveries = await call('GET', `/webhook-subscriptions/${subscriptionId}/deliveries?limit=100`);
    expect(deliveries.status).toBe(200);
    const ours = deliveries.body.items.filter((d: { transaction_id: string | null }) =>
      ids.includes(d.transaction_id as string),
    );
    expect(ours).toHaveLength(3 * LIFECYCLE.length);
    for (const delivery of ours) {
      expect(delivery).toMatchObject({ type: 'webhook-delivery', status: 'succeeded', next_attempt_at: null });
      expect(delivery.attempts).toEqual([expect.objectContaining({ number: 1, response_status: 204, error: null })]);
    }
  }, 40_000);

  it('retries a receiver that fails, then recovers: the app gets each event exactly once, still in order', async () => {
    // The receiver fails this payment's first event three times (a scheduled run's webhook may come in between).
    let failures = 3;
    receiver.behaviour = (r) =>
      r.event.name === 'transaction.authorized' && failures-- > 0 ? { status: 503 } : { status: 204 };
    const id = await approved();
    expect((await call('POST', `/transactions/${id}/capture`, {})).status).toBe(200);
    await eventually(
      async () => eventsFor(id).map((r) => r.event.name),
      (names) => names.length === 3,
      20_000,
    );
    expect(eventsFor(id).map((r) => r.event.name)).toEqual(LIFECYCLE.slice(0, 3));
    const authorized = eventsFor(id)[0];
    expect(receiver.requests.filter((r) => r.id === authorized?.id)).toHaveLength(4);
    const delivery = await call('GET', `/webhook-subscriptions/${subscriptionId}/deliveries/${authorized?.id}`);
    expect(delivery.body.status).toBe('succeeded');
    expect(delivery.body.attempts.map((a: { response_status: number }) => a.response_status)).toEqual([
      503, 503, 503, 204,
    ]);
    const gaps = delivery.body.attempts
      .map((a: { attempted_at: string }) => Date.parse(a.attempted_at))
      .map((t: number, i: number, all: number[]) => t - (all[i - 1] ?? t))
      .slice(1);
    // Back-off: 400 ms, then 800, then 1600 (±20 %), each at least the one before, give or take the jitter.
    expect(gaps[0]).toBeGreaterThanOrEqual(300);
    expect(gaps[2]).toBeGreaterThan(gaps[0]);
  }, 40_000);

  it('gives up on a receiver that does not answer within 5 s, and retries', async () => {
    let slow = 1;
    receiver.behaviour = (r) =>
      r.event.name === 'transaction.authorized' && slow-- > 0 ? { status: 204, delayMs: 6500 } : { status: 204 };
    const id = await approved();
    const delivery = await eventually(
      async () => {
        const page = await call('GET', `/webhook-subscriptions/${subscriptionId}/deliveries`);
        return page.body.items.find((d: { transaction_id: string }) => d.transaction_id === id);
      },
      (d) => d?.status === 'succeeded',
      20_000,
    );
    expect(delivery.attempts).toHaveLength(2);
    expect(delivery.attempts[0]).toMatchObject({ response_status: null, error: 'no answer within 5000 ms' });
    expect(delivery.attempts[0].duration_ms).toBeGreaterThanOrEqual(4900);
    expect(delivery.attempts[1]).toMatchObject({ response_status: 204 });
    // The slow answer did reach the app later; its retry was the same webhook id, so the app kept one.
    await eventually(
      async () => receiver.requests.filter((r) => r.id === delivery.id).length,
      (n) => n === 2,
    );
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(eventsFor(id)).toHaveLength(1);
  }, 40_000);

  it('signs with both secrets while a rotation’s grace lasts; the secret is shown once', async () => {
    const oldSecret = receiver.secrets[0] as string;
    const key = { 'idempotency-key': `rotate-${subscriptionId}` };
    const rotated = await call('POST', `/webhook-subscriptions/${subscriptionId}/rotate-secret`, undefined, key);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ rotating: true, id: subscriptionId });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(oldSecret);
    const replay = await call('POST', `/webhook-subscriptions/${subscriptionId}/rotate-secret`, undefined, key);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.secret).toBeNull();
    const shown = await call('GET', `/webhook-subscriptions/${subscriptionId}`);
    expect(shown.body.secret).toBeUndefined();
    expect(JSON.stringify(shown.body)).not.toContain(oldSecret);

    const id = await approved();
    const [event] = await eventually(
      async () => eventsFor(id),
      (events) => events.length === 1,
    );
    expect(event?.signatures).toHaveLength(2);
    expect(receiver.verifies(event as never, [oldSecret])).toBe(true);
    expect(receiver.verifies(event as never, [rotated.body.secret])).toBe(true);
    expect(receiver.verifies(event as never, ['whsec_somebody_else'])).toBe(false);
  }, 30_000);

  it('redelivers by hand with the same id, pauses, resumes and deletes', async () => {
    const id = await approved();
    const [first] = await eventually(
      async () => eventsFor(id),
      (events) => events.length === 1,
    );
    const webhookId = first?.id as string;
    const redelivered = await call(
      'POST',
      `/webhook-subscriptions/${subscriptionId}/deliveries/${webhookId}/redeliver`,
    );
    expect(redelivered.status).toBe(202);
    expect(redelivered.body).toMatchObject({ id: webhookId, status: 'pending' });
    await eventually(
      async () => receiver.requests.filter((r) => r.id === webhookId).length,
      (n) => n === 2,
    );
    expect(receiver.requests.filter((r) => r.id === webhookId).map((r) => r.body)).toEqual([first?.body, first?.body]);
    expect(eventsFor(id)).toHaveLength(1);
    const after = await eventually(
      () => call('GET', `/webhook-subscriptions/${subscriptionId}/deliveries/${webhookId}`),
      (r) => r.body.status === 'succeeded' && r.body.attempts.length === 2,
    );
    expect(after.body.attempts).toHaveLength(2);

    const paused = await call('PUT', `/webhook-subscriptions/${subscriptionId}`, { active: false });
    expect(paused.body.active).toBe(false);
    const quiet = await approved();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(eventsFor(quiet)).toHaveLength(0);
    expect((await call('PUT', `/webhook-subscriptions/${subscriptionId}`, { active: true })).body.active).toBe(true);
    expect((await call('POST', `/transactions/${quiet}/capture`, {})).status).toBe(200);
    await eventually(
      async () => eventsFor(quiet).map((r) => r.event.name),
      (names) => names.join() === 'transaction.capture-pending,transaction.captured',
    );

    expect((await call('DELETE', `/webhook-subscriptions/${subscriptionId}`)).status).toBe(204);
    expect((await call('GET', `/webhook-subscriptions/${subscriptionId}`)).status).toBe(404);
    expect((await call('GET', `/webhook-subscriptions/${subscriptionId}/deliveries`)).status).toBe(404);
    const silent = await approved();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(eventsFor(silent)).toHaveLength(0);
  }, 40_000);
});
