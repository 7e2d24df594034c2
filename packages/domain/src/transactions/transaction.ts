import { randomUUID } from 'node:crypto';
import type { CapabilityProfile } from '../connectors/capability-profile';
import type { ConnectorOutcome } from '../connectors/outcome';
import type { ApprovalStarted } from '../connectors/payment-connector';
import type { ProviderRefund, ProviderSnapshot } from '../connectors/provider-snapshot';
import { type Amount, Money } from '../money';
import type { Actor } from './actor';
import { auditRecordOf, type ChangeCause, type ChangeSource } from './audit-record';
import { decide } from './decide';
import { decideCreation } from './decide-approval';
import { deepFreeze } from './deep-freeze';
import type { DomainEvent } from './domain-events';
import { evolve } from './evolve';
import { assertMoneyInvariants } from './money-invariants';
import type { NewTransaction } from './new-transaction';
import { type PartlyMadeRefund, partlyMadeRefunds } from './partly-made-refund';
import { statusOf } from './status-of';
import { UNMATCHED_GRACE_MS } from './timing-policy';
import { totals } from './totals';
import type { Refusal, TransactionCommand } from './transaction-commands';
import type { TransactionEvent } from './transaction-events';
import type { Capture, Refund, TransactionState } from './transaction-state';
import type { TransactionStatus } from './transaction-status';
import { summaryOf, type TransactionSummary } from './transaction-summary';

export interface CaptureReservation {
  captureId: string;
  /** Omitted: everything still capturable. */
  amount?: number | undefined;
  /** Default true: the provider releases whatever is not captured. */
  final?: boolean | undefined;
}

export interface RefundReservation {
  refundId: string;
  /** Omitted: everything still refundable. */
  amount?: number | undefined;
  reason?: string | null | undefined;
  externalIdentifier?: string | null | undefined;
}

export interface Reserved<T> {
  child: T;
  /** False when a child with this id already existed (a retried request): nothing new was reserved. */
  created: boolean;
}

/** What a unit of work stores: the events `decide` returned since the last store, and their audit records. */
export interface Decided {
  events: TransactionEvent[];
  records: DomainEvent[];
}

export interface SnapshotOptions {
  /** How long a pending capture/refund may be missing from the provider's report before it is judged lost. */
  unmatchedGraceMs: number;
}

/**
 * The Transaction aggregate: a state (`TransactionState`), the decider that judges commands on it (`decide`) and
 * the one writer that folds the decided events into it (`evolve`). This class only holds the current state for
 * a unit of work at a stored version: it runs a command, checks the money invariants on the new state and keeps
 * the decided events, with their audit records, for the repository to store. It never talks to a provider: use
 * cases reserve here, call the connector outside any unit of work, then record the outcome here.
 */
export class Transaction {
  private pending: Decided = { events: [], records: [] };
  private cause: ChangeCause = { source: 'api' };

  private constructor(
    private current: TransactionState,
    private storedVersion: number,
  ) {
    // Frozen whole, so the state can be shared with readers and stores instead of copied.
    deepFreeze(current);
  }

  static create(input: NewTransaction, capabilities: CapabilityProfile, now: Date, actor?: Actor): Transaction {
    const created = decideCreation(input, capabilities, now);
    const transaction = new Transaction(evolve(undefined, created), 0);
    transaction.changedBy('api', actor).apply(undefined, [created]);
    return transaction;
  }

  /** Rebuilds a stored aggregate from its state (never mutated: `evolve` makes new ones) at its stored version. */
  static rehydrate(state: TransactionState, version: number): Transaction {
    return new Transaction(state, version);
  }

  // --- reading -----------------------------------------------------------------------------------------------

  /** The typed state: what every decision and every reader of the children reads. */
  get state(): TransactionState {
    return this.current;
  }
  get id(): string {
    return this.current.details.id;
  }
  get merchantAccountId(): string {
    return this.current.details.merchantAccountId;
  }
  get status(): TransactionStatus {
    return statusOf(this.current);
  }
  get version(): number {
    return this.storedVersion;
  }
  /** The connector whose capabilities decide this transaction's intents. */
  get connector(): string {
    return this.current.details.connector;
  }
  get authorizedAmount(): Amount {
    return totals(this.current).authorized;
  }
  get capturedAmount(): Amount {
    return totals(this.current).captured;
  }
  get refundedAmount(): Amount {
    return totals(this.current).refunded;
  }
  get capturableAmount(): Amount {
    return totals(this.current).capturable;
  }
  get refundableAmount(): Amount {
    return totals(this.current).refundable;
  }
  capture(id: string): Capture | undefined {
    return this.current.kind === 'authorized' ? this.current.captures.find((c) => c.id === id) : undefined;
  }
  refund(id: string): Refund | undefined {
    return this.current.kind === 'authorized' ? this.current.refunds.find((r) => r.id === id) : undefined;
  }
  /** What readers show of it (see `TransactionSummary`). */
  summary(): TransactionSummary {
    return summaryOf(this.current, this.storedVersion);
  }
  hasChanges(): boolean {
    return this.pending.events.length > 0;
  }
  /** What was decided since the last `pullDecided`; the repository stores it with the state. */
  pullDecided(): Decided {
    const decided = this.pending;
    this.pending = { events: [], records: [] };
    return decided;
  }
  /** Called by a repository after it stored the aggregate: the stored version is now one higher. */
  markPersisted(): void {
    this.storedVersion += 1;
  }

  /** Attributes the following changes to a cause, and to whoever asked if someone did, in the audit history. */
  changedBy(source: ChangeSource, actor?: Actor): this {
    this.cause = { source, actor };
    return this;
  }

