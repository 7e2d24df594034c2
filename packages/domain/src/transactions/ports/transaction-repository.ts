import type { AttentionFilter } from '../analytics/attention';
import type { DomainEvent } from '../domain-events';
import type { Transaction } from '../transaction';
import type { Refund } from '../transaction-state';
import type { TransactionStatus } from '../transaction-status';
import type { TransactionSummary } from '../transaction-summary';
import type { IdempotencyClaim, StoredResponse } from './idempotency-store';
import type { AnsweredWebhooks } from './webhook-inbox';

export interface TransactionListQuery {
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string | undefined;
  statuses?: readonly TransactionStatus[] | undefined;
  createdAtGte?: Date | undefined;
  createdAtLte?: Date | undefined;
  updatedAtGte?: Date | undefined;
  updatedAtLte?: Date | undefined;
  externalIdentifier?: string | undefined;
  amountEq?: number | undefined;
  amountGte?: number | undefined;
  amountLte?: number | undefined;
  /** Matches transactions whose metadata contains every given pair. */
  metadata?: Readonly<Record<string, string>> | undefined;
  id?: string | undefined;
  reconciliationId?: string | undefined;
  providerOrderId?: string | undefined;
  /** Billing email addresses (any of them), compared case-insensitively. */
  buyerEmailAddresses?: readonly string[] | undefined;
  /** The stored buyer the transaction was made for. */
  buyerId?: string | undefined;
  /** The buyer's external identifier (stored or guest buyer). */
  buyerExternalIdentifier?: string | undefined;
  currencies?: readonly string[] | undefined;
  countries?: readonly string[] | undefined;
  paymentServiceIds?: readonly string[] | undefined;
  errorCodes?: readonly string[] | undefined;
  /** true: at least one refund (any status); false: none. */
  hasRefunds?: boolean | undefined;
  /**
   * Exact match on the id, reconciliation id or provider order id, or a part of the external identifier or billing
   * email, compared case-insensitively (`example.jp` finds `hanako@EXAMPLE.jp`; `%` and `_` are plain characters).
   */
  search?: string | undefined;
  /** Only the transactions an overview "needs attention" row counts (a Kessai extension). */
  attention?: AttentionFilter | undefined;
}

/** A connection's transactions created in [`from`, `to`), a page at a time. */
export interface CreationWindow {
  paymentServiceId: string;
  from: Date;
  to: Date;
  limit: number;
  /** The last transaction of the previous page: the next page starts after it. */
  after?: CreatedTransaction | undefined;
}

export interface CreatedTransaction {
  id: string;
  createdAt: Date;
}

/** Newest-updated first (Gr4vy order); cursors are opaque strings. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  previousCursor: string | null;
}

/** A bounded stretch of one transaction's history: the first `limit` after a sequence, or the last before one. */
export interface EventWindow {
  limit: number;
  after?: number | undefined;
  before?: number | undefined;
}

export interface StoredEvent extends DomainEvent {
  /** Monotonic per transaction, for stable history order. */
  sequence: number;
}

/**
 * Stores Transaction aggregates (a state at a version) with their captures, refunds and events. Every method is
 * scoped by merchant account except the provider-reference lookups used by webhooks (the connection identifies
 * the merchant). Writes store what the aggregate decided (`pullDecided`): the new state, the children its events
 * name, and their audit records in the history and the outbox, in one unit of work. Reads that only show a
 * transaction answer its `TransactionSummary`.
 */
export interface TransactionRepository {
  /** Inserts a new aggregate. `DuplicateRecordError` if the id exists. */
  add(transaction: Transaction): Promise<void>;
  get(merchantAccountId: string, id: string): Promise<Transaction | undefined>;
  /** What a reader shows of one transaction: `get(…)?.summary()`, which needs none of its children. */
  summary(merchantAccountId: string, id: string): Promise<TransactionSummary | undefined>;
  /**
   * Lets `change` decide on the stored aggregate, then persists the result and its events atomically.
   * - Updates of one transaction are linearisable, across processes: each decision is taken on the state the
   *   previous one stored, so a guard checked inside `change` cannot be raced (no over-capture, no over-refund).
   * - `change` may throw (a DomainError): nothing is written, and the call rejects with that error.
   * - `change` may run more than once per call (only its last run counts): it must have no effect outside the
   *   aggregate.
   * - A `change` that records no event writes nothing.
   * `TransactionNotFoundError` if absent (or another merchant's).
   * - `request`: the Idempotency-Key and answer of the request the change serves, written in the same unit of work
   *   (on their own when the change writes nothing). A key another request holds refuses the whole write with
   *   `IdempotencyKeyHeldError`.
   * - `request.webhooks`: the provider webhooks the change answers, marked processed in its unit of work; a change
   *   that writes nothing leaves them to the caller (`marked` is not told).
   */
  update<R>(
    merchantAccountId: string,
    id: string,
    change: (transaction: Transaction) => R,
    request?: RequestWrites,
  ): Promise<UpdateResult<R>>;
  /** Summaries (see `summary`), newest updated first. */
  list(merchantAccountId: string, query: TransactionListQuery): Promise<Page<TransactionSummary>>;
  /**
   * The window's transactions oldest created first (then by id), at most `limit`: a transaction changed while
   * they are paged keeps its place, so a walk over the window sees each once.
   */
  listCreated(merchantAccountId: string, window: CreationWindow): Promise<CreatedTransaction[]>;
  findByProviderOrderId(paymentServiceId: string, providerOrderId: string): Promise<Transaction | undefined>;
  /** The transaction one of whose captures the provider knows by `providerCaptureId`, within the connection. */
  findByProviderCaptureId(paymentServiceId: string, providerCaptureId: string): Promise<Transaction | undefined>;
  findRefund(
    merchantAccountId: string,
    refundId: string,
  ): Promise<{ transactionId: string; refund: Refund } | undefined>;
  /** The window's events, oldest first (by sequence); never more than `window.limit`. */
  listEvents(merchantAccountId: string, transactionId: string, window: EventWindow): Promise<StoredEvent[]>;
  /** Work for the janitor: approvals past their expiry (oldest first). */
  findExpiredApprovals(now: Date, limit: number): Promise<Array<{ merchantAccountId: string; id: string }>>;
  /** Work for the janitor: pending captures/refunds/voids (or unknown creates) last touched before `before`. */
  findUnresolved(before: Date, limit: number): Promise<Array<{ merchantAccountId: string; id: string }>>;
}

/** What an update writes for the request it serves, beside the transaction. */
export interface RequestWrites {
  /** Take the request's key. */
  claim?: IdempotencyClaim | undefined;
  /** Keep the request's answer, made from the changed transaction (undefined: keep none). */
  answer?: { claim: IdempotencyClaim; of(transaction: Transaction): StoredResponse | undefined } | undefined;
  /**
   * Mark processed the inbox messages the changed transaction answers (undefined: none yet, the caller marks them
   * later); `marked` is told once the write that marked them is stored.
   */
  webhooks?: { of(transaction: Transaction): AnsweredWebhooks | undefined; marked?(): void } | undefined;
}

export interface UpdateResult<R> {
  transaction: Transaction;
  result: R;
}
