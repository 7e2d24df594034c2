import { randomUUID } from 'node:crypto';
import { SMARTPAY_CAPABILITIES } from '@kessai/domain';
import { authorizedTransaction } from '@kessai/domain/testing';
import { connectPostgres } from '../connect';
import { FILL_TRANSACTION_ACTIVITY_SQL } from '../migrations/017-transaction-activity';
import { useTestDatabase } from '../testing/test-database';
import { GROUPS_SQL } from './knex-transaction-analytics';
import { KnexTransactionRepository } from './knex-transaction-repository';
import { EXPIRED_APPROVALS_SQL, listQuery, UNRESOLVED_SQL } from './transaction-reads';

const MERCHANT = 'm-activity';

describe("the transaction row's activity (migration 017)", () => {
  const database = useTestDatabase();

  /** The plan of `sql` with sequential scans priced out: which index PostgreSQL can answer it from. */
  async function planOf(sql: string, bindings: unknown): Promise<string> {
    return database().knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      const result = await trx.raw(`EXPLAIN ${sql}`, bindings as never);
      return (result.rows as Array<{ 'QUERY PLAN': string }>).map((row) => row['QUERY PLAN']).join('\n');
    });
  }

  it("makes a capture's and a refund's updates of the transaction row HOT, and the activity row follows them", async () => {
    const { knex, connectionString } = database();
    const tx = authorizedTransaction(new Date(), { merchantAccountId: MERCHANT, amount: 10_000 });
    await new KnexTransactionRepository(knex).add(tx);
    // A pool of its own: its backends report their statistics when it closes.
    const writer = connectPostgres(connectionString, { poolMax: 1 });
    const repository = new KnexTransactionRepository(writer);
    const moves = 3;
    for (let i = 0; i < moves; i++) {
      const captureId = randomUUID();
      await repository.update(MERCHANT, tx.id, (t) =>
        t.reserveCapture({ captureId, amount: 100, final: false }, SMARTPAY_CAPABILITIES, new Date()),
      );
      await repository.update(MERCHANT, tx.id, (t) =>
        t.recordCaptureOutcome(captureId, { kind: 'succeeded', value: { providerCaptureId: captureId } }, new Date()),
      );
    }
    const refundId = randomUUID();
    await repository.update(MERCHANT, tx.id, (t) =>
      t.reserveRefund({ refundId, amount: 50 }, SMARTPAY_CAPABILITIES, new Date()),
    );
    await repository.update(MERCHANT, tx.id, (t) =>
      t.recordRefundOutcome(refundId, { kind: 'succeeded', value: { providerRefundIds: ['r-1'] } }, new Date()),
    );
    await writer.destroy();

    const updates = moves * 2 + 2;
    let counted = { n_tup_upd: 0, n_tup_hot_upd: 0 };
    for (let waited = 0; counted.n_tup_upd < updates && waited < 10_000; waited += 100) {
      await knex.raw('SELECT pg_stat_clear_snapshot()');
      const { rows } = await knex.raw(
        `SELECT n_tup_upd::int, n_tup_hot_upd::int FROM pg_stat_user_tables WHERE relname = 'transactions'`,
      );
      counted = rows[0];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(counted).toEqual({ n_tup_upd: updates, n_tup_hot_upd: updates });

    const stored = await knex('transactions').where({ id: tx.id }).first();
    const activity = await knex('transaction_activity').where({ id: tx.id }).first();
    for (const column of ['status', 'updated_at', 'captured_amount', 'refunded_amount', 'authorized_amount'])
      expect([column, activity[column]]).toEqual([column, stored[column]]);
    expect(activity.captured_amount).toBe(300);
    expect(activity.refunded_amount).toBe(50);
  });

  it('keeps the list, its filters, the janitor and the overview on indexes', async () => {
    const { knex } = database();
    // Enough of one merchant's transactions (copies, each its own id and time) that an index is worth reading.
    const seed = authorizedTransaction(new Date(), { merchantAccountId: MERCHANT });
    await new KnexTransactionRepository(knex).add(seed);
    const columns: string[] = await knex('information_schema.columns')
      .where({ table_name: 'transactions', table_schema: 'public' })
      .pluck('column_name');
    const copied = columns.map((column) => {
      if (column === 'id') return 'gen_random_uuid()';
      if (column === 'updated_at' || column === 'created_at') return `${column} - n * interval '1 second'`;
      return column;
    });
    await knex.raw(
      `INSERT INTO transactions (${columns.join(', ')})
       SELECT ${copied.join(', ')} FROM transactions, generate_series(1, 10000) AS n WHERE id = ?`,
      [seed.id],
    );
    await knex.raw(FILL_TRANSACTION_ACTIVITY_SQL);
    // Vacuumed, as autovacuum leaves a table: an index-only scan needs the visibility map.
    await knex.raw('VACUUM ANALYZE transactions, transaction_activity');
    const list = async (filters: Parameters<typeof listQuery>[2]) => {
      const { sql, bindings } = listQuery(knex, MERCHANT, filters).q.toSQL().toNative();
      return planOf(sql.replace(/\$(\d+)/g, '?'), bindings);
    };
    expect(await list({ limit: 20 })).toContain('transaction_activity_cursor');
    expect(await list({ limit: 20, updatedAtGte: new Date(0) })).toContain('transaction_activity_cursor');
    expect(await list({ limit: 20, errorCodes: ['declined'] })).toContain('transaction_activity_error_code');
    const expired = await planOf(EXPIRED_APPROVALS_SQL.replace(/\$\d/g, '?'), [new Date(), 10]);
    expect(expired).toContain('transaction_activity_pending_approval');
    const unresolved = await planOf(UNRESOLVED_SQL.replace(/\$\d/g, '?'), [new Date(), new Date(), new Date(), 10]);
    expect(unresolved).toContain('transaction_activity_void_pending');
    const overview = await planOf(GROUPS_SQL, { merchant: MERCHANT, timeZone: 'Asia/Tokyo', from: new Date(0) });
    expect(overview).toMatch(/Index (Only )?Scan (on|using) transaction_figures_pkey/);
    for (const plan of [expired, unresolved, overview]) expect(plan).not.toContain('Seq Scan on transaction_activity');
  });
});
