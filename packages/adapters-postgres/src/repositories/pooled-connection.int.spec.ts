import { randomUUID } from 'node:crypto';
import { SMARTPAY_CAPABILITIES } from '@kessai/domain';
import { authorizedTransaction } from '@kessai/domain/testing';
import { connectPostgres, type Knex } from '../connect';
import { useTestDatabase } from '../testing/test-database';
import { KnexIdempotencyStore } from './knex-idempotency-store';
import { KnexTransactionRepository } from './knex-transaction-repository';

/**
 * Through a transaction pooler the next transaction may run on another server connection: a statement prepared
 * by a protocol-level name on one is missing on the next. Unless asked for, Kessai names none; a statement sent
 * alone is prepared with SQL PREPARE where it runs, under a name its text gives (`sendPreparedThroughPooler`).
 */
describe('named prepared statements', () => {
  const database = useTestDatabase();

  async function preparedAfterAPayment(knex: Knex): Promise<string[]> {
    const transactions = new KnexTransactionRepository(knex);
    const idempotency = new KnexIdempotencyStore(knex);
    const tx = authorizedTransaction(new Date(), { merchantAccountId: 'pooled', amount: 5000 });
    await transactions.add(tx);
    await idempotency.begin({ merchantAccountId: 'pooled', key: randomUUID() }, 'fingerprint', new Date(), 10_000);
    // Through two repositories in turn: each finds the state it remembers stale and takes the locked path too.
    const elsewhere = new KnexTransactionRepository(knex);
    for (const [repository, amount] of [
      [transactions, 100],
      [elsewhere, 200],
      [transactions, 300],
      [elsewhere, 400],
    ] as const)
      await repository.update('pooled', tx.id, (t) =>
        t.reserveCapture({ captureId: randomUUID(), amount, final: false }, SMARTPAY_CAPABILITIES, new Date()),
      );
    await transactions.summary('pooled', tx.id);
    // The pool has one connection: the one every statement above went through.
    const rows = await knex.raw<{ rows: Array<{ name: string }> }>('select name from pg_prepared_statements');
    return rows.rows.map((row) => row.name);
  }

  it('are never sent on a pool that does not allow them (the default): only SQL PREPARE, named after the text', async () => {
    const knex = connectPostgres(database().connectionString, { poolMax: 1 });
    try {
      const prepared = await preparedAfterAPayment(knex);
      expect(prepared.length).toBeGreaterThan(0);
      for (const name of prepared) expect(name).toMatch(/^kessai_[0-9a-f]{32}$/);
    } finally {
      await knex.destroy();
    }
  });

  it('are used for the hot statements where allowed (a direct connection)', async () => {
    const knex = connectPostgres(database().connectionString, { poolMax: 1, preparedStatements: true });
    try {
      expect(await preparedAfterAPayment(knex)).toEqual(
        expect.arrayContaining(['kessai_idempotency_begin', 'kessai_locked_load']),
      );
    } finally {
      await knex.destroy();
    }
  });
});
