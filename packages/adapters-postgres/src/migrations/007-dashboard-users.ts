import type { Knex } from 'knex';

/**
 * The dashboard's people and sessions: users (e-mail unique across Kessai, the sign-in name), sessions kept by the
 * hash of their token only, failed sign-ins for throttling (shared by every API process), and a name on API keys.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('dashboard_users', (t) => {
    t.uuid('id').primary();
    t.text('merchant_account_id').notNullable();
    t.text('email').notNullable().unique();
    t.text('role').notNullable();
    t.text('password_hash').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['merchant_account_id', 'created_at']);
  });
  await knex.raw(`ALTER TABLE dashboard_users ADD CONSTRAINT dashboard_users_role CHECK (role IN ('admin', 'viewer'))`);
  await knex.schema.createTable('dashboard_sessions', (t) => {
    t.uuid('id').primary();
    t.text('token_hash').notNullable().unique();
    t.uuid('user_id').notNullable().references('id').inTable('dashboard_users').onDelete('CASCADE');
    t.text('merchant_account_id').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('idle_expires_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
    t.index(['user_id']);
    t.index(['expires_at']);
    t.index(['revoked_at']);
  });
  await knex.schema.createTable('dashboard_sign_in_failures', (t) => {
    t.bigIncrements('id').primary();
    t.text('email').notNullable();
    t.text('address').notNullable();
    t.timestamp('at', { useTz: true }).notNullable();
    t.index(['email', 'at']);
    t.index(['address', 'at']);
    t.index(['at']);
  });
  await knex.schema.alterTable('api_keys', (t) => {
    t.text('name');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_keys', (t) => {
    t.dropColumn('name');
  });
  await knex.schema.dropTable('dashboard_sign_in_failures');
  await knex.schema.dropTable('dashboard_sessions');
  await knex.schema.dropTable('dashboard_users');
}
