import type { DomainEvent } from '../transactions/domain-events';
import type { Outbox, OutboxEntry } from '../transactions/ports/outbox';
import { KeyedMutex } from './keyed-mutex';

export class InMemoryOutbox implements Outbox {
  private entries: OutboxEntry[] = [];
  private nextPosition = 1;
  /** One dispatcher at a time, like the PostgreSQL adapter's advisory lock. */
  private readonly claims = new KeyedMutex();

  /** Called by the in-memory repository inside its "unit of work". */
  append(events: readonly DomainEvent[]): void {
    for (const event of events) this.entries.push({ position: this.nextPosition++, event, dispatchedAt: null });
  }

  async claim(limit: number, dispatch: (entries: OutboxEntry[]) => Promise<void>, _now: Date): Promise<number> {
    return this.claims.run('outbox', async () => {
      const waiting = this.entries.filter((entry) => entry.dispatchedAt === null).slice(0, limit);
      if (waiting.length === 0) return 0;
      await dispatch(waiting.map((entry) => ({ ...entry })));
      // Forgotten once handed on, as the PostgreSQL adapter deletes its rows.
      const handed = new Set(waiting);
      this.entries = this.entries.filter((entry) => !handed.has(entry));
      return waiting.length;
    });
  }

  /** Nothing is kept once dispatched. */
  async prune(_before: Date, _limit: number): Promise<number> {
    return 0;
  }
}
