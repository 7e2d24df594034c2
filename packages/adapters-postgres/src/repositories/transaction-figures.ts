import { type MoneyState, moneyStateOf, summaryOf, type TransactionState } from '@kessai/domain';
import type { Knex } from 'knex';
import { MONEY_STATE_SQL } from './money-state-sql';

// The overview's rollup (`transaction_figures`, migration 020): per merchant, quarter-hour slot (UTC) of creation and
// money state, how many transactions and what they come to. The writes keep it in the same statement as the
// transaction's row, so the overview sums a few rows per slot instead of reading every transaction. Quarter hours,
// not hours: every time zone's midnight falls on one (Kolkata +5:30, Kathmandu +5:45), so a slot never straddles two
// days of any zone. Each slot's rows are split in 16 shards by the transaction's id (see `shardOf`), so writers
// of one merchant's busy quarter hour do not all queue on one row's lock.

export const SLOT_MS = 15 * 60_000;

/** The slot the rollup files `createdAt` under: its quarter hour, UTC. */
export function slotOf(createdAt: Date): Date {
  return new Date(Math.floor(createdAt.getTime() / SLOT_MS) * SLOT_MS);
}

/** The last hex digit of the id: uniform over random ids, and the same in SQL (`SHARD_SQL`). */
export function shardOf(transactionId: string): number {
  return Number.parseInt(transactionId.slice(-1), 16) || 0;
}

const SHARD_SQL = "('x' || right(id::text, 1))::bit(4)::int";

/** One rollup row's change: what a transaction adds to (or, negated, takes from) its slot and money state. */
export interface FiguresDelta {
  merchantAccountId: string;
  slot: Date;
  moneyState: MoneyState;
  shard: number;
  created: number;
  approved: number;
  authorizedAmount: number;
  capturedAmount: number;
  refundedAmount: number;
}

const SUMMED = ['created', 'approved', 'authorizedAmount', 'capturedAmount', 'refundedAmount'] as const;

function contribution(state: TransactionState, sign: 1 | -1): FiguresDelta {
  const summary = summaryOf(state, 0);
  return {
    merchantAccountId: summary.merchantAccountId,
    slot: slotOf(summary.createdAt),
    moneyState: moneyStateOf(summary),
    shard: shardOf(summary.id),
    created: sign,
    approved: summary.authorizedAt ? sign : 0,
    authorizedAmount: sign * summary.authorizedAmount,
    capturedAmount: sign * summary.capturedAmount,
    refundedAmount: sign * summary.refundedAmount,
  };
}

/**
 * What a write moves in the rollup: the transaction's figures now, less those it was stored with (none on its
 * insert). Zero, one or two rows (its money state left and entered), sorted by state so that concurrent writes
 * lock shared rows in one order.
 */
export function figuresDelta(after: TransactionState, before: TransactionState | undefined): FiguresDelta[] {
  const now = contribution(after, 1);
  if (!before) return [now];
  const then = contribution(before, -1);
  if (then.moneyState === now.moneyState) {
    for (const field of SUMMED) now[field] += then[field];
    return SUMMED.some((field) => now[field] !== 0) ? [now] : [];
  }
  return [then, now].sort((a, b) => (a.moneyState < b.moneyState ? -1 : 1));
}

const COLUMNS = [
  ['merchant_account_id', 'text'],
  ['slot', 'timestamptz'],
  ['money_state', 'text'],
  ['shard', 'smallint'],
  ['created', 'int'],
  ['approved', 'int'],
  ['authorized_amount', 'bigint'],
  ['captured_amount', 'bigint'],
  ['refunded_amount', 'bigint'],
] as const;

const ADDED = COLUMNS.slice(4).map(([name]) => `"${name}" = transaction_figures."${name}" + excluded."${name}"`);

/**
 * The rollup's `INSERT … ON CONFLICT` adding `deltas`, one row per transaction row `source` returns (the write's
 * own CTE: nothing is added when its version check matched no row). `parameter` places each value.
 */
export function figuresUpsert(
  deltas: readonly FiguresDelta[],
  source: string,
  parameter: (value: unknown) => string,
): string {
  const tuples = deltas.map((delta) => {
    const values = [
      delta.merchantAccountId,
      delta.slot,
      delta.moneyState,
      delta.shard,
      delta.created,
      delta.approved,
      delta.authorizedAmount,
      delta.capturedAmount,
      delta.refundedAmount,
    ];
    return `(${values.map((value, i) => `${parameter(value)}::${COLUMNS[i]?.[1]}`).join(', ')})`;
  });
  const names = COLUMNS.map(([name]) => `"${name}"`).join(', ');
  return `INSERT INTO "transaction_figures" (${names})
    SELECT v.* FROM (VALUES ${tuples.join(', ')}) v(${names}) CROSS JOIN "${source}"
    ON CONFLICT ("merchant_account_id", "slot", "money_state", "shard") DO UPDATE SET ${ADDED.join(', ')}`;
}

/**
 * The rollup counted again from the transactions themselves (every merchant, or one): what migration 020 fills it
 * with, and the repair after rows were written around the repository (a bulk load). Holds off writes meanwhile.
 */
export async function rebuildTransactionFigures(knex: Knex, merchantAccountId?: string): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('LOCK TABLE transactions IN SHARE MODE');
    const only = merchantAccountId === undefined ? '' : 'WHERE merchant_account_id = :merchant';
    await trx.raw(`DELETE FROM transaction_figures ${only}`, merchantAccountId ? { merchant: merchantAccountId } : {});
    await trx.raw(
      `INSERT INTO transaction_figures (merchant_account_id, slot, money_state, shard, created, approved,
         authorized_amount, captured_amount, refunded_amount)
       SELECT merchant_account_id, date_bin('15 minutes', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
         ${MONEY_STATE_SQL}, ${SHARD_SQL}, count(*), count(authorized_at), sum(authorized_amount),
         sum(captured_amount), sum(refunded_amount)
       FROM transactions ${only}
       GROUP BY 1, 2, 3, 4`,
      merchantAccountId ? { merchant: merchantAccountId } : {},
    );
  });
}
