import type { Knex } from 'knex';

/**
 * Marking an order's webhooks processed (`markAnsweredSql`, after every provider webhook) found them through the
 * connection's unique index, every webhook the connection ever received, and the pending ones: its cost grew with
 * the inbox. This index holds only the pending webhooks, by connection and order, so a marking reads the few of its
 * own order. Built CONCURRENTLY, as the inbox takes writes meanwhile; dropped first in case an interrupted run left
 * it invalid.
 */
export const config = { transaction: false };

export const PENDING_BY_ORDER = 'webhook_inbox_pending_order';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${PENDING_BY_ORDER}`);
  await knex.raw(
    `CREATE INDEX CONCURRENTLY ${PENDING_BY_ORDER} ON webhook_inbox (payment_service_id, provider_transaction_id, received_at)
     WHERE processed_at IS NULL`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${PENDING_BY_ORDER}`);
}
