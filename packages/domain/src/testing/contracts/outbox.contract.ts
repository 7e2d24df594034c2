import { SMARTPAY_CAPABILITIES } from '../../connectors/capability-profile';
import type { Outbox, OutboxEntry } from '../../transactions/ports/outbox';
import type { TransactionRepository } from '../../transactions/ports/transaction-repository';
import { Transaction } from '../../transactions/transaction';
import { newTransactionInput } from '../fixtures';

export interface OutboxHarness {
  outbox: Outbox;
  /** The repository whose writes feed this outbox. */
  repository: TransactionRepository;
  close?: () => Promise<void>;
}

/**
 * The entries of `transactionId` still waiting (among the oldest 10,000), seen through a claim whose dispatch
 * fails on purpose, so that nothing is marked dispatched.
 */
export async function waitingEntries(outbox: Outbox, transactionId: string): Promise<OutboxEntry[]> {
  const looked = new Error('only looking');
  let seen: OutboxEntry[] = [];
  const peek = async (entries: OutboxEntry[]) => {
    seen = entries;
    throw looked;
  };
  await outbox.claim(10_000, peek, new Date()).catch((error: unknown) => {
    if (error !== looked) throw error;
  });
  return seen.filter((entry) => entry.event.transactionId === transactionId);
}

export function describeOutboxContract(name: string, makeHarness: () => Promise<OutboxHarness>): void {
  describe(`${name} (Outbox contract)`, () => {
    let harness: OutboxHarness;
    beforeEach(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => {
      await harness.close?.();
    });

    it('holds the events of a write, in order, until a claim dispatches them', async () => {
      const now = new Date('2026-03-01T10:00:00.000Z');
      while ((await harness.outbox.claim(1000, async () => undefined, now)) > 0);
      const merchant = `m-${Math.random().toString(36).slice(2, 10)}`;
      const tx = Transaction.create(newTransactionInput({ merchantAccountId: merchant }), SMARTPAY_CAPABILITIES, now);
      await harness.repository.add(tx);
      await harness.repository.update(merchant, tx.id, (t) => t.cancel(now));
      const pending = await waitingEntries(harness.outbox, tx.id);
      expect(pending.map((e) => e.event.name)).toEqual(['transaction.created', 'transaction.canceled']);
      expect(pending[0]?.position).toBeLessThan(pending[1]?.position ?? 0);
      expect(pending[0]?.event.occurredAt).toEqual(now);
      expect(await harness.outbox.claim(1, async () => undefined, now)).toBe(1);
      expect((await waitingEntries(harness.outbox, tx.id)).map((e) => e.event.name)).toEqual(['transaction.canceled']);
    });

    it('claims in position order, marks a batch dispatched only when its dispatcher succeeds', async () => {
      const now = new Date('2026-03-01T10:00:00.000Z');
      while ((await harness.outbox.claim(1000, async () => undefined, now)) > 0);
      const merchant = `m-${Math.random().toString(36).slice(2, 10)}`;
      const tx = Transaction.create(newTransactionInput({ merchantAccountId: merchant }), SMARTPAY_CAPABILITIES, now);
      await harness.repository.add(tx);
      await harness.repository.update(merchant, tx.id, (t) => t.cancel(now));

      await expect(
        harness.outbox.claim(10, async () => Promise.reject(new Error('receiver down')), now),
      ).rejects.toThrow('receiver down');
      const seen: string[] = [];
      const claimed = await harness.outbox.claim(
        10,
        async (entries) => {
          seen.push(...entries.map((e) => e.event.name));
        },
        now,
      );
      expect(claimed).toBe(2);
      expect(seen).toEqual(['transaction.created', 'transaction.canceled']);
      expect(await harness.outbox.claim(10, async () => undefined, now)).toBe(0);
    });

    it('lets one dispatcher at a time claim, so concurrent dispatchers never reorder or repeat', async () => {
      const now = new Date('2026-03-01T10:00:00.000Z');
      while ((await harness.outbox.claim(1000, async () => undefined, now)) > 0);
      const merchant = `m-${Math.random().toString(36).slice(2, 10)}`;
      for (let i = 0; i < 6; i++) {
        const tx = Transaction.create(newTransactionInput({ merchantAccountId: merchant }), SMARTPAY_CAPABILITIES, now);
        await harness.repository.add(tx);
      }
      const order: number[] = [];
      let inside = 0;
      let overlapped = false;
      const dispatcher = async (entries: { position: number }[]) => {
        inside++;
        if (inside > 1) overlapped = true;
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push(...entries.map((e) => e.position));
        inside--;
      };
      const claims = await Promise.all([1, 2, 3, 4].map(() => harness.outbox.claim(2, dispatcher, now)));
      expect(claims.reduce((a, b) => a + b, 0)).toBe(6);
      expect(overlapped).toBe(false);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(new Set(order).size).toBe(6);
    });

    it('forgets a batch once dispatched: never claimed again, and nothing is left to prune', async () => {
      const now = new Date('2026-03-01T10:00:00.000Z');
      while ((await harness.outbox.claim(1000, async () => undefined, now)) > 0);
      const merchant = `m-${Math.random().toString(36).slice(2, 10)}`;
      const tx = Transaction.create(newTransactionInput({ merchantAccountId: merchant }), SMARTPAY_CAPABILITIES, now);
      await harness.repository.add(tx);
      expect(await waitingEntries(harness.outbox, tx.id)).toHaveLength(1);
      expect(await harness.outbox.claim(1000, async () => undefined, now)).toBeGreaterThanOrEqual(1);
      expect(await waitingEntries(harness.outbox, tx.id)).toEqual([]);
      expect(await harness.outbox.claim(1000, async () => undefined, now)).toBe(0);
      expect(await harness.outbox.prune(new Date('2026-03-02T00:00:00.000Z'), 100_000)).toBe(0);
    });
  });
}
