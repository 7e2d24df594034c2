import type { Knex } from 'knex';

/**
 * A refund split over payments can be partly made at the provider while it is still processing: the money those
 * parts returned is stored with it, so that totals show what the buyer got back. A succeeded refund returned all.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE refunds ADD COLUMN refunded_at_provider integer NOT NULL DEFAULT 0
      CONSTRAINT refunds_refunded_at_provider_within CHECK (refunded_at_provider >= 0 AND refunded_at_provider <= amount);
    UPDATE refunds SET refunded_at_provider = amount WHERE status = 'succeeded';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE refunds DROP COLUMN refunded_at_provider');
}
