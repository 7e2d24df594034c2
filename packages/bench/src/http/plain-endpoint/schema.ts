import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/** The plain endpoint's own schema, in the bench's database beside Kessai's tables. */
export const PLAIN_SCHEMA = 'plain_endpoint';

/** Money columns guarded twice, as a careful team would write them: the guarded UPDATE and a CHECK. */
const DDL = `
CREATE SCHEMA ${PLAIN_SCHEMA};
CREATE TABLE ${PLAIN_SCHEMA}.transactions (
  id uuid PRIMARY KEY,
  merchant_account_id text NOT NULL,
  status text NOT NULL,
  intent text NOT NULL,
  amount bigint NOT NULL,
  authorized bigint NOT NULL,
  captured bigint NOT NULL DEFAULT 0,
  refunded bigint NOT NULL DEFAULT 0,
  capture_closed boolean NOT NULL DEFAULT false,
  currency text NOT NULL,
  country text NOT NULL,
  payment_method text NOT NULL,
  payment_service_id uuid NOT NULL,
  provider_transaction_id text,
  external_identifier text,
  billing_details jsonb NOT NULL,
  shipping_details jsonb NOT NULL,
  cart_items jsonb NOT NULL,
  metadata jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (captured >= 0 AND captured <= authorized AND refunded >= 0 AND refunded <= captured)
);
CREATE TABLE ${PLAIN_SCHEMA}.captures (
  id uuid PRIMARY KEY,
  transaction_id uuid NOT NULL REFERENCES ${PLAIN_SCHEMA}.transactions (id),
  amount bigint NOT NULL CHECK (amount > 0),
  final boolean NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX ON ${PLAIN_SCHEMA}.captures (transaction_id);
CREATE TABLE ${PLAIN_SCHEMA}.outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE TABLE ${PLAIN_SCHEMA}.idempotency_keys (
  merchant_account_id text NOT NULL,
  key text NOT NULL,
  request_fingerprint text NOT NULL,
  status_code int NOT NULL,
  response text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (merchant_account_id, key)
);`;

const PERSON = {
  first_name: 'Hanako',
  last_name: 'Yamada',
  email_address: 'hanako@example.jp',
  phone_number: '+81312345678',
  address: { line1: '1-2-3 Shibuya', city: 'Shibuya-ku', state: 'Tokyo', postal_code: '150-0002', country: 'JP' },
};
const CART = [{ name: 'Tea set', quantity: 1, unit_amount: 12_000, discount_amount: 0, tax_amount: 1_091 }];

/**
 * Creates the plain endpoint's schema and seeds `sets` of authorized transactions (merchant `default`, amounts
 * as large as Kessai's seeded ones), one id list per set.
 */
export async function createPlainSchema(databaseUrl: string, sets: number[]): Promise<string[][]> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${PLAIN_SCHEMA} CASCADE`);
    await pool.query(DDL);
    const idSets = sets.map((count) => Array.from({ length: count }, () => randomUUID()));
    await pool.query(
      `INSERT INTO ${PLAIN_SCHEMA}.transactions (id, merchant_account_id, status, intent, amount, authorized, currency,
         country, payment_method, payment_service_id, provider_transaction_id, external_identifier, billing_details,
         shipping_details, cart_items, metadata, created_at, updated_at)
       SELECT id, 'default', 'authorization_succeeded', 'authorize', 99999999, 99999999, 'JPY', 'JP', 'smartpay', $2,
         'order_' || md5(id::text), 'shop-order-' || n, $3, $3, $4, '{"channel":"web"}', now(), now()
       FROM unnest($1::uuid[]) WITH ORDINALITY AS seeded(id, n)`,
      [idSets.flat(), randomUUID(), JSON.stringify(PERSON), JSON.stringify(CART)],
    );
    await pool.query(`ANALYZE ${PLAIN_SCHEMA}.transactions`);
    return idSets;
  } finally {
    await pool.end();
  }
}
