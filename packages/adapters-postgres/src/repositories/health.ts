import type { Knex } from 'knex';
import { pendingMigrations } from '../migrations/migrate';

/** /readyz: the database answers and every migration is applied. */
export async function readiness(knex: Knex): Promise<{ ready: boolean; checks: Record<string, string> }> {
  try {
    await knex.raw('select 1');
  } catch {
    // Public: where the database is (host, port, user) stays out of the answer.
    return { ready: false, checks: { database: 'unreachable' } };
  }
  const pending = await pendingMigrations(knex);
  return pending.length
    ? { ready: false, checks: { database: 'ok', migrations: 'pending' } }
    : { ready: true, checks: { database: 'ok', migrations: 'current' } };
}

export async function countTransactionsByStatus(knex: Knex): Promise<Record<string, number>> {
  const rows = await knex('transactions')
    .select('status')
    .count<Array<{ status: string; count: string }>>('* as count')
    .groupBy('status');
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
