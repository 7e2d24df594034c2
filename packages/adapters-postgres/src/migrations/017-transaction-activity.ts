import type { Knex } from 'knex';

/**
 * What a transaction's lists, janitor and overview find it by (when it was last touched, its status, its money
 * totals) moves to a narrow row of its own, `transaction_activity`, written in the same statement as the
 * transaction: with no index of `transactions` naming a column a capture or a refund moves, their updates of the
 * wide row are HOT (no new entry in its dozen indexes), and only the narrow row's few indexes take new entries. A
 * fillfactor of 80 leaves room on each new page of `transactions` for the next version of its rows.
 */
const ACTIVITY_COLUMNS = `id, merchant_account_id, created_at, updated_at, status, error_code, approval_expires_at,
  authorized_at, canceled_at, authorized_amount, captured_amount, refunded_amount`;

/**
 * Writes the activity row of every transaction that has none: for rows written straight into `transactions` in
 * bulk (a seeded benchmark or test), which the repository's statements would have given one.
 */
export const FILL_TRANSACTION_ACTIVITY_SQL = `INSERT INTO transaction_activity (${ACTIVITY_COLUMNS})
  SELECT ${ACTIVITY_COLUMNS} FROM transactions t WHERE NOT EXISTS (SELECT 1 FROM transaction_activity a WHERE a.id = t.id)`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE transaction_activity (
      id uuid PRIMARY KEY REFERENCES transactions (id) ON DELETE CASCADE,
      merchant_account_id text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      status text NOT NULL,
      error_code text,
      approval_expires_at timestamptz,
      authorized_at timestamptz,
      canceled_at timestamptz,
      authorized_amount integer NOT NULL,
      captured_amount integer NOT NULL,
      refunded_amount integer NOT NULL
    );
    ${FILL_TRANSACTION_ACTIVITY_SQL};
    DROP INDEX transactions_cursor;
    DROP INDEX transactions_void_pending;
    DROP INDEX transactions_error_code;
    DROP INDEX transactions_pending_approval;
    -- The overview sums its rollup (migration 020): no index of its own to keep up on every write.
    DROP INDEX IF EXISTS transactions_overview;
    CREATE INDEX transaction_activity_cursor ON transaction_activity (merchant_account_id, updated_at DESC, id DESC);
    CREATE INDEX transaction_activity_void_pending ON transaction_activity (updated_at)
      WHERE status = 'authorization_void_pending';
    CREATE INDEX transaction_activity_error_code ON transaction_activity (merchant_account_id, error_code, updated_at DESC)
      WHERE error_code IS NOT NULL;
    CREATE INDEX transaction_activity_pending_approval ON transaction_activity (approval_expires_at)
      WHERE status IN ('processing', 'buyer_approval_pending');
    ALTER TABLE transactions SET (fillfactor = 80);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE transactions RESET (fillfactor);
    CREATE INDEX transactions_cursor ON transactions (merchant_account_id, updated_at DESC, id DESC);
    CREATE INDEX transactions_void_pending ON transactions (updated_at) WHERE status = 'authorization_void_pending';
    CREATE INDEX transactions_error_code ON transactions (merchant_account_id, error_code, updated_at DESC)
      WHERE error_code IS NOT NULL;
    CREATE INDEX transactions_pending_approval ON transactions (approval_expires_at)
      WHERE status IN ('processing', 'buyer_approval_pending');
    CREATE INDEX transactions_overview ON transactions (merchant_account_id, created_at) INCLUDE (status, error_code,
      canceled_at, authorized_at, authorized_amount, captured_amount, refunded_amount);
    DROP TABLE transaction_activity;
  `);
}
