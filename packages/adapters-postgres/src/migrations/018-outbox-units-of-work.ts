import type { Knex } from 'knex';

/**
 * One outbox row per unit of work (its events in order, as a JSON array) instead of one per event, and no
 * `dispatched_at`: a dispatcher deletes the rows it hands on (`DELETE … RETURNING`) in the transaction that holds
 * them while they are dispatched, so an event costs its insert and that delete, never an update too, and nothing is
 * left to prune. The audit history (`transaction_events`) keeps every event. Events still waiting move over in
 * their order, one row each.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE outbox_units (
      position bigserial PRIMARY KEY,
      events jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO outbox_units (events, created_at)
      SELECT jsonb_build_array(event), created_at FROM outbox WHERE dispatched_at IS NULL ORDER BY position;
    DROP TABLE outbox;
    ALTER TABLE outbox_units RENAME TO outbox;
    ALTER TABLE outbox RENAME CONSTRAINT outbox_units_pkey TO outbox_pkey;
    ALTER SEQUENCE outbox_units_position_seq RENAME TO outbox_position_seq;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE outbox_events (
      position bigserial PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      merchant_account_id text NOT NULL,
      transaction_id uuid NOT NULL,
      event jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      dispatched_at timestamptz
    );
    INSERT INTO outbox_events (event_id, merchant_account_id, transaction_id, event, created_at)
      SELECT (e.event->>'id')::uuid, e.event->>'merchantAccountId', (e.event->>'transactionId')::uuid, e.event, o.created_at
        FROM outbox o, jsonb_array_elements(o.events) WITH ORDINALITY AS e(event, n) ORDER BY o.position, e.n;
    DROP TABLE outbox;
    ALTER TABLE outbox_events RENAME TO outbox;
    ALTER TABLE outbox RENAME CONSTRAINT outbox_events_pkey TO outbox_pkey;
    ALTER SEQUENCE outbox_events_position_seq RENAME TO outbox_position_seq;
    ALTER INDEX outbox_events_event_id_key RENAME TO outbox_event_id_unique;
    CREATE INDEX outbox_pending ON outbox (position) WHERE dispatched_at IS NULL;
    CREATE INDEX outbox_dispatched ON outbox (dispatched_at) WHERE dispatched_at IS NOT NULL;
  `);
}
