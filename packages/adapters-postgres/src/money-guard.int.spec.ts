import { randomUUID } from 'node:crypto';
import { SMARTPAY_CAPABILITIES } from '@kessai/domain';
import { authorizedTransaction, pendingApprovalTransaction } from '@kessai/domain/testing';
import { Client } from 'pg';
import { stepMigration } from './migrations/migrate';
import { KnexTransactionRepository } from './repositories/knex-transaction-repository';
import { useTestDatabase } from './testing/test-database';

/**
 * The database's own guard on the money, whatever writes to it: the transaction row's totals and their CHECKs.
 * Each case writes by hand, past the domain, and must be refused with SQLSTATE 23514.
 */
describe('the money guard in PostgreSQL', () => {
  const database = useTestDatabase();
  const repository = () => new KnexTransactionRepository(database().knex);
  const raw = (sql: string, values: string[]) => database().knex.raw(sql, values);
  const refused = (constraint: string | RegExp) => ({
    code: '23514',
    constraint: typeof constraint === 'string' ? constraint : expect.stringMatching(constraint),
  });

  async function capturedTransaction(amount: number, captured: number) {
    const tx = authorizedTransaction(new Date(), { merchantAccountId: 'guard', amount });
    const captureId = randomUUID();
    tx.reserveCapture({ captureId, amount: captured, final: false }, SMARTPAY_CAPABILITIES, new Date());
    tx.recordCaptureOutcome(
      captureId,
      { kind: 'succeeded', value: { providerCaptureId: 'payment_guard' } },
      new Date(),
    );
    await repository().add(tx);
    return tx.id;
  }

  it('refuses reserving more for captures than the amount, written straight into the row', async () => {
    const id = await capturedTransaction(1000, 400);
    await expect(
      raw('UPDATE transactions SET reserved_capture_amount = amount + 1 WHERE id = ?', [id]),
    ).rejects.toMatchObject(refused(/^transactions_(no_over_capture|capture_within_authorized)$/));
  });

  it('refuses a capture reserved on a transaction that authorized nothing', async () => {
    const tx = pendingApprovalTransaction(new Date(), { merchantAccountId: 'guard', amount: 1000 });
    await repository().add(tx);
    await expect(
      raw('UPDATE transactions SET reserved_capture_amount = 1 WHERE id = ?', [tx.id]),
    ).rejects.toMatchObject(refused('transactions_capture_within_authorized'));
  });

  it('refuses refunding more than was captured, written straight into the row', async () => {
    const id = await capturedTransaction(1000, 400);
    await expect(
      raw('UPDATE transactions SET reserved_refund_amount = captured_amount + 1 WHERE id = ?', [id]),
    ).rejects.toMatchObject(refused('transactions_no_over_refund'));
  });

  it('refuses a negative total', async () => {
    const id = await capturedTransaction(1000, 400);
    await expect(raw('UPDATE transactions SET refunded_amount = -1 WHERE id = ?', [id])).rejects.toMatchObject(
      refused('transactions_totals_non_negative'),
    );
  });

  it('checks two raw writers adding to the same total one after the other, so both cannot pass', async () => {
    const id = await capturedTransaction(1000, 400);
    const first = new Client({ connectionString: database().connectionString });
    const second = new Client({ connectionString: database().connectionString });
    await Promise.all([first.connect(), second.connect()]);
    try {
      const add = 'UPDATE transactions SET reserved_capture_amount = reserved_capture_amount + 400 WHERE id = $1';
      await first.query('BEGIN');
      await first.query(add, [id]);
      const waiting = second.query(add, [id]);
      await first.query('COMMIT');
      await expect(waiting).rejects.toMatchObject({ code: '23514' });
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    const [row] = (await raw('SELECT reserved_capture_amount FROM transactions WHERE id = ?', [id])).rows;
    expect(row.reserved_capture_amount).toBe(800);
  });

  it('keeps the totals with the children a capture writes, with no trigger on captures or refunds', async () => {
    const id = await capturedTransaction(1000, 400);
    await repository().update('guard', id, (tx) =>
      tx.reserveCapture({ captureId: randomUUID(), amount: 250, final: false }, SMARTPAY_CAPABILITIES, new Date()),
    );
    const [row] = (
      await raw(
        `SELECT t.reserved_capture_amount, t.captured_amount,
                (SELECT sum(amount) FROM captures WHERE transaction_id = t.id AND status IN ('pending', 'succeeded'))::int AS reserved,
                (SELECT sum(amount) FROM captures WHERE transaction_id = t.id AND status = 'succeeded')::int AS captured
           FROM transactions t WHERE t.id = ?`,
        [id],
      )
    ).rows;
    expect(row).toEqual({ reserved_capture_amount: 650, captured_amount: 400, reserved: 650, captured: 400 });
    const triggers = await raw(
      `SELECT tgname FROM pg_trigger WHERE tgrelid IN ('captures'::regclass, 'refunds'::regclass) AND NOT tgisinternal`,
      [],
    );
    expect(triggers.rows).toEqual([]);
  });

  it('derives the totals from the children when the guard moves onto the row', async () => {
    await stepMigration(database().knex, '011-money-guard-checks', 'down');
    const id = await capturedTransaction(1000, 400);
    await repository().update('guard', id, (tx) =>
      tx.reserveCapture({ captureId: randomUUID(), amount: 250, final: false }, SMARTPAY_CAPABILITIES, new Date()),
    );
    await raw('UPDATE transactions SET reserved_capture_amount = captured_amount WHERE id = ?', [id]);
    await stepMigration(database().knex, '011-money-guard-checks', 'up');
    const [row] = (await raw('SELECT reserved_capture_amount, captured_amount FROM transactions WHERE id = ?', [id]))
      .rows;
    expect(row).toEqual({ reserved_capture_amount: 650, captured_amount: 400 });
  });
});
