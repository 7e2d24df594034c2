import { randomUUID } from 'node:crypto';
import { ReconciliationItemNotOpenError } from '../../errors';
import { DIFFERENCE_KINDS } from '../../reconciliation/difference-kind';
import type { ReconciliationStore } from '../../reconciliation/ports/reconciliation-store';
import { acknowledge, type ReconciliationItem } from '../../reconciliation/reconciliation-item';
import type { ReconciliationRun } from '../../reconciliation/reconciliation-run';

export interface ReconciliationStoreHarness {
  store: ReconciliationStore;
  close?: () => Promise<void>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 1, minute));

export function newRun(overrides: Partial<ReconciliationRun> = {}): ReconciliationRun {
  return {
    id: randomUUID(),
    merchantAccountId: `m-${Math.random().toString(36).slice(2, 10)}`,
    paymentServiceId: randomUUID(),
    date: '2026-03-01',
    status: 'pending',
    trigger: 'api',
    requestedBy: { type: 'api_key', id: 'key-1', display: 'key-1' },
    summary: null,
    failureReason: null,
    createdAt: at(0),
    startedAt: null,
    completedAt: null,
    updatedAt: at(0),
    ...overrides,
  };
}

export function newItem(run: ReconciliationRun, overrides: Partial<ReconciliationItem> = {}): ReconciliationItem {
  const key = overrides.key ?? `unknown_capture:payment_test_${randomUUID().slice(0, 8)}`;
  return {
    id: randomUUID(),
    merchantAccountId: run.merchantAccountId,
    paymentServiceId: run.paymentServiceId,
    date: run.date,
    key,
    kind: 'unknown_capture',
    status: 'open',
    runId: run.id,
    transactionId: randomUUID(),
    providerOrderId: 'order_test_1',
    kessaiAmount: null,
    providerAmount: 1200,
    detail: 'captured at the provider only',
    resolution: null,
    acknowledgement: null,
    createdAt: at(1),
    updatedAt: at(1),
    ...overrides,
  };
}

