import type { Knex } from 'knex';

/**
 * Indexes the overview (`KnexTransactionAnalytics`) reads instead of the tables: a merchant's transactions by
 * creation time, carrying every column the money state and the day's sums need (an index-only range scan), and
 * each merchant's given-up webhook deliveries. Built CONCURRENTLY so writes go on while they build; each is
 * dropped first in case an interrupted run left it invalid.
 */
export const config = { transaction: false };

const INDEXES: ReadonlyArray<[name: string, definition: string]> = [
  [
    'transactions_overview',
    `transactions (merchant_account_id, created_at) INCLUDE (status, error_code, canceled_at, authorized_at,
      authorized_amount, captured_amount, refunded_amount)`,
  ],
  ['webhook_deliveries_failed', `webhook_deliveries (merchant_account_id) WHERE status = 'failed'`],
];

export async function up(knex: Knex): Promise<void> {
  for (const [name, definition] of INDEXES) {
    await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
    await knex.raw(`CREATE INDEX CONCURRENTLY ${name} ON ${definition}`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const [name] of INDEXES) await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
}
