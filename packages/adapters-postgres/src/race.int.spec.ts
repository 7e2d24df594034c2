import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { capturesOf, refundsOf, SMARTPAY_CAPABILITIES } from '@kessai/domain';
import { authorizedTransaction } from '@kessai/domain/testing';
import { connectPostgres } from './connect';
import { KnexTransactionRepository } from './repositories/knex-transaction-repository';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

/**
 * The real race (issue 5): two processes, each with its own pool, reserve at once on one transaction; the sum
 * asked for exceeds the ceiling. Afterwards the reserved total never exceeds it and equals what was accepted.
 */
const TRIALS = 20;
const PER_SIDE = 60;

describe('concurrent reservations from two processes on one PostgreSQL', () => {
  let db: TestDatabase;
  let child: ChildProcess;
  let repository: KnexTransactionRepository;

  beforeAll(async () => {
    db = await createTestDatabase({ poolMax: 20 });
    repository = new KnexTransactionRepository(db.knex);
    // The compiled worker (`pnpm test` builds first): a separate Node process with its own pool.
    child = fork(join(__dirname, '../dist/testing/race-worker.js'), [db.connectionString], { stdio: 'inherit' });
    await new Promise((resolve) => child.once('message', resolve));
  }, 60_000);
  afterAll(async () => {
    child?.send('exit');
    await db?.drop();
  });

  const amounts = (n: number, max: number) => Array.from({ length: n }, () => 1 + Math.floor(Math.random() * max));
  const childRace = (order: object) =>
    new Promise<number[]>((resolve) => {
      child.once('message', (message: { accepted: number[] }) => resolve(message.accepted));
      child.send(order);
    });

  async function race(kind: 'capture' | 'refund', merchantAccountId: string, transactionId: string, max: number) {
    const mine = amounts(PER_SIDE, max);
    const theirs = amounts(PER_SIDE, max);
    const [ours, other] = await Promise.all([
      Promise.allSettled(
        mine.map((amount) =>
          repository.update(merchantAccountId, transactionId, (tx) =>
            kind === 'capture'
              ? tx.reserveCapture({ captureId: randomUUID(), amount, final: false }, SMARTPAY_CAPABILITIES, new Date())
              : tx.reserveRefund({ refundId: randomUUID(), amount }, SMARTPAY_CAPABILITIES, new Date()),
          ),
        ),
      ),
      childRace({ kind, merchantAccountId, transactionId, amounts: theirs }),
    ]);
    const accepted = [...mine.filter((_, i) => ours[i]?.status === 'fulfilled'), ...other];
    return { accepted, asked: [...mine, ...theirs] };
  }

  it(`never reserves captures past the authorized amount (${TRIALS} trials × ${PER_SIDE * 2} racing reservations)`, async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const merchant = `race-${trial}`;
      const tx = authorizedTransaction(new Date(), { merchantAccountId: merchant, amount: 20_000 });
      await repository.add(tx);
      const { accepted, asked } = await race('capture', merchant, tx.id, 600);
      expect(asked.reduce((a, b) => a + b, 0)).toBeGreaterThan(20_000);
      const stored = await repository.get(merchant, tx.id);
      const reserved = (stored ? capturesOf(stored.state) : []).reduce((sum, c) => sum + c.amount, 0);
      expect(reserved).toBeLessThanOrEqual(20_000);
      expect(reserved).toBe(accepted.reduce((a, b) => a + b, 0));
      const row = await db.knex('transactions').where({ id: tx.id }).first();
      expect(row.reserved_capture_amount).toBe(reserved);
    }
  }, 120_000);

  it(`never reserves refunds past the captured amount (${TRIALS / 2} trials)`, async () => {
    for (let trial = 0; trial < TRIALS / 2; trial++) {
      const merchant = `race-refund-${trial}`;
      const tx = authorizedTransaction(new Date(), { merchantAccountId: merchant, amount: 20_000 });
      const captureId = randomUUID();
      tx.reserveCapture({ captureId, amount: 15_000, final: true }, SMARTPAY_CAPABILITIES, new Date());
      tx.recordCaptureOutcome(
        captureId,
        { kind: 'succeeded', value: { providerCaptureId: 'payment_test_race' } },
        new Date(),
      );
      await repository.add(tx);
      const { accepted } = await race('refund', merchant, tx.id, 500);
      const stored = await repository.get(merchant, tx.id);
      const reserved = (stored ? refundsOf(stored.state) : []).reduce((sum, r) => sum + r.amount, 0);
      expect(reserved).toBeLessThanOrEqual(15_000);
      expect(reserved).toBe(accepted.reduce((a, b) => a + b, 0));
    }
  }, 120_000);

  it('the database refuses an over-capture even if a buggy writer skipped the domain guard', async () => {
    const tx = authorizedTransaction(new Date(), { merchantAccountId: 'guard', amount: 1000 });
    await repository.add(tx);
    const pool = connectPostgres(db.connectionString, { poolMax: 1 });
    await expect(
      pool('transactions').where({ id: tx.id }).update({ reserved_capture_amount: 1001 }),
    ).rejects.toMatchObject({ code: '23514' });
    await pool.destroy();
  });
});
