import type { Knex } from 'knex';

/**
 * Smartpay's `refund.created` webhook names the payment (Kessai's capture) it refunds, not the order: finding its
 * transaction goes through the capture's provider id.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'CREATE INDEX captures_provider_capture_id ON captures (provider_capture_id) WHERE provider_capture_id IS NOT NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX captures_provider_capture_id');
}
