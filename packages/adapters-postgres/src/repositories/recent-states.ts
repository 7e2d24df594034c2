import type { TransactionData } from '@kessai/domain';

/** A transaction's state as this process last stored or read it, with the count of its history rows then. */
export interface RecentState {
  data: TransactionData;
  eventCount: number;
}

/**
 * The last state this process stored or read of its most recently used transactions (least recently used
 * evicted). It is only ever a guess that lets `update` skip its lock-and-load round trip: the write that follows
 * is checked against the stored version, and a guess that turned out old is dropped and the update re-run on
 * the stored state. Nothing is ever answered from here.
 */
export class RecentStates {
  private readonly entries = new Map<string, RecentState>();

  constructor(private readonly capacity: number) {}

  get(merchantAccountId: string, id: string): RecentState | undefined {
    const entry = this.entries.get(id);
    if (!entry || entry.data.merchantAccountId !== merchantAccountId) return undefined;
    // Map order is insertion order: re-inserting marks it most recently used.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry;
  }

  /** `data` must be a copy nobody else mutates (the aggregate's `toData()` or a freshly parsed row). */
  remember(data: TransactionData, eventCount: number): void {
    if (this.capacity <= 0) return;
    // A read that started before this process's last write may finish after it: keep the newer state.
    const known = this.entries.get(data.id);
    if (known && known.data.version > data.version) return;
    this.entries.delete(data.id);
    this.entries.set(data.id, { data, eventCount });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
