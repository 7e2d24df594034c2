import type { DomainEvent, Outbox, OutboxEntry } from '@kessai/domain';
import type { Knex } from 'knex';
import { deleteOldest } from './delete-oldest';

interface Row {
  position: string | number;
  event: DomainEvent & { occurredAt: string };
  dispatched_at: Date | null;
}

const toEntry = (row: Row): OutboxEntry => ({
  position: Number(row.position),
  event: { ...row.event, occurredAt: new Date(row.event.occurredAt) },
  dispatchedAt: row.dispatched_at,
});

/** Reads the events KnexTransactionRepository wrote with each state change. */
export class KnexOutbox implements Outbox {
  constructor(private readonly knex: Knex) {}

  /**
   * One dispatcher at a time across every process: a transaction-scoped advisory lock, taken before the batch is
   * read. Without it, two dispatchers holding consecutive batches could hand a consumer a later event before an
   * earlier one; with it, a second dispatcher waits and then takes the next batch. The batch is marked in the same
   * database transaction, so a dispatcher that dies leaves it for the next one.
   */
  async claim(limit: number, dispatch: (entries: OutboxEntry[]) => Promise<void>, now: Date): Promise<number> {
    return this.knex.transaction(async (trx) => {
      await trx.raw(`SELECT pg_advisory_xact_lock(hashtextextended('kessai.outbox-dispatch', 0))`);
      const rows = await trx<Row>('outbox').whereNull('dispatched_at').orderBy('position', 'asc').limit(limit);
      if (rows.length === 0) return 0;
      await dispatch(rows.map(toEntry));
      await trx('outbox')
        .whereIn(
          'position',
          rows.map((row) => row.position),
        )
        .update({ dispatched_at: now });
      return rows.length;
    });
  }

  async prune(before: Date, limit: number): Promise<number> {
    return deleteOldest(this.knex, { table: 'outbox', key: 'position', age: 'dispatched_at' }, before, limit);
  }
}
