import type { Knex } from 'knex';

/**
 * Outgoing merchant webhooks: subscriptions (secrets sealed like connection credentials) and deliveries. A
 * delivery's attempts are a JSON array on its row: they are only ever appended and read with the delivery, and
 * one row keeps "attempt recorded + state changed + lease released" a single write.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webhook_subscriptions', (t) => {
    t.uuid('id').primary();
    t.text('merchant_account_id').notNullable();
    t.text('url').notNullable();
    t.boolean('active').notNullable();
    // { current, previous } sealed with AES-256-GCM; the grace period's end is not secret and stays queryable.
    t.text('secrets_key_id').notNullable();
    t.binary('secrets_iv').notNullable();
    t.binary('secrets_tag').notNullable();
    t.binary('secrets_ciphertext').notNullable();
    t.timestamp('previous_secret_expires_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    // Deleted subscriptions keep their row so their deliveries stay explainable; they are invisible to the API.
    t.timestamp('deleted_at', { useTz: true });
  });
  await knex.raw(
    `CREATE INDEX webhook_subscriptions_list ON webhook_subscriptions (merchant_account_id, updated_at DESC, id DESC) WHERE deleted_at IS NULL`,
  );

  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.uuid('id').primary();
    t.uuid('subscription_id').notNullable().references('id').inTable('webhook_subscriptions');
    t.text('merchant_account_id').notNullable();
    t.uuid('event_id').notNullable();
    t.text('event_name').notNullable();
    t.uuid('transaction_id').notNullable();
    t.bigInteger('position').notNullable();
    t.text('body').notNullable();
    t.text('status').notNullable();
    t.jsonb('attempts').notNullable().defaultTo('[]');
    t.timestamp('next_attempt_at', { useTz: true });
    t.timestamp('give_up_at', { useTz: true }).notNullable();
    t.timestamp('lease_until', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('delivered_at', { useTz: true });
    t.unique(['subscription_id', 'event_id']);
  });
  await knex.raw(
    `ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_status CHECK (status IN ('pending', 'succeeded', 'failed'))`,
  );
  // The lane head: a subscription's oldest pending delivery for one transaction.
  await knex.raw(
    `CREATE INDEX webhook_deliveries_lane ON webhook_deliveries (subscription_id, transaction_id, position) WHERE status = 'pending'`,
  );
  await knex.raw(
    `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
  );
  await knex.raw(
    `CREATE INDEX webhook_deliveries_list ON webhook_deliveries (subscription_id, created_at DESC, id DESC)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('webhook_deliveries');
  await knex.schema.dropTableIfExists('webhook_subscriptions');
}
