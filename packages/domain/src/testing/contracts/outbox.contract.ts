import { SMARTPAY_CAPABILITIES } from '../../connector/capability-profile';
import type { Outbox } from '../../ports/outbox';
import type { TransactionRepository } from '../../ports/transaction-repository';
import { Transaction } from '../../transaction/transaction';
import { newTransactionInput } from '../fixtures';

export interface OutboxHarness {
  outbox: Outbox;
  /** The repository whose writes feed this outbox. */
  repository: TransactionRepository;
  close?: () => Promise<void>;
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

    it('holds the events of a write, in order, until they are marked dispatched', async () => {
      const now = new Date('2026-03-01T10:00:00.000Z');
      const merchant = `m-${Math.random().toString(36).slice(2, 10)}`;
      const tx = Transaction.create(newTransactionInput({ merchantAccountId: merchant }), SMARTPAY_CAPABILITIES, now);
      await harness.repository.add(tx);
      await harness.repository.update(merchant, tx.id, (t) => t.cancel(now));
      const ours = async () => (await harness.outbox.pending(10_000)).filter((e) => e.event.transactionId === tx.id);
      const pending = await ours();
      expect(pending.map((e) => e.event.name)).toEqual(['transaction.created', 'transaction.canceled']);
      expect(pending[0]?.position).toBeLessThan(pending[1]?.position ?? 0);
      expect(pending[0]?.event.occurredAt).toEqual(now);
      await harness.outbox.markDispatched([pending[0]?.position ?? 0], now);
      expect((await ours()).map((e) => e.event.name)).toEqual(['transaction.canceled']);
    });
  });
}
