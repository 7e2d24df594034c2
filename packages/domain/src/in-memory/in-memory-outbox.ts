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

  async claim(limit: number, dispatch: (entries: OutboxEntry[]) => Promise<void>, now: Date): Promise<number> {
    return this.claims.run('outbox', async () => {
      const waiting = this.entries.filter((entry) => entry.dispatchedAt === null).slice(0, limit);
      if (waiting.length === 0) return 0;
      await dispatch(waiting.map((entry) => ({ ...entry })));
      for (const entry of waiting) entry.dispatchedAt = now;
      return waiting.length;
    });
  }

  async prune(before: Date, limit: number): Promise<number> {
    let pruned = 0;
    this.entries = this.entries.filter((entry) => {
      const old = entry.dispatchedAt !== null && entry.dispatchedAt.getTime() < before.getTime() && pruned < limit;
      if (old) pruned++;
      return !old;
    });
    return pruned;
  }
}
