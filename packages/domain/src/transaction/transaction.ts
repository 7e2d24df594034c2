import { randomUUID } from 'node:crypto';
import type { TransactionBuyer } from '../buyer/buyer';
import type { CapabilityProfile } from '../connector/capability-profile';
import { assertSupported } from '../connector/capability-profile';
import type { ApprovalStarted } from '../connector/payment-connector';
import type { ProviderRefund, ProviderSnapshot } from '../connector/provider-snapshot';
import { CancelNotAllowedError, InvalidFieldError, InvalidStateTransitionError } from '../errors';
import { Money } from '../money';
import type { Actor } from './actor';
import { applyProviderSnapshot, type SnapshotOptions } from './apply-provider-snapshot';
import * as captures from './capture-ledger';
import type { DomainEvent, DomainEventName } from './domain-events';
import { reconciliationIdFor } from './reconciliation-id';
import * as refunds from './refund-ledger';
import * as totals from './totals';
import type { CaptureData, CartItem, PersonDetails, RefundData, TransactionData } from './transaction-data';
import type { TransactionIntent } from './transaction-status';

export interface NewTransaction {
  id: string;
  merchantAccountId: string;
  paymentServiceId: string;
  intent: TransactionIntent;
  amount: number;
  currency: string;
  country: string;
  paymentMethod: string;
  paymentMethodExternalIdentifier?: string | null;
  redirectUrl: string;
  billingDetails: PersonDetails | undefined;
  shippingDetails: PersonDetails | undefined;
  buyer?: TransactionBuyer;
  cartItems: CartItem[];
  externalIdentifier: string | null;
  metadata: Record<string, string>;
  /** Request flags checked against the capability profile, never stored. */
  storedPaymentMethod?: boolean;
  partialAuthorization?: boolean;
}

/** Who caused a change; recorded on every event for the audit history. */
export type ChangeSource = 'api' | 'webhook' | 'sync' | 'janitor';

/** A provider answer to an authorization-phase request that was not a success. */
export interface Refusal {
  kind: 'declined' | 'failed';
  code: string;
  message: string;
}

/**
 * The Transaction aggregate: one payment from creation to its last refund. It enforces every money rule itself
 * (no over-capture, no over-refund, no capture after void or a final capture, monotonic provider reports) and
 * records a domain event for every change. It never talks to a provider: use cases reserve here, call the
 * connector outside any unit of work, then record the outcome here.
 */
export class Transaction {
  private pendingEvents: DomainEvent[] = [];
  private source: ChangeSource = 'api';
  private actor: Actor | undefined;

  private constructor(private data: TransactionData) {}

  static create(input: NewTransaction, capabilities: CapabilityProfile, now: Date, actor?: Actor): Transaction {
    const money = Money.of(input.amount, input.currency);
    assertSupported(capabilities, { ...input, amount: money.amount });
    if (input.paymentMethod !== capabilities.connector) {
      throw new InvalidFieldError(
        `payment method must be "${capabilities.connector}" for this connection`,
        '/payment_method/method',
      );
    }
    const transaction = new Transaction({
      ...input,
      billingDetails: input.billingDetails as PersonDetails,
      shippingDetails: input.shippingDetails as PersonDetails,
      reconciliationId: reconciliationIdFor(input.id),
      connector: capabilities.connector,
      status: 'processing',
      approvalUrl: null,
      approvalExpiresAt: new Date(now.getTime() + capabilities.approvalWindowMs),
      providerSessionId: null,
      providerTransactionId: null,
      errorCode: null,
      rawResponseCode: null,
      rawResponseDescription: null,
      captureClosed: false,
      captures: [],
      refunds: [],
      createdAt: now,
      updatedAt: now,
      authorizedAt: null,
      capturedAt: null,
      voidedAt: null,
      canceledAt: null,
      buyerApprovalTimedOutAt: null,
      version: 0,
    });
    transaction.changedBy('api', actor).emit('transaction.created', now, null, {
      amount: money.amount,
      currency: money.currency,
      intent: input.intent,
    });
    return transaction;
  }

  /** Rebuilds a stored aggregate. The data is copied: the caller's object is never aliased. */
  static rehydrate(data: TransactionData): Transaction {
    return new Transaction(structuredClone(data));
  }

  // --- reading -----------------------------------------------------------------------------------------------