  // --- commands ------------------------------------------------------------------------------------------------

  /** Decides a command on the current state and applies its events. Returns them (none: nothing to do). */
  execute(command: TransactionCommand, now: Date): TransactionEvent[] {
    const events = decide(command, this.current, { now, newId: randomUUID });
    this.apply(this.current, events);
    return events;
  }

  beginApproval(started: ApprovalStarted, now: Date): void {
    this.execute({ type: 'begin_approval', started }, now);
  }
  /** The provider refused to start (declined) or could not start (failed) the approval. */
  refuseApproval(refusal: Refusal, now: Date): void {
    this.execute({ type: 'refuse_approval', refusal }, now);
  }
  /** The approval window passed without a buyer decision. Returns false when there was nothing to expire. */
  expireApproval(now: Date): boolean {
    return this.execute({ type: 'expire_approval' }, now).length > 0;
  }
  /** Cancel works only while the buyer has not approved yet (Gr4vy's cancel). */
  cancel(now: Date): void {
    this.execute({ type: 'cancel' }, now);
  }
  updateReferences(change: { externalIdentifier?: string | null; metadata?: Record<string, string> }, now: Date): void {
    this.execute({ type: 'update_references', ...change }, now);
  }

  reserveCapture(request: CaptureReservation, capabilities: CapabilityProfile, now: Date): Reserved<Capture> {
    const amount = this.moneyOf(request.amount);
    const events = this.execute({ type: 'reserve_capture', ...request, amount, capabilities }, now);
    return { child: this.capture(request.captureId) as Capture, created: events.length > 0 };
  }
  recordCaptureOutcome(
    captureId: string,
    outcome: ConnectorOutcome<{ providerCaptureId: string }>,
    now: Date,
  ): boolean {
    return this.execute({ type: 'record_capture_outcome', captureId, outcome }, now).length > 0;
  }
  /** Returns false when a void is already pending (a retried request): nothing new was started. */
  reserveVoid(capabilities: CapabilityProfile, now: Date): boolean {
    return this.execute({ type: 'reserve_void', capabilities }, now).length > 0;
  }
  recordVoidOutcome(outcome: ConnectorOutcome<unknown>, now: Date): boolean {
    return this.execute({ type: 'record_void_outcome', outcome }, now).length > 0;
  }
  reserveRefund(request: RefundReservation, capabilities: CapabilityProfile, now: Date): Reserved<Refund> {
    const amount = this.moneyOf(request.amount);
    const events = this.execute({ type: 'reserve_refund', ...request, amount, capabilities }, now);
    return { child: this.refund(request.refundId) as Refund, created: events.length > 0 };
  }
  recordRefundOutcome(
    refundId: string,
    outcome: ConnectorOutcome<{ providerRefundIds: string[] }>,
    now: Date,
  ): boolean {
    return this.execute({ type: 'record_refund_outcome', refundId, outcome }, now).length > 0;
  }

  /** Refunds still processing that the provider reports partly made: what was asked, its parts and their sum. */
  partlyMadeRefunds(snapshot: ProviderSnapshot): PartlyMadeRefund[] {
    return partlyMadeRefunds(this.current, snapshot);
  }
  claimRefundRest(refundId: string, found: number, now: Date, afterMs: number): boolean {
    return this.execute({ type: 'claim_refund_rest', refundId, found: found as Amount, afterMs }, now).length > 0;
  }
  recordRefundRest(
    refundId: string,
    outcome: ConnectorOutcome<{ providerRefundIds: string[] }>,
    parts: ProviderRefund[],
    now: Date,
  ): boolean {
    return this.execute({ type: 'record_refund_rest', refundId, outcome, parts }, now).length > 0;
  }

  /**
   * Applies what the provider reports (sync or webhook). Monotonic: a stale or duplicate report changes nothing
   * and a transaction never moves backwards. Returns whether anything changed.
   */
  applyProviderSnapshot(snapshot: ProviderSnapshot, now: Date, options?: Partial<SnapshotOptions>): boolean {
    const unmatchedGraceMs = options?.unmatchedGraceMs ?? UNMATCHED_GRACE_MS;
    return this.execute({ type: 'apply_provider_snapshot', snapshot, unmatchedGraceMs }, now).length > 0;
  }

  /**
   * The buyer approved at the provider after Kessai had already given up on the transaction (expired, canceled):
   * the provider holds an authorization nobody will capture, so the use case releases it with a void.
   */
  holdsOrphanedAuthorization(snapshot: ProviderSnapshot): boolean {
    return this.current.kind === 'refused' && snapshot.status === 'authorized' && snapshot.payments.length === 0;
  }

  // --- internals ---------------------------------------------------------------------------------------------

  private moneyOf(amount: number | undefined): Money | undefined {
    return amount === undefined ? undefined : Money.of(amount, this.current.details.currency);
  }

  /** Folds the events in, checks the money invariants on the result, and only then makes it the state. */
  private apply(start: TransactionState | undefined, events: TransactionEvent[]): void {
    if (events.length === 0) return;
    const records: DomainEvent[] = [];
    let state = start;
    for (const event of events) {
      const next = evolve(state, event);
      records.push(auditRecordOf(event, state, next, this.cause, randomUUID()));
      state = next;
    }
    const after = state as TransactionState;
    assertMoneyInvariants(after);
    deepFreeze(after);
    this.current = after;
    this.pending.events.push(...events);
    this.pending.records.push(...records);
  }
}

export type { ChangeSource, NewTransaction, Refusal };
