import { randomUUID } from 'node:crypto';
import {
  InMemoryReconciliationStore,
  InMemoryWebhookDeliveryRepository,
  InMemoryWebhookSubscriptionRepository,
} from '../in-memory';
import { newSubscription } from '../testing/contracts/webhook-subscription-repository.contract';
import { smartpayService } from '../testing/fixtures';
import { CaptureTransaction } from '../transactions/use-cases/capture-transaction';
import type { PaymentDependencies } from '../transactions/use-cases/payment-dependencies';
import { RefundTransaction } from '../transactions/use-cases/refund-transaction';
import { SyncTransaction } from '../transactions/use-cases/sync-transaction';
import { setup } from '../transactions/use-cases/use-case-harness';
import { japanDateOf } from './japan-day';
import { ManageReconciliation } from './manage-reconciliation';
import { ReconcileDay } from './reconcile-day';
import type { ReconciliationDependencies } from './reconciliation-dependencies';
import { japanTimeOfDay, ScheduleDailyReconciliation } from './schedule-daily-reconciliation';

async function reconciliation() {
  const base = await setup();
  const subscriptions = new InMemoryWebhookSubscriptionRepository();
  const deps: ReconciliationDependencies & PaymentDependencies = {
    ...base.deps,
    reconciliation: new InMemoryReconciliationStore(),
    subscriptions,
    deliveries: new InMemoryWebhookDeliveryRepository(subscriptions),
  };
  const manage = new ManageReconciliation(deps);
  const merchantAccountId = 'default';
  const captured = async (amount = 10_000) => {
    const tx = await base.authorized(amount);
    await new CaptureTransaction(base.deps).execute({ merchantAccountId, transactionId: tx.id });
    return tx;
  };
  const orderOf = (tx: { summary(): { providerOrderId: string | null } }) =>
    base.connector.order(tx.summary().providerOrderId ?? '');
  /** A run of today started through the API, not executed yet. */
  const startRun = () =>
    manage.start({
      merchantAccountId,
      paymentServiceId: base.service.id,
      date: japanDateOf(base.clock.now()),
      trigger: 'api',
      actor: null,
    });
  const runDay = async () => {
    const run = await startRun();
    const done = await new ReconcileDay(deps).execute(merchantAccountId, run.id);
    const items = (await manage.items(merchantAccountId, run.id, { limit: 100 })).items;
    return { run: done, items };
  };
  return { ...base, deps, manage, captured, orderOf, startRun, runDay, merchantAccountId, subscriptions };
}

const kinds = (items: Array<{ kind: string; status: string }>) =>
  items.map((item) => `${item.kind}/${item.status}`).sort();