  get id(): string {
    return this.data.id;
  }
  get merchantAccountId(): string {
    return this.data.merchantAccountId;
  }
  get status() {
    return this.data.status;
  }
  get version(): number {
    return this.data.version;
  }
  /** The connector whose capabilities decide this transaction's intents. */
  get connector(): string {
    return this.data.connector;
  }
  get authorizedAmount(): number {
    return totals.authorizedAmount(this.data);
  }
  get capturedAmount(): number {
    return totals.capturedAmount(this.data);
  }
  get refundedAmount(): number {
    return totals.refundedAmount(this.data);
  }
  get capturableAmount(): number {
    return totals.capturableAmount(this.data);
  }
  get refundableAmount(): number {
    return totals.refundableAmount(this.data);
  }
  capture(id: string): CaptureData | undefined {
    return this.data.captures.find((capture) => capture.id === id);
  }
  refund(id: string): RefundData | undefined {
    return this.data.refunds.find((refund) => refund.id === id);
  }
  /** A deep copy of the state, for persistence and presentation. */
  toData(): TransactionData {
    return structuredClone(this.data);
  }
  hasChanges(): boolean {
    return this.pendingEvents.length > 0;
  }
  /** Events recorded since the last `pullEvents`; the repository stores them with the state. */
  pullEvents(): DomainEvent[] {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    return events;
  }
  /** Called by a repository after it stored the aggregate: the stored version is now one higher. */
  markPersisted(): void {
    this.data.version += 1;
  }

  /** Attributes the following changes to a cause, and to whoever asked if someone did, in the audit history. */
  changedBy(source: ChangeSource, actor?: Actor): this {
    this.source = source;
    this.actor = actor;
    return this;
  }

  // --- authorization phase -----------------------------------------------------------------------------------

  beginApproval(started: ApprovalStarted, now: Date): void {
    this.requireStatus('begin buyer approval', 'processing');
    Object.assign(this.data, {
      status: 'buyer_approval_pending',
      approvalUrl: started.approvalUrl,
      approvalExpiresAt: started.approvalExpiresAt,
      providerSessionId: started.providerSessionId,
      providerTransactionId: started.providerTransactionId,
    });
    this.emit('transaction.approval-pending', now, null, {
      approval_expires_at: started.approvalExpiresAt.toISOString(),
    });
  }

  /** The provider refused to start (declined) or could not start (failed) the approval. */
  refuseApproval(refusal: Refusal, now: Date): void {
    this.requireStatus('refuse the approval', 'processing', 'buyer_approval_pending');
    this.endUnauthorized(refusal.kind === 'declined' ? 'authorization_declined' : 'authorization_failed', now, {
      errorCode: refusal.kind === 'declined' ? 'declined' : 'service_error',
      rawCode: refusal.code,
      rawDescription: refusal.message,
    });
  }

  /** The approval window passed without a buyer decision. Returns false when there was nothing to expire. */
  expireApproval(now: Date): boolean {
    const pending = this.data.status === 'processing' || this.data.status === 'buyer_approval_pending';
    if (!pending || !this.data.approvalExpiresAt || this.data.approvalExpiresAt.getTime() > now.getTime()) return false;
    this.data.buyerApprovalTimedOutAt = now;
    this.endUnauthorized('authorization_failed', now, { errorCode: 'incomplete_buyer_approval' });
    return true;
  }

  /** Cancel works only while the buyer has not approved yet (Gr4vy's cancel). */
  cancel(now: Date): void {
    if (this.data.status !== 'processing' && this.data.status !== 'buyer_approval_pending') {
      throw new CancelNotAllowedError(
        `a transaction can be canceled only while buyer approval is pending (status: ${this.data.status})`,
      );
    }
    this.data.canceledAt = now;
    this.endUnauthorized('authorization_failed', now, { errorCode: 'canceled_buyer_approval' });
  }

  /** The merchant's own references only: `metadata` replaces the whole map (Gr4vy), absent fields stay. */
  updateReferences(change: { externalIdentifier?: string | null; metadata?: Record<string, string> }, now: Date): void {
    this.change(now, () => {
      const changed: string[] = [];
      if (change.externalIdentifier !== undefined && change.externalIdentifier !== this.data.externalIdentifier) {
        this.data.externalIdentifier = change.externalIdentifier;
        changed.push('external_identifier');
      }
      if (change.metadata !== undefined) {
        this.data.metadata = { ...change.metadata };
        changed.push('metadata');
      }
      if (changed.length) this.emit('transaction.updated', now, null, { changed });
    });
  }

  // --- captures, voids, refunds: reserve here, call the provider elsewhere, record the outcome here ------------

  reserveCapture(request: captures.CaptureReservation, capabilities: CapabilityProfile, now: Date) {
    return this.change(now, () => captures.reserveCapture(this.ledger(now), request, capabilities));
  }
  recordCaptureOutcome(
    captureId: string,
    outcome: captures.ChildOutcome<{ providerCaptureId: string }>,
    now: Date,
  ): boolean {
    return this.change(now, () => captures.recordCaptureOutcome(this.ledger(now), captureId, outcome));
  }
  reserveVoid(capabilities: CapabilityProfile, now: Date): boolean {
    return this.change(now, () => captures.reserveVoid(this.ledger(now), capabilities));
  }
  recordVoidOutcome(outcome: captures.ChildOutcome<unknown>, now: Date): boolean {
    return this.change(now, () => captures.recordVoidOutcome(this.ledger(now), outcome));
  }
  reserveRefund(request: refunds.RefundReservation, capabilities: CapabilityProfile, now: Date) {
    return this.change(now, () => refunds.reserveRefund(this.ledger(now), request, capabilities));
  }
  recordRefundOutcome(
    refundId: string,
    outcome: captures.ChildOutcome<{ providerRefundIds: string[] }>,
    now: Date,
  ): boolean {
    return this.change(now, () => refunds.recordRefundOutcome(this.ledger(now), refundId, outcome));
  }

