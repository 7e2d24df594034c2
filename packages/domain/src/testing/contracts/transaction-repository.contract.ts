import { randomUUID } from 'node:crypto';
import { SMARTPAY_CAPABILITIES } from '../../connectors/capability-profile';
import { DomainError, DuplicateRecordError, TransactionNotFoundError } from '../../errors';
import type { Outbox } from '../../transactions/ports/outbox';
import type { TransactionRepository } from '../../transactions/ports/transaction-repository';
import { Transaction } from '../../transactions/transaction';
import { capturesOf, refundsOf } from '../../transactions/transaction-state';
import { authorizedTransaction, newTransactionInput, pendingApprovalTransaction, TEST_PERSON } from '../fixtures';
import { waitingEntries } from './outbox.contract';

export interface TransactionRepositoryHarness {
  repository: TransactionRepository;
  /** The outbox the repository writes events into. */
  outbox: Outbox;
  /** Releases connections etc. Called after each test. */
  close?: () => Promise<void>;
}

/**
 * The behaviour every TransactionRepository must show. Run it against your adapter:
 *   describeTransactionRepositoryContract('MyRepository', async () => ({ repository, outbox }));
 * Each test gets a fresh harness and uses merchant ids unique to it, so a shared database is fine.
 */
export function describeTransactionRepositoryContract(
  name: string,
  makeHarness: () => Promise<TransactionRepositoryHarness>,
): void {
  describe(`${name} (TransactionRepository contract)`, () => {
    let harness: TransactionRepositoryHarness;
    let merchant: string;
    const now = new Date('2026-03-01T10:00:00.000Z');
    beforeEach(async () => {
      harness = await makeHarness();
      merchant = `m-${Math.random().toString(36).slice(2, 10)}`;
    });
    afterEach(async () => {
      await harness.close?.();
    });
    const repo = () => harness.repository;

    it('stores a new transaction and gives back the same data, version 1', async () => {
      const tx = pendingApprovalTransaction(now, {
        merchantAccountId: merchant,
        metadata: { order: 'A-1' },
        externalIdentifier: 'ext-1',
      });
      await repo().add(tx);
      const loaded = await repo().get(merchant, tx.id);
      expect(loaded?.state).toEqual(tx.state);
      expect(loaded?.version).toBe(1);
      expect(await repo().summary(merchant, tx.id)).toEqual({ ...tx.summary(), version: 1 });
    });

    it('summarises a transaction as get reads it, with its totals and without its children, in a list too', async () => {
      const tx = authorizedTransaction(now, {
        merchantAccountId: merchant,
        amount: 10_000,
        metadata: { order: 'S-1' },
      });
      await repo().add(tx);
      await repo().update(merchant, tx.id, (t) => {
        t.reserveCapture({ captureId: randomUUID(), amount: 6_000, final: false }, SMARTPAY_CAPABILITIES, now);
      });
      const captured = await repo().update(merchant, tx.id, (t) => {
        const captureId = capturesOf(t.state)[0]?.id ?? '';
        t.recordCaptureOutcome(captureId, { kind: 'succeeded', value: { providerCaptureId: 'p-1' } }, now);
        t.reserveRefund({ refundId: randomUUID(), amount: 2_500 }, SMARTPAY_CAPABILITIES, now);
        return refundsOf(t.state);
      });
      const refundId = captured.result[0]?.id ?? '';
      await repo().update(merchant, tx.id, (t) =>
        t.recordRefundOutcome(refundId, { kind: 'succeeded', value: { providerRefundIds: ['r-1'] } }, now),
      );
      const stored = await repo().get(merchant, tx.id);
      if (!stored) throw new Error('stored transaction not found');
      const summary = await repo().summary(merchant, tx.id);
      expect(summary).toEqual(stored.summary());
      expect(summary).toMatchObject({
        authorizedAmount: 10_000,
        capturedAmount: 6_000,
        refundedAmount: 2_500,
        reservedRefundAmount: 2_500,
      });
      expect(summary).not.toHaveProperty('captures');
      expect((await repo().list(merchant, { limit: 5 })).items).toEqual([summary]);
      expect(await repo().summary(`${merchant}-other`, tx.id)).toBeUndefined();
      expect(await repo().summary(merchant, randomUUID())).toBeUndefined();
    });

    it('refuses a second add of the same id with DuplicateRecordError', async () => {
      const tx = pendingApprovalTransaction(now, { merchantAccountId: merchant });
      await repo().add(tx);
      await expect(repo().add(Transaction.rehydrate(tx.state, 0))).rejects.toBeInstanceOf(DuplicateRecordError);
    });

    it("hides another merchant's transaction", async () => {
      const tx = pendingApprovalTransaction(now, { merchantAccountId: merchant });
      await repo().add(tx);
      expect(await repo().get(`${merchant}-other`, tx.id)).toBeUndefined();
      expect(await repo().summary(`${merchant}-other`, tx.id)).toBeUndefined();
      await expect(repo().update(`${merchant}-other`, tx.id, () => undefined)).rejects.toBeInstanceOf(
        TransactionNotFoundError,
      );
    });

    it('round-trips captures and refunds with all their fields', async () => {
      const tx = authorizedTransaction(now, { merchantAccountId: merchant });
      await repo().add(tx);
      await repo().update(merchant, tx.id, (t) => {
        t.reserveCapture({ captureId: randomUUID(), amount: 4000, final: false }, SMARTPAY_CAPABILITIES, now);
      });
      const { transaction } = await repo().update(merchant, tx.id, (t) => {
        const capture = capturesOf(t.state)[0];
        t.recordCaptureOutcome(
          capture?.id ?? '',
          { kind: 'succeeded', value: { providerCaptureId: 'payment_test_1' } },
          now,
        );
        t.reserveRefund(
          { refundId: randomUUID(), amount: 1500, reason: 'requested_by_customer' },
          SMARTPAY_CAPABILITIES,
          now,
        );
      });
      const loaded = await repo().get(merchant, tx.id);
      expect(loaded?.state).toEqual(transaction.state);
      expect(loaded?.version).toBe(transaction.version);
      expect(await repo().summary(merchant, tx.id)).toEqual(transaction.summary());
      expect(loaded?.capturedAmount).toBe(4000);
      const refunds = loaded ? refundsOf(loaded.state) : [];
      expect(refunds[0]).toMatchObject({
        amount: 1500,
        status: 'processing',
        reason: 'requested_by_customer',
      });
      const found = await repo().findRefund(merchant, refunds[0]?.id ?? '');
      expect(found).toMatchObject({ transactionId: tx.id, refund: { amount: 1500 } });
      expect(found?.refund).toEqual(refunds[0]);
      expect(await repo().findRefund(`${merchant}-other`, refunds[0]?.id ?? '')).toBeUndefined();
    });

    it('update persists the change, its events (history + outbox) and bumps the version', async () => {
      const tx = authorizedTransaction(now, { merchantAccountId: merchant });
      await repo().add(tx);
      const { transaction, result } = await repo().update(merchant, tx.id, (t) =>
        t.reserveCapture({ captureId: randomUUID(), amount: 2500 }, SMARTPAY_CAPABILITIES, now),
      );
      expect(result.created).toBe(true);
      expect(transaction.version).toBe(2);
      const stored = await repo().get(merchant, tx.id);
      expect(stored?.state).toEqual(transaction.state);
      expect(stored?.version).toBe(2);
      const history = await repo().listEvents(merchant, tx.id, { limit: 100 });
      expect(history.map((e) => e.name)).toEqual([
        'transaction.created',
        'transaction.approval-pending',
        'transaction.authorized',
        'transaction.capture-pending',
      ]);
      expect(history.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
      const outboxed = await waitingEntries(harness.outbox, tx.id);
      expect(outboxed.map((entry) => entry.event.id)).toEqual(history.map((e) => e.id));
      expect(await repo().listEvents(`${merchant}-other`, tx.id, { limit: 100 })).toEqual([]);
      // A window is bounded and keyed by sequence, from either end.
      const after = await repo().listEvents(merchant, tx.id, { limit: 2, after: 1 });
      expect(after.map((e) => e.sequence)).toEqual([2, 3]);
      const before = await repo().listEvents(merchant, tx.id, { limit: 2, before: 4 });
      expect(before.map((e) => e.sequence)).toEqual([2, 3]);
    });

    it('update whose decision throws writes nothing', async () => {
      const tx = authorizedTransaction(now, { merchantAccountId: merchant });
      await repo().add(tx);
      await expect(
        repo().update(merchant, tx.id, (t) =>
          t.reserveCapture({ captureId: randomUUID(), amount: 999_999 }, SMARTPAY_CAPABILITIES, now),
        ),
      ).rejects.toBeInstanceOf(DomainError);
      const loaded = await repo().get(merchant, tx.id);
      expect(loaded?.version).toBe(1);
      expect(loaded && capturesOf(loaded.state)).toEqual([]);
      expect(await repo().listEvents(merchant, tx.id, { limit: 100 })).toHaveLength(3);
    });

    it('serialises concurrent updates: racing reservations never exceed the authorized amount', async () => {
      const tx = authorizedTransaction(now, { merchantAccountId: merchant, amount: 10_000 });
      await repo().add(tx);
      const amounts = Array.from({ length: 40 }, (_, i) => 300 + ((i * 137) % 900));
      const outcomes = await Promise.allSettled(
        amounts.map((amount) =>
          repo().update(merchant, tx.id, (t) =>
            t.reserveCapture({ captureId: randomUUID(), amount, final: false }, SMARTPAY_CAPABILITIES, now),
          ),
        ),
      );
      const accepted = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [amounts[i] ?? 0] : []));
      const stored = await repo().get(merchant, tx.id);
      const captures = stored ? capturesOf(stored.state) : [];
      const reserved = captures.reduce((sum, c) => sum + c.amount, 0);
      expect(reserved).toBeLessThanOrEqual(10_000);
      expect(reserved).toBe(accepted.reduce((a, b) => a + b, 0));
      expect(captures).toHaveLength(accepted.length);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(DomainError);
    });

    it('finds a transaction by its provider reference within the connection', async () => {
      const tx = pendingApprovalTransaction(now, { merchantAccountId: merchant });
      await repo().add(tx);
      const data = tx.summary();
      const found = await repo().findByProviderOrderId(data.paymentServiceId, data.providerOrderId ?? '');
      expect(found?.id).toBe(tx.id);
      expect(
        await repo().findByProviderOrderId('00000000-0000-4000-8000-00000000ffff', data.providerOrderId ?? ''),
      ).toBeUndefined();
    });

    it("finds a transaction by one of its captures' provider id within the connection", async () => {
      const tx = authorizedTransaction(now, { merchantAccountId: merchant, amount: 10_000 });
      const first = randomUUID();
      tx.reserveCapture({ captureId: first, amount: 4_000, final: false }, SMARTPAY_CAPABILITIES, now);
      const paymentId = `payment_test_${randomUUID().slice(0, 8)}`;
      tx.recordCaptureOutcome(first, { kind: 'succeeded', value: { providerCaptureId: paymentId } }, now);
      await repo().add(tx);
      const data = tx.summary();
      expect((await repo().findByProviderCaptureId(data.paymentServiceId, paymentId))?.id).toBe(tx.id);
      expect(await repo().findByProviderCaptureId('00000000-0000-4000-8000-00000000ffff', paymentId)).toBeUndefined();
      expect(await repo().findByProviderCaptureId(data.paymentServiceId, 'payment_test_unknown')).toBeUndefined();
    });

    it('lists newest-updated first with filters and a cursor that pages forward and back', async () => {
      const made: Transaction[] = [];
      for (let i = 0; i < 7; i++) {
        const at = new Date(now.getTime() + i * 1000);
        const tx = pendingApprovalTransaction(at, {
          merchantAccountId: merchant,
          amount: 1000 * (i + 1),
          externalIdentifier: i === 3 ? 'find-me' : null,
          metadata: { parity: i % 2 === 0 ? 'even' : 'odd', shop: 'tokyo' },
        });
        made.push(tx);
        await repo().add(tx);
      }
      await repo().add(pendingApprovalTransaction(now, { merchantAccountId: `${merchant}-other` }));
      const ids = made.map((t) => t.id).reverse();
      const page1 = await repo().list(merchant, { limit: 3 });
      expect(page1.items.map((t) => t.id)).toEqual(ids.slice(0, 3));
      expect(page1.previousCursor).toBeNull();
      const page2 = await repo().list(merchant, { limit: 3, cursor: page1.nextCursor ?? undefined });
      expect(page2.items.map((t) => t.id)).toEqual(ids.slice(3, 6));
      const page3 = await repo().list(merchant, { limit: 3, cursor: page2.nextCursor ?? undefined });
      expect(page3.items.map((t) => t.id)).toEqual(ids.slice(6));
      expect(page3.nextCursor).toBeNull();
      const back = await repo().list(merchant, { limit: 3, cursor: page2.previousCursor ?? undefined });
      expect(back.items.map((t) => t.id)).toEqual(ids.slice(0, 3));

      expect(
        (await repo().list(merchant, { limit: 10, externalIdentifier: 'find-me' })).items.map((t) => t.id),
      ).toEqual([made[3]?.id]);
      expect((await repo().list(merchant, { limit: 10, amountGte: 2000, amountLte: 4000 })).items).toHaveLength(3);
      expect((await repo().list(merchant, { limit: 10, amountEq: 5000 })).items).toHaveLength(1);
      expect(
        (await repo().list(merchant, { limit: 10, metadata: { parity: 'even', shop: 'tokyo' } })).items,
      ).toHaveLength(4);
      expect((await repo().list(merchant, { limit: 10, statuses: ['authorization_succeeded'] })).items).toHaveLength(0);
      expect((await repo().list(merchant, { limit: 10, statuses: ['buyer_approval_pending'] })).items).toHaveLength(7);
      const since = new Date(now.getTime() + 5000);
      expect((await repo().list(merchant, { limit: 10, createdAtGte: since })).items).toHaveLength(2);
      expect((await repo().list(merchant, { limit: 10, updatedAtLte: since })).items).toHaveLength(6);
    });

    it('walks a connection’s transactions created in a window, oldest first, each once though one changes meanwhile', async () => {
      const paymentServiceId = randomUUID();
      const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
      const inWindow = [0, 1, 1, 1, 2].map((seconds) =>
        authorizedTransaction(at(seconds), { merchantAccountId: merchant, paymentServiceId }),
      );
      const outside = [
        authorizedTransaction(at(-1), { merchantAccountId: merchant, paymentServiceId }),
        authorizedTransaction(at(3), { merchantAccountId: merchant, paymentServiceId }),
        authorizedTransaction(at(1), { merchantAccountId: merchant }),
        authorizedTransaction(at(1), { merchantAccountId: `${merchant}-other`, paymentServiceId }),
      ];
      for (const tx of [...inWindow, ...outside]) await repo().add(tx);
      const order = (tx: Transaction) => [tx.summary().createdAt.getTime(), tx.id] as const;
      const expected = [...inWindow]
        .sort((a, b) => order(a)[0] - order(b)[0] || (order(a)[1] < order(b)[1] ? -1 : 1))
        .map((tx) => tx.id);
      const seen: string[] = [];
      let after: { id: string; createdAt: Date } | undefined;
      for (;;) {
        const page = await repo().listCreated(merchant, { paymentServiceId, from: at(0), to: at(3), limit: 2, after });
        if (page.length === 0) break;
        seen.push(...page.map((row) => row.id));
        after = page.at(-1);
        // Changed while the walk goes on: newest updated now, still in its place by creation.
        await repo().update(merchant, expected[seen.length] ?? expected[0] ?? '', (t) =>
          t.reserveCapture({ captureId: randomUUID(), amount: 100 }, SMARTPAY_CAPABILITIES, at(60)),
        );
      }
      expect(seen).toEqual(expected);
      expect(after?.createdAt).toEqual(at(2));
    });

    it('searches a part of the external identifier or billing email, in any case, and ids exactly', async () => {
      const person = (emailAddress: string) => ({ ...TEST_PERSON, emailAddress });
      const hanako = pendingApprovalTransaction(now, {
        merchantAccountId: merchant,
        externalIdentifier: 'ORDER-2026-0042',
        billingDetails: person('Hanako.Yamada@Example.JP'),
      });
      const taro = pendingApprovalTransaction(now, {
        merchantAccountId: merchant,
        externalIdentifier: 'order_100%',
        billingDetails: person('taro@shop.example.com'),
      });
      await repo().add(hanako);
      await repo().add(taro);
      await repo().add(pendingApprovalTransaction(now, { merchantAccountId: `${merchant}-other` }));
      const found = async (search: string) =>
        (await repo().list(merchant, { limit: 10, search })).items.map((t) => t.id).sort();
      expect(await found('yamada@example')).toEqual([hanako.id]);
      expect(await found('EXAMPLE')).toEqual([hanako.id, taro.id].sort());
      expect(await found('order-2026')).toEqual([hanako.id]);
      expect(await found('0042')).toEqual([hanako.id]);
      expect(await found('100%')).toEqual([taro.id]);
      expect(await found('_100')).toEqual([taro.id]);
      expect(await found('0%')).toEqual([taro.id]);
      expect(await found('r_1')).toEqual([taro.id]);
      expect(await found('%')).toEqual([taro.id]);
      expect(await found(hanako.id)).toEqual([hanako.id]);
      expect(await found(hanako.id.slice(0, 8))).toEqual([]);
      expect(await found('nobody@example')).toEqual([]);
    });

    it('finds approvals past their expiry and transactions with unresolved children, for the janitor', async () => {
      const stale = pendingApprovalTransaction(now, { merchantAccountId: merchant });
      const fresh = pendingApprovalTransaction(new Date(now.getTime() + 3_600_000), { merchantAccountId: merchant });
      await repo().add(stale);
      await repo().add(fresh);
      const due = await repo().findExpiredApprovals(new Date(now.getTime() + 31 * 60_000), 1000);
      expect(due).toContainEqual({ merchantAccountId: merchant, id: stale.id });
      expect(due.map((d) => d.id)).not.toContain(fresh.id);

      const capturing = authorizedTransaction(now, { merchantAccountId: merchant });
      await repo().add(capturing);
      await repo().update(merchant, capturing.id, (t) =>
        t.reserveCapture({ captureId: randomUUID() }, SMARTPAY_CAPABILITIES, now),
      );
      expect(await repo().findUnresolved(new Date(now.getTime() - 1000), 1000)).not.toContainEqual({
        merchantAccountId: merchant,
        id: capturing.id,
      });
      expect(await repo().findUnresolved(new Date(now.getTime() + 60_000), 1000)).toContainEqual({
        merchantAccountId: merchant,
        id: capturing.id,
      });
    });

    it('stores a freshly created (processing) transaction without provider references', async () => {
      const tx = Transaction.create(newTransactionInput({ merchantAccountId: merchant }), SMARTPAY_CAPABILITIES, now);
      await repo().add(tx);
      expect((await repo().get(merchant, tx.id))?.summary()).toMatchObject({
        status: 'processing',
        providerOrderId: null,
        version: 1,
      });
    });
  });
}