describe('ReconcileDay', () => {
  it('finds nothing on a day whose books agree, and counts both sides to the yen', async () => {
    const r = await reconciliation();
    await r.captured(1000);
    await r.captured(2000);
    await r.authorized(500);
    const { run, items } = await r.runDay();
    expect(run.status).toBe('completed');
    expect(items).toEqual([]);
    expect(run.summary).toMatchObject({
      transactions: 3,
      providerOrders: 3,
      kessai: { captured: 3000, refunded: 0 },
      provider: { captured: 3000, refunded: 0 },
      open: 0,
      resolved: 0,
    });
  });

  it('settles what the provider reports (a capture, a refund, a cancel, a lost webhook) with the run as the actor', async () => {
    const r = await reconciliation();
    const capturedBehind = await r.authorized(1000);
    r.orderOf(capturedBehind).payments.push({
      providerPaymentId: 'payment_test_behind',
      amount: 1000,
      reference: null,
      createdAt: r.clock.now(),
    });
    r.orderOf(capturedBehind).status = 'completed';
    const refundedBehind = await r.captured(2000);
    r.orderOf(refundedBehind).refunds.push({
      providerRefundId: 'refund_test_behind',
      providerPaymentId: r.orderOf(refundedBehind).payments[0]?.providerPaymentId ?? '',
      amount: 500,
      reference: null,
      status: 'succeeded',
      createdAt: r.clock.now(),
    });
    const canceledBehind = await r.authorized(3000);
    r.orderOf(canceledBehind).status = 'canceled';
    const lostWebhook = await r.create({ amount: 4000 });
    r.connector.approve(lostWebhook.summary().providerOrderId ?? '');

    const { run, items } = await r.runDay();
    expect(kinds(items)).toEqual([
      'missed_webhook/resolved',
      'status_mismatch/resolved',
      'unknown_capture/resolved',
      'unknown_refund/resolved',
    ]);
    expect(run.summary).toMatchObject({ resolved: 4, open: 0, kessai: { captured: 3000, refunded: 500 } });
    const settled = await r.deps.transactions.get('default', capturedBehind.id);
    expect(settled?.summary().status).toBe('capture_succeeded');
    const events = await r.deps.transactions.listEvents('default', capturedBehind.id, { limit: 50 });
    expect(events.at(-1)?.context).toMatchObject({
      source: 'sync',
      actor: { type: 'reconciliation_run', id: run.id },
    });
    expect((await r.deps.transactions.get('default', lostWebhook.id))?.summary().status).toBe(
      'authorization_succeeded',
    );
  });

  it('leaves for a person what no sync can settle: money one side only, a changed amount, an unknown order', async () => {
    const r = await reconciliation();
    const missingCapture = await r.captured(1000);
    r.orderOf(missingCapture).payments = [];
    const missingRefund = await r.captured(2000);
    await new RefundTransaction(r.deps).execute({
      merchantAccountId: 'default',
      transactionId: missingRefund.id,
      amount: 700,
    });
    r.orderOf(missingRefund).refunds = [];
    const changed = await r.authorized(3000);
    r.orderOf(changed).amount = 3500;
    r.connector.orders.set('order_test_unseen', {
      id: 'order_test_unseen',
      amount: 9999,
      currency: 'JPY',
      status: 'authorized',
      payments: [],
      refunds: [],
      createdAt: r.clock.now(),
    });
    const { run, items } = await r.runDay();
    expect(kinds(items)).toEqual([
      'amount_mismatch/open',
      'missing_capture/open',
      'missing_refund/open',
      'unknown_order/open',
    ]);
    expect(items.find((item) => item.kind === 'amount_mismatch')).toMatchObject({
      transactionId: changed.id,
      kessaiAmount: 3000,
      providerAmount: 3500,
    });
    expect(items.find((item) => item.kind === 'unknown_order')).toMatchObject({
      transactionId: null,
      providerOrderId: 'order_test_unseen',
      providerAmount: 9999,
    });
    expect(run.summary).toMatchObject({ open: 4, resolved: 0 });
  });

  it('records a transaction whose order the provider does not have, and goes on; only an unreadable provider fails the run', async () => {
    const r = await reconciliation();
    const gone = await r.captured(1000);
    r.connector.orders.delete(gone.summary().providerOrderId ?? '');
    const changed = await r.authorized(3000);
    r.orderOf(changed).amount = 3500;
    const { run, items } = await r.runDay();
    expect(run.status).toBe('completed');
    expect(kinds(items)).toEqual(['amount_mismatch/open', 'missing_order/open']);
    expect(items.find((item) => item.kind === 'missing_order')).toMatchObject({
      transactionId: gone.id,
      providerOrderId: gone.summary().providerOrderId,
      kessaiAmount: 1000,
      providerAmount: null,
    });
    expect(run.summary).toMatchObject({
      transactions: 2,
      open: 2,
      kessai: { captured: 1000, refunded: 0 },
      provider: { captured: 0, refunded: 0 },
    });
    expect(run.summary?.kinds.missing_order).toBe(1);
    expect((await r.deps.transactions.get('default', gone.id))?.summary().status).toBe('capture_succeeded');

    r.connector.next('fetchStatus', 'fail');
    const refused = await r.runDay();
    expect(refused.run).toMatchObject({
      status: 'failed',
      failureReason: expect.stringContaining('could not be read'),
    });
  });

  it('compares every transaction of the day once, though another process changes one while the run pages', async () => {
    const r = await reconciliation();
    const made: Array<Awaited<ReturnType<typeof r.authorized>>> = [];
    for (let i = 0; i < 5; i++) {
      made.push(await r.authorized(1000 * (i + 1)));
      r.clock.advance(1000);
    }
    const run = await r.startRun();
    const fetched = new Set<string>();
    const fetchStatus = r.connector.fetchStatus.bind(r.connector);
    r.connector.fetchStatus = async (account, orderId) => {
      if (fetched.size === 0) {
        // The first comparison: a capture by another process moves a transaction not compared yet.
        const pending = made.find((tx) => !fetched.has(tx.summary().providerOrderId ?? '') && tx !== made[0]);
        r.clock.advance(1000);
        await new CaptureTransaction(r.deps).execute({
          merchantAccountId: 'default',
          transactionId: pending?.id ?? '',
        });
      }
      fetched.add(orderId);
      return fetchStatus(account, orderId);
    };
    const done = await new ReconcileDay(r.deps, { pageSize: 2, concurrency: 1 }).execute('default', run.id);
    expect([...fetched].sort()).toEqual(made.map((tx) => tx.summary().providerOrderId).sort());
    expect(done.summary).toMatchObject({ transactions: 5, open: 0 });
  });

  it('stops between transactions when its worker stops, leaves the run running, and a retry completes it', async () => {
    const r = await reconciliation();
    for (let i = 0; i < 4; i++) await r.captured(1000 * (i + 1));
    const run = await r.startRun();
    const stopping = new AbortController();
    let asked = 0;
    const fetchStatus = r.connector.fetchStatus.bind(r.connector);
    r.connector.fetchStatus = async (account, orderId) => {
      if (++asked === 2) stopping.abort(new Error('the worker stops'));
      return fetchStatus(account, orderId);
    };
    const reconcile = new ReconcileDay(r.deps, { pageSize: 2, concurrency: 1 });
    await expect(reconcile.execute('default', run.id, stopping.signal)).rejects.toThrow('the worker stops');
    expect(asked).toBe(2);
    expect((await r.manage.run('default', run.id)).status).toBe('running');

    const done = await reconcile.execute('default', run.id, new AbortController().signal);
    expect(done.status).toBe('completed');
    expect(done.summary).toMatchObject({ transactions: 4, kessai: { captured: 10_000 }, open: 0 });
  });

  it('reports a capture whose answer is not back yet as in flight, not as a difference', async () => {
    const r = await reconciliation();
    const tx = await r.authorized(1000);
    r.connector.next('capture', 'unknown');
    await new CaptureTransaction(r.deps).execute({ merchantAccountId: 'default', transactionId: tx.id });
    const { run, items } = await r.runDay();
    expect(kinds(items)).toEqual(['in_flight/open']);
    expect(run.summary).toMatchObject({ inFlight: 1, open: 0 });
  });

  it('closes an item a later run no longer finds: money that was in flight has arrived', async () => {
    const r = await reconciliation();
    const tx = await r.authorized(1000);
    r.connector.next('capture', 'unknown-after-applying');
    await new CaptureTransaction(r.deps).execute({ merchantAccountId: 'default', transactionId: tx.id });
    const first = await r.runDay();
    expect(kinds(first.items)).toEqual(['in_flight/open']);
    await new SyncTransaction(r.deps).execute({ merchantAccountId: 'default', transactionId: tx.id });
    const second = await r.runDay();
    expect(second.items).toEqual([
      expect.objectContaining({ id: first.items[0]?.id, status: 'resolved', resolution: 'agrees_now' }),
    ]);
    expect(second.run.summary).toMatchObject({ inFlight: 0, open: 0, resolved: 0 });
  });

  it('gives the same items on a second run, keeps acknowledgements, and tells the merchant each run completed', async () => {
    const r = await reconciliation();
    const subscription = newSubscription({ merchantAccountId: 'default' });
    await r.subscriptions.add(subscription);
    const capturedBehind = await r.authorized(1000);
    r.orderOf(capturedBehind).payments.push({
      providerPaymentId: 'payment_test_behind',
      amount: 1000,
      reference: null,
      createdAt: r.clock.now(),
    });
    const changed = await r.authorized(3000);
    r.orderOf(changed).amount = 3100;
    const first = await r.runDay();
    const open = first.items.find((item) => item.status === 'open');
    const actor = { type: 'dashboard_user' as const, id: randomUUID(), display: 'keiri@example.jp' };
    await r.manage.acknowledge('default', first.run.id, open?.id ?? '', actor, 'price corrected by phone');
    expect((await r.manage.run('default', first.run.id)).summary).toMatchObject({ open: 0, acknowledged: 1 });
    const second = await r.runDay();
    expect(second.items.map((item) => item.id).sort()).toEqual(first.items.map((item) => item.id).sort());
    expect(kinds(second.items)).toEqual(['amount_mismatch/acknowledged', 'unknown_capture/resolved']);
    const deliveries = await r.deps.deliveries.list('default', subscription.id, { limit: 10 });
    expect(deliveries.items.map((delivery) => delivery.eventName)).toEqual([
      'reconciliation-run.completed',
      'reconciliation-run.completed',
    ]);
    await expect(
      r.manage.acknowledge('other-merchant', first.run.id, open?.id ?? '', actor, 'mine?'),
    ).rejects.toMatchObject({ code: 'reconciliation_run_not_found' });
  });

  it('refuses a day that has not begun in Japan and a connection of another merchant', async () => {
    const r = await reconciliation();
    const start = (date: string, paymentServiceId = r.service.id) =>
      r.manage.start({ merchantAccountId: 'default', paymentServiceId, date, trigger: 'api', actor: null });
    await expect(start('2026-03-02')).rejects.toMatchObject({ code: 'invalid_field' });
    await expect(start('2026-02-30')).rejects.toMatchObject({ code: 'invalid_field' });
    await expect(start('2026-03-01', randomUUID())).rejects.toMatchObject({ code: 'payment_service_not_found' });
    expect((await start('2026-03-01')).status).toBe('pending');
    expect(r.jobs.jobs.map((job) => job.name)).toContain('reconcile');
  });
});

