import type { Knex } from 'knex';

/**
 * Reconciliation runs and the items they find. Items belong to a connection's Japan day, one per key (what the
 * item is about), so every run of the day records the same ones; nothing is ever deleted.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE reconciliation_runs (
      id uuid PRIMARY KEY,
      merchant_account_id text NOT NULL,
      payment_service_id uuid NOT NULL,
      date text NOT NULL CHECK (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      status text NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed')),
      trigger text NOT NULL CHECK (trigger IN ('api', 'schedule')),
      requested_by jsonb,
      summary jsonb,
      failure_reason text,
      created_at timestamptz NOT NULL,
      started_at timestamptz,
      completed_at timestamptz,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX reconciliation_runs_merchant_created ON reconciliation_runs (merchant_account_id, created_at DESC, id DESC);
    CREATE TABLE reconciliation_items (
      id uuid PRIMARY KEY,
      merchant_account_id text NOT NULL,
      payment_service_id uuid NOT NULL,
      date text NOT NULL,
      key text NOT NULL,
      kind text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'resolved', 'acknowledged')),
      run_id uuid NOT NULL,
      transaction_id uuid,
      provider_order_id text,
      kessai_amount integer,
      provider_amount integer,
      detail text NOT NULL,
      resolution text CHECK (resolution IN ('settled_by_sync', 'agrees_now', 'acknowledged')),
      acknowledged_by jsonb,
      acknowledgement_note text,
      acknowledged_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (merchant_account_id, payment_service_id, date, key)
    );
    CREATE INDEX reconciliation_items_ledger_created
      ON reconciliation_items (merchant_account_id, payment_service_id, date, created_at DESC, id DESC);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE reconciliation_items; DROP TABLE reconciliation_runs;`);
}