export function describeReconciliationStoreContract(
  name: string,
  makeHarness: () => Promise<ReconciliationStoreHarness>,
): void {
  describe(`${name} (ReconciliationStore contract)`, () => {
    let harness: ReconciliationStoreHarness;
    beforeEach(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => {
      await harness.close?.();
    });

    it('stores a run and its changes, visible to its merchant account only', async () => {
      const run = newRun();
      await harness.store.addRun(run);
      expect(await harness.store.getRun(run.merchantAccountId, run.id)).toEqual(run);
      expect(await harness.store.getRun('someone-else', run.id)).toBeUndefined();
      const completed: ReconciliationRun = {
        ...run,
        status: 'completed',
        startedAt: at(2),
        completedAt: at(3),
        updatedAt: at(3),
        summary: {
          transactions: 3,
          providerOrders: 4,
          providerCalls: 5,
          kessai: { captured: 3000, refunded: 100 },
          provider: { captured: 3500, refunded: 100 },
          kinds: {
            unknown_capture: 1,
            unknown_refund: 0,
            missing_capture: 0,
            missing_refund: 0,
            amount_mismatch: 0,
            status_mismatch: 0,
            unknown_order: 1,
            missing_order: 0,
            missed_webhook: 0,
            in_flight: 0,
          },
          open: 1,
          resolved: 1,
          acknowledged: 0,
          inFlight: 0,
        },
      };
      await harness.store.saveRun(completed);
      // Its own work as saved; its item counts are the day's as they are now (it has none).
      const none = Object.fromEntries(DIFFERENCE_KINDS.map((kind) => [kind, 0]));
      expect(await harness.store.getRun(run.merchantAccountId, run.id)).toEqual({
        ...completed,
        summary: { ...completed.summary, kinds: none, open: 0, resolved: 0, acknowledged: 0, inFlight: 0 },
      });
    });

    it('lists runs newest created first, paged, filtered by connection, one merchant only', async () => {
      const first = newRun();
      const merchant = first.merchantAccountId;
      const second = newRun({ merchantAccountId: merchant, createdAt: at(5), updatedAt: at(5) });
      const other = newRun({ merchantAccountId: merchant, paymentServiceId: first.paymentServiceId, createdAt: at(9) });
      await harness.store.addRun(first);
      await harness.store.addRun(second);
      await harness.store.addRun(other);
      await harness.store.addRun(newRun());
      const page = await harness.store.listRuns(merchant, { limit: 2 });
      expect(page.items.map((run) => run.id)).toEqual([other.id, second.id]);
      const next = await harness.store.listRuns(merchant, { limit: 2, cursor: page.nextCursor ?? '' });
      expect(next.items.map((run) => run.id)).toEqual([first.id]);
      const filtered = await harness.store.listRuns(merchant, { limit: 10, paymentServiceId: first.paymentServiceId });
      expect(filtered.items.map((run) => run.id)).toEqual([other.id, first.id]);
    });

    it('records an item once per key: a later run finds the same item, and may only settle an open one', async () => {
      const run = newRun();
      const item = newItem(run);
      expect(await harness.store.recordItem(item)).toEqual(item);
      const again = newItem(run, { key: item.key, id: randomUUID(), runId: randomUUID(), createdAt: at(7) });
      expect(await harness.store.recordItem(again)).toEqual(item);
      const settled = await harness.store.recordItem({ ...again, status: 'resolved', resolution: 'settled_by_sync' });
      expect(settled).toMatchObject({ id: item.id, status: 'resolved', resolution: 'settled_by_sync' });
      const reopened = await harness.store.recordItem(again);
      expect(reopened.status).toBe('resolved');
      const page = await harness.store.listItems(run, { limit: 10 });
      expect(page.items).toHaveLength(1);
    });

    it('keeps a person’s acknowledgement, refuses a second one, and never shows another merchant’s item', async () => {
      const run = newRun();
      const item = await harness.store.recordItem(newItem(run));
      const actor = { type: 'dashboard_user' as const, id: randomUUID(), display: 'keiri@example.jp' };
      const done = await harness.store.updateItem(run.merchantAccountId, item.id, (stored) =>
        acknowledge(stored, actor, 'refunded by phone, booked by hand', at(20)),
      );
      expect(done.acknowledgement).toEqual({ actor, note: 'refunded by phone, booked by hand', at: at(20) });
      expect(await harness.store.getItem(run.merchantAccountId, item.id)).toEqual(done);
      await expect(
        harness.store.updateItem(run.merchantAccountId, item.id, (stored) =>
          acknowledge(stored, actor, 'again', at(21)),
        ),
      ).rejects.toBeInstanceOf(ReconciliationItemNotOpenError);
      expect(await harness.store.getItem('someone-else', item.id)).toBeUndefined();
      await expect(harness.store.updateItem('someone-else', item.id, (stored) => stored)).rejects.toMatchObject({
        code: 'reconciliation_item_not_found',
      });
      expect((await harness.store.recordItem({ ...item, status: 'resolved' })).status).toBe('acknowledged');
    });

    it('filters items by kind and status, pages them, and tallies them by kind and status per ledger', async () => {
      const run = newRun();
      const items = [
        newItem(run, { createdAt: at(1) }),
        newItem(run, { createdAt: at(2), status: 'resolved', resolution: 'settled_by_sync' }),
        newItem(run, { createdAt: at(3), kind: 'unknown_order', key: 'unknown_order:order_test_9' }),
      ];
      for (const item of items) await harness.store.recordItem(item);
      await harness.store.recordItem(newItem(newRun({ merchantAccountId: run.merchantAccountId })));
      await harness.store.recordItem(newItem({ ...run, date: '2026-03-02' }));
      const open = await harness.store.listItems(run, { limit: 10, status: 'open' });
      expect(open.items.map((item) => item.id)).toEqual([items[2]?.id, items[0]?.id]);
      const captures = await harness.store.listItems(run, { limit: 1, kind: 'unknown_capture' });
      expect(captures.items.map((item) => item.id)).toEqual([items[1]?.id]);
      const rest = await harness.store.listItems(run, {
        limit: 1,
        kind: 'unknown_capture',
        cursor: captures.nextCursor ?? '',
      });
      expect(rest.items.map((item) => item.id)).toEqual([items[0]?.id]);
      expect(rest.nextCursor).toBeNull();
      const tally = await harness.store.tally(run);
      expect(tally.sort((a, b) => `${a.kind}${a.status}`.localeCompare(`${b.kind}${b.status}`))).toEqual([
        { kind: 'unknown_capture', status: 'open', count: 1 },
        { kind: 'unknown_capture', status: 'resolved', count: 1 },
        { kind: 'unknown_order', status: 'open', count: 1 },
      ]);
    });

    it('reads a completed run with its day’s items counted as they are now, not as the run left them', async () => {
      const run = newRun();
      const merchant = run.merchantAccountId;
      const summary = {
        transactions: 2,
        providerOrders: 2,
        providerCalls: 3,
        kessai: { captured: 1000, refunded: 0 },
        provider: { captured: 2200, refunded: 0 },
        kinds: { unknown_capture: 1, in_flight: 1 } as NonNullable<ReconciliationRun['summary']>['kinds'],
        open: 1,
        resolved: 0,
        acknowledged: 0,
        inFlight: 1,
      };
      const completed: ReconciliationRun = { ...run, status: 'completed', summary, completedAt: at(4) };
      const pending = newRun({ merchantAccountId: merchant, paymentServiceId: run.paymentServiceId, createdAt: at(6) });
      await harness.store.addRun(completed);
      await harness.store.addRun(pending);
      const item = await harness.store.recordItem(newItem(run));
      await harness.store.recordItem(newItem(run, { kind: 'in_flight', key: 'in_flight:payment_test_1' }));
      await harness.store.recordItem(newItem({ ...run, date: '2026-03-02' }));
      const actor = { type: 'dashboard_user' as const, id: randomUUID(), display: 'keiri@example.jp' };
      await harness.store.updateItem(merchant, item.id, (stored) =>
        acknowledge(stored, actor, 'booked by hand', at(9)),
      );
      const now = { ...summary, open: 0, acknowledged: 1, inFlight: 1 };
      expect((await harness.store.getRun(merchant, run.id))?.summary).toEqual({
        ...now,
        kinds: expect.objectContaining({ unknown_capture: 1, in_flight: 1, unknown_order: 0 }),
      });
      const listed = await harness.store.listRuns(merchant, { limit: 10 });
      expect(listed.items.map((listedRun) => listedRun.summary?.acknowledged ?? null)).toEqual([null, 1]);
      expect(listed.items[1]?.summary).toMatchObject(now);
    });

    it('records the same key once when runs race', async () => {
      const run = newRun();
      const key = 'unknown_order:order_test_race';
      const stored = await Promise.all(
        Array.from({ length: 5 }, () => harness.store.recordItem(newItem(run, { key, id: randomUUID() }))),
      );
      expect(new Set(stored.map((item) => item.id)).size).toBe(1);
    });
  });
}