describe('ScheduleDailyReconciliation', () => {
  it('starts one run per active connection for the Japan day before, once the configured Japan time has passed', async () => {
    const r = await reconciliation();
    // 2026-03-01T10:00Z is 19:00 in Japan.
    expect(await new ScheduleDailyReconciliation(r.deps, japanTimeOfDay('19:01')).execute()).toBe(0);
    const daily = new ScheduleDailyReconciliation(r.deps, japanTimeOfDay('05:00'));
    expect(await daily.execute()).toBe(1);
    expect(await daily.execute()).toBe(0);
    const runs = await r.manage.runs('default', { limit: 10 });
    expect(runs.items).toEqual([
      expect.objectContaining({
        date: '2026-02-28',
        trigger: 'schedule',
        status: 'pending',
        paymentServiceId: r.service.id,
      }),
    ]);
    expect(() => japanTimeOfDay('25:00')).toThrow();
  });

  it('leaves out a connection made after the day before ended: it has nothing to check for that day', async () => {
    const r = await reconciliation();
    // 2026-03-01T10:00Z is 19:00 on 1 March in Japan; 1 March began at 2026-02-28T15:00Z.
    const today = { createdAt: new Date('2026-02-28T15:00:00.000Z') };
    const madeToday = smartpayService({ ...today, updatedAt: today.createdAt });
    const madeLastMinuteOfYesterday = smartpayService({ createdAt: new Date('2026-02-28T14:59:00.000Z') });
    await r.deps.paymentServices.add(madeToday);
    await r.deps.paymentServices.add(madeLastMinuteOfYesterday);
    expect(await new ScheduleDailyReconciliation(r.deps, japanTimeOfDay('05:00')).execute()).toBe(2);
    const runs = await r.manage.runs('default', { limit: 10 });
    expect(runs.items.map((run) => run.paymentServiceId).sort()).toEqual(
      [r.service.id, madeLastMinuteOfYesterday.id].sort(),
    );
  });
});
