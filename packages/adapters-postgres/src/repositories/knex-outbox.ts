import type { DomainEvent, Outbox, OutboxEntry } from '@kessai/domain';
import type { Knex } from 'knex';
import { entryPosition } from './outbox-positions';

interface Row {
  position: string | number;
  events: Array<DomainEvent & { occurredAt: string }>;
}

/** A row's entries, each event with its own position (see `outbox-positions.ts`). */
const toEntries = (row: Row): OutboxEntry[] =>
  row.events.map((event, place) => ({
    position: entryPosition(Number(row.position), place),
    event: { ...event, occurredAt: new Date(event.occurredAt) },
    dispatchedAt: null,
  }));

/** Hands on what KnexTransactionRepository wrote with each state change: one row per unit of work (migration 018). */
export class KnexOutbox implements Outbox {
  constructor(private readonly knex: Knex) {}

  /**
   * One dispatcher at a time across every process: a transaction-scoped advisory lock, taken before the batch is
   * read. Without it, two dispatchers holding consecutive batches could hand a consumer a later event before an
   * earlier one; with it, a second dispatcher waits and then takes the next batch. The batch's rows are deleted
   * (`DELETE … RETURNING`) in the database transaction that holds them during the dispatch: a dispatch that throws,
   * or a dispatcher that dies, rolls the delete back and leaves them for the next one (at least once). `limit`
   * counts rows, each a unit of work's events.
   */
  async claim(limit: number, dispatch: (entries: OutboxEntry[]) => Promise<void>, _now: Date): Promise<number> {
    return this.knex.transaction(async (trx) => {
      await trx.raw(`SELECT pg_advisory_xact_lock(hashtextextended('kessai.outbox-dispatch', 0))`);
      const { rows } = await trx.raw<{ rows: Row[] }>(
        `DELETE FROM outbox WHERE position IN (SELECT position FROM outbox ORDER BY position LIMIT ?)
         RETURNING position, events`,
        [limit],
      );
      if (rows.length === 0) return 0;
      rows.sort((a, b) => Number(a.position) - Number(b.position));
      const entries = rows.flatMap(toEntries);
      await dispatch(entries);
      return entries.length;
    });
  }

  /** Nothing is kept once dispatched: each row is deleted as it is handed on. */
  async prune(_before: Date, _limit: number): Promise<number> {
    return 0;
  }
}
