import { pendingApprovalTransaction } from '@kessai/domain/testing';
import { FILL_TRANSACTION_ACTIVITY_SQL } from '../migrations/017-transaction-activity';
import { useTestDatabase } from '../testing/test-database';
import { KnexTransactionRepository } from './knex-transaction-repository';
import { applyFilters } from './transaction-filters';

const ROWS = 50_000;

describe("the list's search on PostgreSQL", () => {
  const database = useTestDatabase();

  beforeAll(async () => {
    // One merchant with many transactions (copies of one, each with its own id, reference and e-mail).
    const { knex } = database();
    const seed = pendingApprovalTransaction(new Date(), { merchantAccountId: 'm-1' });
    await new KnexTransactionRepository(knex).add(seed);
    const columns: string[] = await knex('information_schema.columns')
      .where({ table_name: 'transactions', table_schema: 'public' })
      .pluck('column_name');
    const copied = columns.map((column) => {
      if (column === 'id') return 'gen_random_uuid()';
      if (column === 'external_identifier') return "'order-' || n";
      if (column === 'billing_details')
        return `jsonb_set(billing_details, '{emailAddress}', to_jsonb('buyer' || n || '@example.jp'))`;
      return column;
    });
    await knex.raw(
      `INSERT INTO transactions (${columns.join(', ')})
       SELECT ${copied.join(', ')} FROM transactions, generate_series(1, ${ROWS}) AS n WHERE id = ?`,
      [seed.id],
    );
    await knex.raw(FILL_TRANSACTION_ACTIVITY_SQL);
    await knex.raw('ANALYZE transactions, transaction_activity');
  }, 120_000);

  /** The plan PostgreSQL makes for the merchant's list searched for `search`. */
  async function planFor(search: string): Promise<string> {
    const { knex } = database();
    const q = knex('transactions').select('id').where({ merchant_account_id: 'm-1' });
    applyFilters(q, { limit: 20, search });
    const { sql, bindings } = q.toSQL();
    const result = await knex.raw(`EXPLAIN ${sql}`, bindings as never);
    return (result.rows as Array<{ 'QUERY PLAN': string }>).map((row) => row['QUERY PLAN']).join('\n');
  }

  it('answers a search by part of an e-mail or external id from the pg_trgm indexes, not by reading every row', async () => {
    const plan = await planFor('buyer4711@example');
    expect(plan).toContain('transactions_buyer_email_part');
    expect(plan).toContain('transactions_external_identifier_part');
    expect(plan).not.toContain('Seq Scan');
  });
});
