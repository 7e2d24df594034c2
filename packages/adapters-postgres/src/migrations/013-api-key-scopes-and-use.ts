import type { Knex } from 'knex';

/**
 * A key made in the dashboard carries the scopes its tokens may have at most (null: a key made by the CLI, not
 * bounded), and when a token it signed was last accepted, written at most once a minute.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_keys', (t) => {
    t.specificType('scopes', 'text[]');
    t.timestamp('last_used_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_keys', (t) => {
    t.dropColumn('last_used_at');
    t.dropColumn('scopes');
  });
}
