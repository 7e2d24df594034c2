import type { Knex } from 'knex';
import { rebuildTransactionFigures } from '../repositories/transaction-figures';

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
  await rebuildTransactionFigures(knex);
  await knex.raw('ALTER TABLE dashboard_users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE dashboard_users DROP COLUMN must_change_password');
  await knex.raw('DROP TABLE transaction_figures');
}
