import type { DomainEvent } from '../transaction/domain-events';

export interface OutboxEntry {
  /** Monotonic position: dispatch in this order keeps causal order per transaction. */
  position: number;
  event: DomainEvent;
  dispatchedAt: Date | null;
}

/**
 * Domain events waiting to leave the process (merchant webhooks, integrations). Events are *written* by the
 * TransactionRepository in the unit of work that changes the transaction; this port reads and acknowledges them.
 */
export interface Outbox {
  /** Undispatched entries in position order. */
  pending(limit: number): Promise<OutboxEntry[]>;
  markDispatched(positions: readonly number[], now: Date): Promise<void>;
}
