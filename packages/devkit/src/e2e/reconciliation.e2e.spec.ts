import { japanDateOf } from '@kessai/domain';
import { eventually } from '../testing/eventually';
import { createTransactionBody } from '../testing/requests';
import { type KessaiWithSandbox, startKessai } from '../testing/start-kessai';
import { WebhookReceiver } from '../testing/webhook-receiver';

/**
 * Reconciliation end to end: Kessai on PostgreSQL with the real Smartpay connector and the sandbox. Clean
 * transactions, and beside them one of each difference made at the sandbox behind Kessai's back; a run over the
 * day finds exactly those, settles what the provider reports and leaves the rest open, and a second run agrees.
 */
const CLEAN = Number(process.env.KESSAI_E2E_RECONCILIATION_CLEAN ?? 60);

interface Tx {
  id: string;
  orderId: string;
  sessionId: string;
}

describe('reconciliation with Smartpay', () => {
  let stack: KessaiWithSandbox;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    stack = await startKessai({
      sandbox: true,
      merchants: ['default', 'other-shop'],
      env: { STORAGE: 'postgres', MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' },
    });
    receiver = await new WebhookReceiver().start();
    const subscribed = await stack.call('POST', '/webhook-subscriptions', {
      body: { url: receiver.url, events: ['reconciliation-run.completed'] },
    });
    expect(subscribed.status).toBe(201);
    receiver.secrets = [subscribed.body.secret];
  }, 60_000);
  afterAll(async () => {
    await receiver?.stop();
    await stack?.close();
  });

  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    stack.call(method, path, { ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) });

  async function created(amount: number): Promise<Tx> {
    const reply = await call(
      'POST',
      '/transactions',
      createTransactionBody({
        amount,
        cart_items: [{ name: 'Tea', quantity: 1, unit_amount: amount }],
        payment_service_id: stack.paymentServiceId,
      }),
    );
    expect(reply.status).toBe(201);
    const url = new URL(reply.body.payment_method.approval_url as string);
    return {
      id: reply.body.id,
      orderId: reply.body.payment_service_transaction_id,
      sessionId: url.pathname.split('/').pop() ?? '',
    };
  }
  const statusOf = async (id: string) => (await call('GET', `/transactions/${id}`)).body.status as string;
  async function authorized(amount: number): Promise<Tx> {
    const tx = await created(amount);
    stack.sandbox.control.approve(tx.sessionId);
    await eventually(
      () => statusOf(tx.id),
      (status) => status === 'authorization_succeeded',
    );
    return tx;
  }
  async function captured(amount: number, refund = 0): Promise<Tx> {
    const tx = await authorized(amount);
    expect((await call('POST', `/transactions/${tx.id}/capture`, {})).status).toBe(200);
    if (refund > 0) expect((await call('POST', `/transactions/${tx.id}/refunds`, { amount: refund })).status).toBe(201);
    return tx;
  }
  async function inBatches<T>(count: number, make: (i: number) => Promise<T>): Promise<T[]> {
    const made: T[] = [];
    for (let start = 0; start < count; start += 10)
      made.push(...(await Promise.all(Array.from({ length: Math.min(10, count - start) }, (_, i) => make(start + i)))));
    return made;
  }
  async function completedRun(date: string) {
    const started = await call('POST', '/reconciliation-runs', { payment_service_id: stack.paymentServiceId, date });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ type: 'reconciliation-run', status: 'pending', date });
    return (
      await eventually(
        () => call('GET', `/reconciliation-runs/${started.body.id}`),
        (reply) => reply.body.status === 'completed' || reply.body.status === 'failed',
        60_000,
      )
    ).body;
  }
  async function allItems(runId: string, query = '') {
    const items = [];
    let cursor: string | null = null;
    do {
      const page = await call(
        'GET',
        `/reconciliation-runs/${runId}/items?limit=3${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.next_cursor;
    } while (cursor);
    return items;
  }

  it(`finds exactly the differences made among ${CLEAN} clean transactions, settles what sync can and agrees on a second run`, async () => {
    const date = japanDateOf(new Date());
    await inBatches(CLEAN, (i) =>
      i % 3 === 0 ? authorized(1000 + i) : i % 3 === 1 ? captured(2000 + i) : captured(3000 + i, 500),
    );

    const capturedBehind = await authorized(11_000);
    const refundedBehind = await captured(12_000);
    const canceledBehind = await authorized(13_000);
    const expired = await authorized(14_000);
    const lostWebhook = await created(15_000);
    const changed = await authorized(16_000);
    const stillMoving = await authorized(18_000);
    const lostCapture = await captured(19_000);
    const lostRefund = await captured(20_000, 700);
    const vanished = await captured(21_000);
    // Processing a webhook reads the whole order: let Kessai finish with its own, so what follows stays unseen.
    await stack.sandbox.control.waitForWebhooks();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const behind = { dropWebhook: true };
    stack.sandbox.control.captureBehind(capturedBehind.orderId, undefined, behind);
    stack.sandbox.control.refundBehind(refundedBehind.orderId, 1_200, behind);
    stack.sandbox.control.cancelBehind(canceledBehind.orderId, behind);
    stack.sandbox.control.expireNow(expired.orderId, behind);
    stack.sandbox.control.dropWebhooks(lostWebhook.orderId);
    stack.sandbox.control.approve(lostWebhook.sessionId);
    stack.sandbox.control.changeAmount(changed.orderId, 16_500);
    // Smartpay stops showing a capture and a refund it made: Kessai holds money Smartpay does not show.
    const lostPayment = stack.sandbox.control.order(lostCapture.orderId).order.payments[0];
    stack.sandbox.control.forgetPayment(lostPayment?.id ?? '');
    stack.sandbox.control.forgetRefund(stack.sandbox.control.order(lostRefund.orderId).refunds[0]?.id ?? '');
    // Smartpay answers "not found" for an order Kessai holds: the run records it and goes on.
    stack.sandbox.control.forgetOrder(vanished.orderId);
    // Smartpay answers 503 to every try: the capture's outcome is unknown, the capture pending (money in flight).
    stack.sandbox.control.addFault({
      match: { method: 'POST', path: '/v1/payments' },
      kind: 'status',
      status: 503,
      times: 3,
    });
    await call('POST', `/transactions/${stillMoving.id}/capture`, {});
    expect(await statusOf(stillMoving.id)).toBe('capture_pending');
    const unseen = stack.sandbox.control.createUnseenOrder(stack.secretKey, 17_000);
    await stack.sandbox.control.waitForWebhooks();
    expect(await statusOf(lostWebhook.id)).toBe('buyer_approval_pending');
    expect(await statusOf(capturedBehind.id)).toBe('authorization_succeeded');

    const run = await completedRun(date);
    expect(run.status).toBe('completed');
    const items = await allItems(run.id);
    const seen = items
      .map((item) => `${item.kind} ${item.status} ${item.transaction_id ?? item.provider_order_id}`)
      .sort();
    expect(seen).toEqual(
      [
        `amount_mismatch open ${changed.id}`,
        `in_flight open ${stillMoving.id}`,
        `missing_capture open ${lostCapture.id}`,
        `missing_refund open ${lostRefund.id}`,
        `missing_order open ${vanished.id}`,
        `missed_webhook resolved ${lostWebhook.id}`,
        `status_mismatch resolved ${canceledBehind.id}`,
        `status_mismatch resolved ${expired.id}`,
        `unknown_capture resolved ${capturedBehind.id}`,
        `unknown_order open ${unseen.id}`,
        `unknown_refund resolved ${refundedBehind.id}`,
      ].sort(),
    );
    expect(items.find((item) => item.kind === 'amount_mismatch')).toMatchObject({
      type: 'reconciliation-item',
      kessai_amount: 16_000,
      provider_amount: 16_500,
      provider_order_id: changed.orderId,
    });
    expect(run).toMatchObject({
      transaction_count: CLEAN + 10,
      provider_order_count: CLEAN + 10,
      open_count: 5,
      resolved_count: 5,
      acknowledged_count: 0,
      in_flight_count: 1,
      counts_by_kind: {
        unknown_capture: 1,
        unknown_refund: 1,
        missing_capture: 1,
        missing_refund: 1,
        amount_mismatch: 1,
        status_mismatch: 2,
        unknown_order: 1,
        missing_order: 1,
        missed_webhook: 1,
        in_flight: 1,
      },
    });
    // To the yen: the two sides differ by exactly what Smartpay no longer shows.
    expect(run.kessai.captured_amount - run.provider.captured_amount).toBe(19_000 + 21_000);
    expect(run.kessai.refunded_amount - run.provider.refunded_amount).toBe(700);

    // Settled through the transaction's own rules, with the run as the actor.
    expect(await statusOf(capturedBehind.id)).toBe('capture_succeeded');
    expect(await statusOf(canceledBehind.id)).toBe('authorization_voided');
    expect(await statusOf(lostWebhook.id)).toBe('authorization_succeeded');
    const events = await call('GET', `/transactions/${capturedBehind.id}/events?limit=100`);
    expect(
      events.body.items.map((event: { context: { actor?: { type: string; id: string } } }) => event.context.actor),
    ).toContainEqual({
      type: 'reconciliation_run',
      id: run.id,
      display: `reconciliation of ${date}`,
    });

    // Filters and acknowledgement.
    const open = await allItems(run.id, '&status=open');
    expect(open.map((item) => item.kind).sort()).toEqual([
      'amount_mismatch',
      'in_flight',
      'missing_capture',
      'missing_order',
      'missing_refund',
      'unknown_order',
    ]);
    expect((await allItems(run.id, '&kind=status_mismatch')).length).toBe(2);
    const mismatch = open.find((item) => item.kind === 'amount_mismatch');
    const acknowledged = await call('POST', `/reconciliation-runs/${run.id}/items/${mismatch.id}/acknowledge`, {
      note: 'price changed by phone with the buyer',
    });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', resolution: 'acknowledged' });
    expect(acknowledged.body.acknowledgement).toMatchObject({ note: 'price changed by phone with the buyer' });
    const twice = await call('POST', `/reconciliation-runs/${run.id}/items/${mismatch.id}/acknowledge`, {
      note: 'again',
    });
    expect(twice.status).toBe(400);
    // The run that found it counts it as acknowledged now, read alone or in the list.
    const counted = { open_count: 4, resolved_count: 5, acknowledged_count: 1 };
    expect((await call('GET', `/reconciliation-runs/${run.id}`)).body).toMatchObject(counted);
    const runs = (await call('GET', '/reconciliation-runs')).body.items;
    expect(runs.find((listedRun: { id: string }) => listedRun.id === run.id)).toMatchObject(counted);

    // A second run over the same day gives the same items.
    const second = await completedRun(date);
    const again = await allItems(second.id);
    expect(again.map((item) => item.id).sort()).toEqual(items.map((item) => item.id).sort());
    expect(again.find((item) => item.id === mismatch.id)?.status).toBe('acknowledged');
    expect(second).toMatchObject({ open_count: 4, resolved_count: 5, acknowledged_count: 1, in_flight_count: 1 });

    // The CSV lists the same items, streamed with a header row.
    const csv = await fetch(`${stack.baseUrl}/reconciliation-runs/${second.id}/items.csv`, {
      headers: { authorization: `Bearer ${await stack.token(['reconciliation.read'])}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'id,date,kind,status,transaction_id,provider_order_id,kessai_amount,provider_amount,detail,resolution,acknowledged_by,acknowledged_at,note,created_at',
    );
    expect(
      lines
        .slice(1)
        .map((line) => line.split(',')[0])
        .sort(),
    ).toEqual(items.map((item) => item.id).sort());

    // The merchant heard that each run completed (from 05:00 Japan time, the scheduled run of the day before may
    // complete too: only these two runs are looked for).
    const heard = await eventually(
      async () => receiver.accepted.filter((received) => [run.id, second.id].includes(received.event.target.id)),
      (ours) => ours.length === 2,
      15_000,
    );
    expect(heard.map((received) => received.event.name)).toEqual([
      'reconciliation-run.completed',
      'reconciliation-run.completed',
    ]);
    expect(heard.map((received) => received.event.target.id).sort()).toEqual([run.id, second.id].sort());

    // Another merchant sees none of it; a key without the scope is refused.
    const other = { 'x-gr4vy-merchant-account-id': 'other-shop' };
    expect((await call('GET', `/reconciliation-runs/${run.id}`, undefined, other)).status).toBe(404);
    expect((await call('GET', '/reconciliation-runs', undefined, other)).body.items).toEqual([]);
    const narrow = await fetch(`${stack.baseUrl}/reconciliation-runs`, {
      headers: { authorization: `Bearer ${await stack.token(['transactions.read'])}` },
    });
    expect(narrow.status).toBe(403);
    const listed = await call('GET', '/reconciliation-runs?limit=1');
    expect(listed.body.items.map((listedRun: { id: string }) => listedRun.id)).toEqual([second.id]);
    expect(listed.body.next_cursor).not.toBeNull();
  }, 180_000);

  it('refuses a day that is not a day, and a connection the merchant does not have', async () => {
    const bad = await call('POST', '/reconciliation-runs', {
      payment_service_id: stack.paymentServiceId,
      date: '2026-02-30',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ pointer: '/date' });
    const other = await call(
      'POST',
      '/reconciliation-runs',
      { payment_service_id: stack.paymentServiceId, date: '2026-01-01' },
      { 'x-gr4vy-merchant-account-id': 'other-shop' },
    );
    expect(other.status).toBe(404);
  });
});
