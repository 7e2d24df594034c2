import type { TransactionState } from '@kessai/domain';

/** A transaction's state as this process last stored or read it, at its version, with its history row count. */
export interface RecentState {
  /** Shared, not copied: a state is frozen (see `Transaction`), and `evolve` makes new ones. */
  state: TransactionState;
  version: number;
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
    if (!entry || entry.state.details.merchantAccountId !== merchantAccountId) return undefined;
    // Map order is insertion order: re-inserting marks it most recently used.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry;
  }

  remember(stored: RecentState): void {
    if (this.capacity <= 0) return;
    const { id } = stored.state.details;
    // A read that started before this process's last write may finish after it: keep the newer state.
    const known = this.entries.get(id);
    if (known && known.version > stored.version) return;
    this.entries.delete(id);
    this.entries.set(id, stored);
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
