import type { Knex } from 'knex';
import { rebuildTransactionFigures } from '../repositories/transaction-figures';
import { fillFigures } from './020-figures-and-first-password';

/**
 * The overview's rollup gets a shard in its key (the last hex digit of the transaction's id, 16 of them): captures
 * of one merchant's transactions made in the same quarter hour all moved the same row, so their commits queued on
 * its lock, one WAL flush after another. Each shard row is still a recount of its own transactions, so reads
 * summing a slot's rows are unchanged; the rollup is counted again into its shards.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE transaction_figures ADD COLUMN shard smallint NOT NULL DEFAULT 0;
    ALTER TABLE transaction_figures DROP CONSTRAINT transaction_figures_pkey;
    ALTER TABLE transaction_figures ADD PRIMARY KEY (merchant_account_id, slot, money_state, shard);
    ALTER TABLE transaction_figures ALTER COLUMN shard DROP DEFAULT`);
  await rebuildTransactionFigures(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DELETE FROM transaction_figures;
    ALTER TABLE transaction_figures DROP CONSTRAINT transaction_figures_pkey;
    ALTER TABLE transaction_figures DROP COLUMN shard;
    ALTER TABLE transaction_figures ADD PRIMARY KEY (merchant_account_id, slot, money_state)`);
  await fillFigures(knex);
}
