import type { Knex } from 'knex';

/**
 * An admin manages the team from the dashboard: a user can be deactivated (kept, for the audit trail and so the
 * e-mail is not reused by accident), and what admins do there is written to an append-only audit table, read per
 * merchant account newest first.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dashboard_users', (t) => {
    t.timestamp('deactivated_at', { useTz: true });
  });
  await knex.schema.createTable('dashboard_audit_entries', (t) => {
    t.uuid('id').primary();
    t.text('merchant_account_id').notNullable();
    t.uuid('actor_id').notNullable();
    t.text('actor_email').notNullable();
    t.text('action').notNullable();
    t.text('target').notNullable();
    t.text('detail');
    t.timestamp('at', { useTz: true }).notNullable();
    t.index(['merchant_account_id', 'at', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('dashboard_audit_entries');
  await knex.schema.alterTable('dashboard_users', (t) => {
    t.dropColumn('deactivated_at');
  });
}
