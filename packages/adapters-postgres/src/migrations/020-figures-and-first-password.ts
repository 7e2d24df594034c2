import type { Knex } from 'knex';
import { MONEY_STATE_SQL } from '../repositories/money-state-sql';

/**
 * Two additions. A dashboard user invited with a one-time password must choose their own at first sign-in
 * (`must_change_password`; every user before this chose theirs or was given one on the command line).
 *
 * The overview's rollup: per merchant, quarter-hour slot of creation (UTC) and money state, the count and sums of
 * its transactions. The repository's writes keep it in the statement that writes the transaction; here it is
 * filled from the transactions already stored, with writes held off meanwhile.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE transaction_figures (
      merchant_account_id text NOT NULL,
      slot timestamptz NOT NULL,
      money_state text NOT NULL,
      created int NOT NULL,
      approved int NOT NULL,
      authorized_amount bigint NOT NULL,
      captured_amount bigint NOT NULL,
      refunded_amount bigint NOT NULL,
      PRIMARY KEY (merchant_account_id, slot, money_state)
    )`);
  await fillFigures(knex);
  await knex.raw('ALTER TABLE dashboard_users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE dashboard_users DROP COLUMN must_change_password');
  await knex.raw('DROP TABLE transaction_figures');
}

/** The rollup as this migration keeps it (one row per merchant, slot and money state), counted from the rows. */
export async function fillFigures(knex: Knex): Promise<void> {
  await knex.raw('LOCK TABLE transactions IN SHARE MODE');
  await knex.raw(`
    INSERT INTO transaction_figures (merchant_account_id, slot, money_state, created, approved, authorized_amount,
      captured_amount, refunded_amount)
    SELECT merchant_account_id, date_bin('15 minutes', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
      ${MONEY_STATE_SQL}, count(*), count(authorized_at), sum(authorized_amount), sum(captured_amount),
      sum(refunded_amount)
    FROM transactions
    GROUP BY 1, 2, 3`);
}
