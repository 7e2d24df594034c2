import type { Knex } from 'knex';

/**
 * A subscription may choose the published event types it hears. NULL is every event (each subscription made
 * before this, and any made without a choice); a set is kept as the names, in published order.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE webhook_subscriptions ADD COLUMN event_types text[]`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE webhook_subscriptions DROP COLUMN event_types`);
}
