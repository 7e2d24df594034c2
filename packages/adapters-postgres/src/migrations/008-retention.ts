import type { Knex } from 'knex';

/**
 * Indexes that let retention find what it deletes in time order, each batch an index range instead of a scan.
 * Built CONCURRENTLY (outside a transaction) so writes to these hot tables go on while they build; each is dropped
 * first in case an interrupted run left it invalid. idempotency_keys (created_at) and dashboard_sign_in_failures
 * (at) have theirs already.
 */
export const config = { transaction: false };

const INDEXES: ReadonlyArray<[name: string, definition: string]> = [
  ['webhook_inbox_processed', 'webhook_inbox (processed_at) WHERE processed_at IS NOT NULL'],
  ['outbox_dispatched', 'outbox (dispatched_at) WHERE dispatched_at IS NOT NULL'],
  ['webhook_deliveries_finished', `webhook_deliveries (created_at) WHERE status <> 'pending'`],
  // When a session ended: the expression KnexDashboardSessionStore.prune filters and orders by.
  ['dashboard_sessions_ended', 'dashboard_sessions ((LEAST(idle_expires_at, expires_at, revoked_at)))'],
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