  /** Refunds still processing that the provider reports partly made: what was asked, its parts and their sum. */
  partlyMadeRefunds(snapshot: ProviderSnapshot): Array<{ refund: RefundData; parts: ProviderRefund[]; found: number }> {
    return this.data.refunds.flatMap((refund) => {
      if (refund.status !== 'processing' || refund.external) return [];
      const parts = refunds.partsAtProvider(refund, snapshot);
      const found = parts.reduce((sum, part) => sum + part.amount, 0);
      return found > 0 && found < refund.amount ? [{ refund: structuredClone(refund), parts, found }] : [];
    });
  }
  claimRefundRest(refundId: string, found: number, now: Date, afterMs: number): boolean {
    return this.change(now, () => refunds.claimRefundRest(this.ledger(now), refundId, found, afterMs));
  }
  recordRefundRest(
    refundId: string,
    outcome: captures.ChildOutcome<{ providerRefundIds: string[] }>,
    parts: ProviderRefund[],
    now: Date,
  ): boolean {
    return this.change(now, () => refunds.recordRefundRest(this.ledger(now), refundId, outcome, parts));
  }

  /**
   * Applies what the provider reports (sync or webhook). Monotonic: a stale or duplicate report changes nothing
   * and a transaction never moves backwards. Returns whether anything changed.
   */
  applyProviderSnapshot(snapshot: ProviderSnapshot, now: Date, options?: Partial<SnapshotOptions>): boolean {
    return this.change(now, () => applyProviderSnapshot(this.ledger(now), snapshot, options));
  }

  /**
   * The buyer approved at the provider after Kessai had already given up on the transaction (expired, canceled):
   * the provider holds an authorization nobody will capture, so the use case releases it with a void.
   */
  holdsOrphanedAuthorization(snapshot: ProviderSnapshot): boolean {
    const givenUp = this.data.status === 'authorization_failed' || this.data.status === 'authorization_declined';
    return givenUp && snapshot.status === 'authorized' && snapshot.payments.length === 0;
  }

  // --- internals ---------------------------------------------------------------------------------------------

  private ledger(now: Date): captures.Ledger {
    return {
      data: this.data,
      now,
      emit: (name, subjectId, context) => this.emit(name, now, subjectId, context),
      authorize: () => this.markAuthorized(now),
      endUnauthorized: (status, details) => this.endUnauthorized(status, now, details),
    };
  }

  /** Runs a change and checks the money invariants before it can be observed or stored. */
  private change<R>(now: Date, apply: () => R): R {
    const before = this.pendingEvents.length;
    const result = apply();
    totals.assertMoneyInvariants(this.data);
    if (this.pendingEvents.length > before) this.data.updatedAt = now;
    return result;
  }

  private markAuthorized(now: Date): void {
    this.requireStatus('authorize', 'processing', 'buyer_approval_pending');
    Object.assign(this.data, {
      status: 'authorization_succeeded',
      authorizedAt: now,
      approvalUrl: null,
      errorCode: null,
    });
    this.emit('transaction.authorized', now, null, { amount: this.data.amount });
  }

  private endUnauthorized(
    status: 'authorization_declined' | 'authorization_failed',
    now: Date,
    details: { errorCode: string; rawCode?: string; rawDescription?: string },
  ): void {
    Object.assign(this.data, {
      status,
      approvalUrl: null,
      errorCode: details.errorCode,
      rawResponseCode: details.rawCode ?? this.data.rawResponseCode,
      rawResponseDescription: details.rawDescription ?? this.data.rawResponseDescription,
      updatedAt: now,
    });
    const name: DomainEventName =
      details.errorCode === 'canceled_buyer_approval'
        ? 'transaction.canceled'
        : status === 'authorization_declined'
          ? 'transaction.declined'
          : 'transaction.failed';
    this.emit(name, now, null, { error_code: details.errorCode, raw_response_code: details.rawCode ?? null });
  }

  private requireStatus(action: string, ...allowed: TransactionData['status'][]): void {
    if (!allowed.includes(this.data.status)) {
      throw new InvalidStateTransitionError(`cannot ${action} when the transaction is ${this.data.status}`);
    }
  }

  private emit(name: DomainEventName, now: Date, subjectId: string | null, context: Record<string, unknown>): void {
    this.data.updatedAt = now;
    this.pendingEvents.push({
      id: randomUUID(),
      name,
      merchantAccountId: this.data.merchantAccountId,
      transactionId: this.data.id,
      subjectId,
      occurredAt: now,
      context: { ...context, source: this.source, status: this.data.status, ...(this.actor && { actor: this.actor }) },
    });
  }
}
