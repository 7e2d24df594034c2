import type { Knex } from 'knex';

/**
 * The whole schema. Money columns are integers with CHECKs that restate the domain's invariants, so even a bug
 * above cannot store an over-capture or an over-refund. Every merchant-data table carries merchant_account_id.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('merchant_accounts', (t) => {
    t.text('id').primary();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('api_keys', (t) => {
    t.text('kid').primary();
    t.specificType('merchant_account_ids', 'text[]').notNullable();
    t.jsonb('public_jwk').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
  });
  await knex.schema.createTable('payment_services', (t) => {
    t.uuid('id').primary();
    t.text('merchant_account_id').notNullable();
    t.text('connector').notNullable();
    t.text('display_name').notNullable();
    t.boolean('active').notNullable();
    t.text('credentials_key_id').notNullable();
    t.binary('credentials_iv').notNullable();
    t.binary('credentials_tag').notNullable();
    t.binary('credentials_ciphertext').notNullable();
    t.text('provider_webhook_endpoint_id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['merchant_account_id', 'connector', 'created_at']);
  });
  await knex.schema.createTable('transactions', (t) => {
    t.uuid('id').primary();
    t.text('merchant_account_id').notNullable();
    t.text('reconciliation_id').notNullable();
    // No foreign key: a transaction keeps naming its connection even if the connection row is archived elsewhere.
    t.uuid('payment_service_id').notNullable();
    t.text('connector').notNullable();
    t.text('intent').notNullable().checkIn(['authorize', 'capture']);
    t.text('status').notNullable();
    t.integer('amount').notNullable();
    t.text('currency').notNullable();
    t.text('country').notNullable();
    t.text('payment_method').notNullable();
    t.text('redirect_url').notNullable();
    t.text('approval_url');
    t.timestamp('approval_expires_at', { useTz: true });
    t.jsonb('billing_details').notNullable();
    t.jsonb('shipping_details').notNullable();
    t.jsonb('cart_items').notNullable();
    t.text('external_identifier');
    t.jsonb('metadata').notNullable();
    t.text('provider_session_id');
    t.text('provider_transaction_id');
    t.text('error_code');
    t.text('raw_response_code');
    t.text('raw_response_description');
    t.boolean('capture_closed').notNullable();
    t.integer('authorized_amount').notNullable();
    t.integer('reserved_capture_amount').notNullable();
    t.integer('captured_amount').notNullable();
    t.integer('reserved_refund_amount').notNullable();
    t.integer('refunded_amount').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.timestamp('authorized_at', { useTz: true });
    t.timestamp('captured_at', { useTz: true });
    t.timestamp('voided_at', { useTz: true });
    t.timestamp('canceled_at', { useTz: true });
    t.timestamp('buyer_approval_timed_out_at', { useTz: true });
    t.integer('version').notNullable();
    /** How many events the transaction has recorded: the next event's sequence, without a count query. */
    t.integer('event_count').notNullable().defaultTo(0);
  });
  await knex.raw(`
    ALTER TABLE transactions
      ADD CONSTRAINT transactions_amount_range CHECK (amount BETWEEN 1 AND 99999999),
      ADD CONSTRAINT transactions_totals_non_negative CHECK (authorized_amount >= 0 AND reserved_capture_amount >= 0
        AND captured_amount >= 0 AND reserved_refund_amount >= 0 AND refunded_amount >= 0),
      ADD CONSTRAINT transactions_authorized_within_amount CHECK (authorized_amount <= amount),
      ADD CONSTRAINT transactions_no_over_capture CHECK (reserved_capture_amount <= amount AND captured_amount <= authorized_amount
        AND captured_amount <= reserved_capture_amount),
      ADD CONSTRAINT transactions_no_over_refund CHECK (reserved_refund_amount <= captured_amount AND refunded_amount <= reserved_refund_amount);
    CREATE INDEX transactions_cursor ON transactions (merchant_account_id, updated_at DESC, id DESC);
    CREATE INDEX transactions_provider_ref ON transactions (payment_service_id, provider_transaction_id);
    CREATE INDEX transactions_external_id ON transactions (merchant_account_id, external_identifier) WHERE external_identifier IS NOT NULL;
    CREATE INDEX transactions_pending_approval ON transactions (approval_expires_at)
      WHERE status IN ('processing', 'buyer_approval_pending');
    CREATE INDEX transactions_void_pending ON transactions (updated_at) WHERE status = 'authorization_void_pending';
    CREATE INDEX transactions_metadata ON transactions USING gin (metadata jsonb_path_ops);
  `);
  await knex.schema.createTable('captures', (t) => {
    t.uuid('id').primary();
    t.uuid('transaction_id').notNullable().references('transactions.id').onDelete('CASCADE');
    t.text('merchant_account_id').notNullable();
    /** Order within the transaction, as the aggregate holds its children. */
    t.integer('position').notNullable();
    t.integer('amount').notNullable().checkPositive();
    t.boolean('final').notNullable();
    t.text('status').notNullable().checkIn(['pending', 'succeeded', 'declined', 'failed']);
    t.text('provider_capture_id');
    t.boolean('external').notNullable();
    t.text('error_code');
    t.text('raw_response_code');
    t.text('raw_response_description');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['transaction_id']);
  });
  await knex.raw(`CREATE INDEX captures_pending ON captures (updated_at) WHERE status = 'pending'`);
  await knex.schema.createTable('refunds', (t) => {
    t.uuid('id').primary();
    t.uuid('transaction_id').notNullable().references('transactions.id').onDelete('CASCADE');
    t.text('merchant_account_id').notNullable();
    t.integer('position').notNullable();
    t.integer('amount').notNullable().checkPositive();
    t.text('reason');
    t.text('external_identifier');
    t.text('status').notNullable().checkIn(['processing', 'succeeded', 'failed', 'declined', 'voided']);
    t.specificType('provider_refund_ids', 'text[]').notNullable();
    t.boolean('external').notNullable();
    t.text('error_code');
    t.text('raw_response_code');
    t.text('raw_response_description');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['transaction_id']);
    t.index(['merchant_account_id', 'id']);
  });
  await knex.raw(`CREATE INDEX refunds_processing ON refunds (updated_at) WHERE status = 'processing'`);
  await knex.schema.createTable('transaction_events', (t) => {
    t.uuid('id').primary();
    t.uuid('transaction_id').notNullable().references('transactions.id').onDelete('CASCADE');
    t.text('merchant_account_id').notNullable();
    t.integer('sequence').notNullable();
    t.text('name').notNullable();
    t.uuid('subject_id');
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.jsonb('context').notNullable();
    t.unique(['transaction_id', 'sequence']);
  });
  await knex.schema.createTable('outbox', (t) => {
    t.bigIncrements('position').primary();
    t.uuid('event_id').notNullable().unique();
    t.text('merchant_account_id').notNullable();
    t.uuid('transaction_id').notNullable();
    t.jsonb('event').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('dispatched_at', { useTz: true });
  });
  await knex.raw(`CREATE INDEX outbox_pending ON outbox (position) WHERE dispatched_at IS NULL`);
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.text('merchant_account_id').notNullable();
    t.text('key').notNullable();
    t.text('fingerprint').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('locked_until', { useTz: true }).notNullable();
    t.integer('response_status');
    t.text('response_body');
    t.jsonb('response_headers');
    t.primary(['merchant_account_id', 'key']);
    t.index(['created_at']);
  });
  await knex.schema.createTable('webhook_inbox', (t) => {
    t.uuid('id').primary();
    t.uuid('payment_service_id').notNullable();
    t.text('merchant_account_id').notNullable();
    t.text('event_id').notNullable();
    t.text('event_type').notNullable();
    t.text('provider_transaction_id');
    t.text('raw_body').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.timestamp('processed_at', { useTz: true });
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.unique(['payment_service_id', 'event_id']);
  });
  await knex.raw(`CREATE INDEX webhook_inbox_pending ON webhook_inbox (received_at) WHERE processed_at IS NULL`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'webhook_inbox',
    'idempotency_keys',
    'outbox',
    'transaction_events',
    'refunds',
    'captures',
    'transactions',
    'payment_services',
    'api_keys',
    'merchant_accounts',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
