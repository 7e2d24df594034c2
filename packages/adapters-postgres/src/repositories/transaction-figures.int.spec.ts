import { randomUUID } from 'node:crypto';
import { capturesOf, refundsOf, SMARTPAY_CAPABILITIES, type Transaction } from '@kessai/domain';
import { authorizedTransaction, pendingApprovalTransaction } from '@kessai/domain/testing';
import { useTestDatabase } from '../testing/test-database';
import { KnexTransactionRepository } from './knex-transaction-repository';
import { rebuildTransactionFigures } from './transaction-figures';

/**
 * The rollup the writes keep must be the one counted from the rows (the migration's backfill): every kind of
 * change, and many writers at once in one slot, end on the same figures.
 */
describe('the overview rollup kept by the writes', () => {
  const database = useTestDatabase();
  const at = new Date('2026-03-10T03:00:00.000Z');

  const figures = async (merchant: string) =>
    (
      await database().knex.raw(
        `SELECT slot, money_state, shard, created, approved, authorized_amount::int, captured_amount::int,
           refunded_amount::int
         FROM transaction_figures WHERE merchant_account_id = ? AND created <> 0 ORDER BY slot, money_state, shard`,
        [merchant],
      )
    ).rows;

  it('equals the figures counted again from the transactions, after every kind of change and racing writers', async () => {
    const merchant = `m-${randomUUID()}`;
    const repository = new KnexTransactionRepository(database().knex);
    const change = (tx: Transaction, act: (t: Transaction) => void) =>
      repository.update(merchant, tx.id, act).then((r) => r.transaction);
    const capture = (tx: Transaction, amount: number) =>
      change(tx, (t) => {
        t.reserveCapture({ captureId: randomUUID(), amount, final: amount === 10_000 }, SMARTPAY_CAPABILITIES, at);
        const id = capturesOf(t.state).at(-1)?.id ?? '';
        t.recordCaptureOutcome(id, { kind: 'succeeded', value: { providerCaptureId: `p-${id}` } }, at);
      });
    const refund = (tx: Transaction, amount: number) =>
      change(tx, (t) => {
        t.reserveRefund({ refundId: randomUUID(), amount }, SMARTPAY_CAPABILITIES, at);
        const id = refundsOf(t.state).at(-1)?.id ?? '';
        t.recordRefundOutcome(id, { kind: 'succeeded', value: { providerRefundIds: [`r-${id}`] } }, at);
      });
    const made = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const tx = (i % 4 === 0 ? pendingApprovalTransaction : authorizedTransaction)(
          new Date(at.getTime() - i * 60_000),
          {
            merchantAccountId: merchant,
          },
        );
        await repository.add(tx);
        return tx;
      }),
    );
    // Writers at once on different transactions of the same slots, moving them through every money state.
    await Promise.all(
      made.map(async (tx, i) => {
        if (i % 4 === 0) return change(tx, (t) => (i % 8 === 0 ? t.cancel(at) : t.expireApproval(at)));
        if (i % 4 === 1) return refund(await capture(tx, 10_000), i % 8 === 1 ? 10_000 : 2_000);
        if (i % 4 === 2) return capture(await capture(tx, 3_000), 1_000);
        return change(tx, (t) => t.reserveVoid(SMARTPAY_CAPABILITIES, at)).then((t) =>
          change(t, (v) => v.recordVoidOutcome({ kind: 'succeeded', value: undefined }, at)),
        );
      }),
    );

    const kept = await figures(merchant);
    expect(kept.length).toBeGreaterThan(5);
    await rebuildTransactionFigures(database().knex, merchant);
    expect(await figures(merchant)).toEqual(kept);
  });
});
