import type { Knex } from 'knex';

/**
 * Gr4vy's list filters a merchant uses at scale: by buyer email, reconciliation id, provider order id and error
 * code within a merchant account. The rest either ride the cursor index (status, currency, amounts) or are
 * exact-id lookups (the primary key).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX transactions_buyer_email ON transactions (merchant_account_id, lower(billing_details->>'emailAddress'));
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
    DROP INDEX transactions_reconciliation_id;
    DROP INDEX transactions_provider_transaction_id;
    DROP INDEX transactions_error_code;
  `);
}
