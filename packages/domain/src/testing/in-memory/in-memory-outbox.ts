import type { Outbox, OutboxEntry } from '../../ports/outbox';
import type { DomainEvent } from '../../transaction/domain-events';
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

  async pending(limit: number): Promise<OutboxEntry[]> {
    return this.entries
      .filter((entry) => entry.dispatchedAt === null)
      .slice(0, limit)
      .map((entry) => ({ ...entry }));
  }

  async markDispatched(positions: readonly number[], now: Date): Promise<void> {
    const wanted = new Set(positions);
    for (const entry of this.entries) if (wanted.has(entry.position) && !entry.dispatchedAt) entry.dispatchedAt = now;
  }

  async claim(limit: number, dispatch: (entries: OutboxEntry[]) => Promise<void>, now: Date): Promise<number> {
    return this.claims.run('outbox', async () => {
      const batch = await this.pending(limit);
      if (batch.length === 0) return 0;
      await dispatch(batch);
      await this.markDispatched(
        batch.map((entry) => entry.position),
        now,
      );
      return batch.length;
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
