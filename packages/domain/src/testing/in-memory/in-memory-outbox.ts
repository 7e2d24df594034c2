import type { Outbox, OutboxEntry } from '../../ports/outbox';
import type { DomainEvent } from '../../transaction/domain-events';

export class InMemoryOutbox implements Outbox {
  private readonly entries: OutboxEntry[] = [];
  private nextPosition = 1;

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
}
