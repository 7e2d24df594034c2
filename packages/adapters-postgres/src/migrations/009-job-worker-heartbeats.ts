import type { Knex } from 'knex';

/**
 * The job workers alive now, each seen at its last heartbeat. graphile-worker keeps a dead worker's jobs locked
 * for four hours; the workers that are still alive release them as soon as the dead one's heartbeat is stale.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('job_worker_heartbeats', (t) => {
    t.text('worker_id').primary();
    t.text('process').notNullable();
    t.timestamp('seen_at', { useTz: true }).notNullable();
    t.index(['seen_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('job_worker_heartbeats');
}
