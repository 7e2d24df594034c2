import { PLAIN_SCHEMA } from './schema';

/** The plain endpoint's SQL, as named (prepared once per connection) statements. */
const COLUMNS = `id, merchant_account_id, status, intent, amount, authorized, captured, refunded, currency, country,
  payment_method, payment_service_id, provider_transaction_id, external_identifier, billing_details,
  shipping_details, cart_items, metadata, created_at, updated_at`;

export const CLAIM_KEY = {
  name: 'plain_claim_key',
  text: `INSERT INTO ${PLAIN_SCHEMA}.idempotency_keys (merchant_account_id, key, request_fingerprint, status_code, response)
    VALUES ($1, $2, $3, 0, '') ON CONFLICT DO NOTHING`,
};

export const STORED_RESPONSE = {
  name: 'plain_stored_response',
  text: `SELECT request_fingerprint, status_code, response FROM ${PLAIN_SCHEMA}.idempotency_keys
    WHERE merchant_account_id = $1 AND key = $2`,
};

/** The one guard against over-capture: the row changes only if the sum stays within what was authorized. */
export const GUARDED_CAPTURE = {
  name: 'plain_guarded_capture',
  text: `UPDATE ${PLAIN_SCHEMA}.transactions
    SET captured = captured + $3,
        capture_closed = $4,
        status = 'capture_succeeded',
        updated_at = now()
    WHERE id = $1 AND merchant_account_id = $2
      AND status IN ('authorization_succeeded', 'capture_succeeded') AND NOT capture_closed
      AND captured + $3 <= authorized
    RETURNING ${COLUMNS}`,
};

export const INSERT_CAPTURE = {
  name: 'plain_insert_capture',
  text: `INSERT INTO ${PLAIN_SCHEMA}.captures (id, transaction_id, amount, final, created_at) VALUES ($1, $2, $3, $4, now())`,
};

export const INSERT_OUTBOX = {
  name: 'plain_insert_outbox',
  text: `INSERT INTO ${PLAIN_SCHEMA}.outbox (topic, payload) VALUES ($1, $2)`,
};

export const STORE_RESPONSE = {
  name: 'plain_store_response',
  text: `UPDATE ${PLAIN_SCHEMA}.idempotency_keys SET status_code = $3, response = $4
    WHERE merchant_account_id = $1 AND key = $2`,
};

export const EXISTS = {
  name: 'plain_exists',
  text: `SELECT 1 FROM ${PLAIN_SCHEMA}.transactions WHERE id = $1 AND merchant_account_id = $2`,
};

export const READ = {
  name: 'plain_read',
  text: `SELECT ${COLUMNS} FROM ${PLAIN_SCHEMA}.transactions WHERE id = $1 AND merchant_account_id = $2`,
};

/** A transaction row as `pg` returns it (bigint as text, timestamps as Date, jsonb parsed). */
export interface TransactionRow {
  id: string;
  merchant_account_id: string;
  status: string;
  intent: string;
  amount: string;
  authorized: string;
  captured: string;
  refunded: string;
  currency: string;
  country: string;
  payment_method: string;
  payment_service_id: string;
  provider_transaction_id: string | null;
  external_identifier: string | null;
  billing_details: unknown;
  shipping_details: unknown;
  cart_items: unknown;
  metadata: unknown;
  created_at: Date;
  updated_at: Date;
}

/** The row as Gr4vy-shaped JSON: the fields a client reads, straight from the columns. */
export function presentRow(row: TransactionRow): string {
  return JSON.stringify({
    type: 'transaction',
    id: row.id,
    merchant_account_id: row.merchant_account_id,
    status: row.status,
    intent: row.intent,
    amount: Number(row.amount),
    authorized_amount: Number(row.authorized),
    captured_amount: Number(row.captured),
    refunded_amount: Number(row.refunded),
    currency: row.currency,
    country: row.country,
    external_identifier: row.external_identifier,
    metadata: row.metadata,
    payment_method: { type: 'payment-method', method: row.payment_method, mode: 'redirect' },
    payment_service: { type: 'payment-service', id: row.payment_service_id, method: row.payment_method },
    payment_service_transaction_id: row.provider_transaction_id,
    buyer: { type: 'buyer', billing_details: row.billing_details },
    shipping_details: row.shipping_details,
    cart_items: row.cart_items,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  });
}
