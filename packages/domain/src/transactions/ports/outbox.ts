import type { DomainEvent } from '../domain-events';

export interface OutboxEntry {
  /** Monotonic position: dispatch in this order keeps causal order per transaction. */
  position: number;
  event: DomainEvent;
  /** Always null as handed to a dispatcher (kept for stores that keep dispatched entries). */
  dispatchedAt: Date | null;
}

/**
 * Domain events waiting to leave the process (merchant webhooks, integrations). Events are *written* by the
 * TransactionRepository in the unit of work that changes the transaction; this port reads and acknowledges them.
 */
export interface Outbox {
  /**
   * For dispatchers in any number of processes: hands the oldest undispatched batch to `dispatch` and forgets it
   * when `dispatch` resolves (if it throws, the batch stays for the next run: at least once). Claims are exclusive and
   * taken in position order, one dispatcher at a time, so a consumer sees a transaction's events in order.
   * Resolves to the batch size (0 when there was nothing to do).
   */
  claim(limit: number, dispatch: (entries: OutboxEntry[]) => Promise<void>, now: Date): Promise<number>;
  /**
   * Forgets up to `limit` entries dispatched before `before` (the audit history keeps every event); 0 from a store
   * that forgets each batch as it is dispatched, as both adapters here do.
   */
  prune(before: Date, limit: number): Promise<number>;
}
