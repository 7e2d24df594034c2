import type { Knex } from 'knex';

/**
 * What the Gr4vy SDK's calls need: stored buyers with their shipping details; on a transaction, the buyer it was
 * made for and its payment method's external identifier; deleted connections (kept for their transactions); and
 * indexes for the list filters a merchant uses at scale (buyer email, buyer, reconciliation id, provider order id,
 * error code, all within a merchant account). The other filters ride the cursor index or the key.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('buyers', (t) => {
    t.uuid('id').primary();
    t.text('merchant_account_id').notNullable();
    t.text('display_name');
    t.text('external_identifier');
    t.text('account_number');
    t.jsonb('billing_details');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('buyer_shipping_details', (t) => {
    t.uuid('id').primary();
    t.uuid('buyer_id').notNullable().references('id').inTable('buyers').onDelete('CASCADE');
    t.text('merchant_account_id').notNullable();
    t.jsonb('details').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['buyer_id']);
  });
  await knex.schema.alterTable('transactions', (t) => {
    t.jsonb('buyer');
    t.text('payment_method_external_identifier');
  });
  await knex.schema.alterTable('payment_services', (t) => {
    t.timestamp('deleted_at', { useTz: true });
  });
  await knex.raw(`
    CREATE UNIQUE INDEX buyers_external_identifier ON buyers (merchant_account_id, external_identifier)
      WHERE external_identifier IS NOT NULL;
    CREATE INDEX buyers_cursor ON buyers (merchant_account_id, updated_at DESC, id DESC);
    CREATE INDEX transactions_buyer_email ON transactions (merchant_account_id, lower(billing_details->>'emailAddress'));
    CREATE INDEX transactions_buyer_id ON transactions (merchant_account_id, (buyer->>'id')) WHERE buyer->>'id' IS NOT NULL;
    CREATE INDEX transactions_buyer_external_identifier ON transactions (merchant_account_id, (buyer->>'externalIdentifier'))
      WHERE buyer->>'externalIdentifier' IS NOT NULL;
    CREATE INDEX transactions_reconciliation_id ON transactions (merchant_account_id, reconciliation_id);
    CREATE INDEX transactions_provider_transaction_id ON transactions (merchant_account_id, provider_transaction_id)
      WHERE provider_transaction_id IS NOT NULL;
    CREATE INDEX transactions_error_code ON transactions (merchant_account_id, error_code, updated_at DESC)
      WHERE error_code IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX transactions_buyer_email;
    DROP INDEX transactions_buyer_id;
    DROP INDEX transactions_buyer_external_identifier;
    DROP INDEX transactions_reconciliation_id;
    DROP INDEX transactions_provider_transaction_id;
    DROP INDEX transactions_error_code;
  `);
  await knex.schema.alterTable('transactions', (t) => {
    t.dropColumn('buyer');
    t.dropColumn('payment_method_external_identifier');
  });
  await knex.schema.alterTable('payment_services', (t) => {
    t.dropColumn('deleted_at');
  });
  await knex.schema.dropTable('buyer_shipping_details');
  await knex.schema.dropTable('buyers');
}
