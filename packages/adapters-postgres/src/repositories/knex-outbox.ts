import type { DomainEvent, Outbox, OutboxEntry } from '@kessai/domain';
import type { Knex } from 'knex';

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

  async pending(limit: number): Promise<OutboxEntry[]> {
    const rows = await this.knex<Row>('outbox').whereNull('dispatched_at').orderBy('position', 'asc').limit(limit);
    return rows.map(toEntry);
  }

  /**
   * For dispatchers running in several processes: takes a batch nobody else holds (SKIP LOCKED), hands it to
   * `dispatch`, and marks it dispatched in the same database transaction.
   */
  async claim(limit: number, dispatch: (entries: OutboxEntry[]) => Promise<void>): Promise<number> {
    return this.knex.transaction(async (trx) => {
      const rows = await trx<Row>('outbox')
        .whereNull('dispatched_at')
        .orderBy('position', 'asc')
        .limit(limit)
        .forUpdate()
        .skipLocked();
      if (rows.length === 0) return 0;
      await dispatch(rows.map(toEntry));
      await trx('outbox')
        .whereIn(
          'position',
          rows.map((row) => row.position),
        )
        .update({ dispatched_at: new Date() });
      return rows.length;
    });
  }

  async markDispatched(positions: readonly number[], now: Date): Promise<void> {
    if (positions.length === 0) return;
    await this.knex('outbox')
      .whereIn('position', [...positions])
      .whereNull('dispatched_at')
      .update({ dispatched_at: now });
  }
}
