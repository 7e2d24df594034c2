import type { Knex } from 'knex';

/**
 * Checkout sessions (what the merchant's server knows of an order before the buyer pays on its page) and the web
 * origins each merchant account lets its embed run on. A session holds at most one transaction: the claim is one
 * guarded UPDATE, so racing creates cannot attach two.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE checkout_sessions (
      id uuid PRIMARY KEY,
      merchant_account_id text NOT NULL,
      amount integer,
      currency text,
      cart_items jsonb,
      metadata jsonb,
      buyer jsonb,
      payment_service_id uuid,
      expires_at timestamptz NOT NULL,
      transaction_id uuid,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
  await knex.raw(`CREATE INDEX checkout_sessions_expires_at ON checkout_sessions (expires_at)`);
  await knex.raw(`
    CREATE TABLE embed_origins (
      merchant_account_id text NOT NULL,
      origin text NOT NULL,
      position integer NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (merchant_account_id, origin)
    )`);
  await knex.raw(`CREATE INDEX embed_origins_origin ON embed_origins (origin)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE embed_origins`);
  await knex.raw(`DROP TABLE checkout_sessions`);
}
