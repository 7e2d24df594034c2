import type { CapabilityProfile } from '../connector/capability-profile';
import type { ProviderRefund, ProviderSnapshot } from '../connector/provider-snapshot';
import { NothingToRefundError, RefundExceedsCapturedError, UnsupportedFeatureError } from '../errors';
import { Money } from '../money';
import type { ChildOutcome, Ledger, Reserved } from './capture-ledger';
import { capturedAmount, refundableAmount } from './totals';
import type { RefundData } from './transaction-data';

export interface RefundReservation {
  refundId: string;
  /** Omitted: everything still refundable. */
  amount?: number | undefined;
  reason?: string | null | undefined;
  externalIdentifier?: string | null | undefined;
}

/** Reserves a refund against the *captured* money (never the authorized amount: peers.md §C.5). */
export function reserveRefund(
  ledger: Ledger,
  request: RefundReservation,
  capabilities: CapabilityProfile,
): Reserved<RefundData> {
  const { data } = ledger;
  const existing = data.refunds.find((refund) => refund.id === request.refundId);
  if (existing) return { child: existing, created: false };
  const captured = capturedAmount(data);
  if (captured === 0) throw new NothingToRefundError('nothing has been captured, so there is nothing to refund');
  const remaining = refundableAmount(data);
  if (remaining === 0) throw new NothingToRefundError('the captured amount is already refunded (or being refunded)');
  const amount = request.amount === undefined ? remaining : Money.of(request.amount, data.currency).amount;
  if (amount > remaining) {
    throw new RefundExceedsCapturedError(
      `cannot refund ${amount}: only ${remaining} of the captured ${captured} ${data.currency} is left to refund`,
      '/amount',
    );
  }
  if (amount < captured && !capabilities.partialRefunds) {
    throw new UnsupportedFeatureError(`${capabilities.connector} does not support partial refunds`, '/amount');
  }
  const refund: RefundData = {
    id: request.refundId,
    amount,
    reason: request.reason ?? null,
    externalIdentifier: request.externalIdentifier ?? null,
    status: 'processing',
    providerRefundIds: [],
    refundedAtProvider: 0,
    external: false,
    errorCode: null,
    rawResponseCode: null,
    rawResponseDescription: null,
    createdAt: ledger.now,
    updatedAt: ledger.now,
  };
  data.refunds.push(refund);
  ledger.emit('refund.pending', refund.id, { amount });
  return { child: refund, created: true };
}

export function recordRefundOutcome(
  ledger: Ledger,
  refundId: string,
  outcome: ChildOutcome<{ providerRefundIds: string[] }>,
): boolean {
  const refund = ledger.data.refunds.find((candidate) => candidate.id === refundId);
  if (refund?.status !== 'processing') return false;
  if (outcome.kind === 'unknown') {
    // Still processing, but its call has ended: readings of the provider may now count the parts it made.
    Object.assign(refund, {
      rawResponseDescription: `outcome not known yet: ${outcome.reason}`,
      updatedAt: ledger.now,
    });
    ledger.emit('refund.outcome-unknown', refund.id, { amount: refund.amount, reason: outcome.reason });
    return true;
  }
  if (outcome.kind === 'succeeded') {
    settleRefund(ledger, refund, outcome.value.providerRefundIds);
    return true;
  }
  Object.assign(refund, {
    status: outcome.kind,
    errorCode: outcome.kind === 'declined' ? 'declined' : 'service_error',
    rawResponseCode: outcome.code,
    rawResponseDescription: outcome.message,
    updatedAt: ledger.now,
  });
  ledger.emit(outcome.kind === 'declined' ? 'refund.declined' : 'refund.failed', refund.id, {
    amount: refund.amount,
    raw_response_code: outcome.code,
  });
  return true;
}

export function settleRefund(ledger: Ledger, refund: RefundData, providerRefundIds: string[]): void {
  Object.assign(refund, {
    status: 'succeeded',
    providerRefundIds,
    refundedAtProvider: refund.amount,
    errorCode: null,
    updatedAt: ledger.now,
  });
  ledger.emit('refund.succeeded', refund.id, { amount: refund.amount });
}

/**
 * Parts of a split refund the provider reports made, short of the whole: that money is back with the buyer, so it
 * counts as refunded at once, while the refund stays processing until its rest is sent (`claimRefundRest`). Its
 * `updatedAt` still marks the end of its last provider call, which the rest waits on.
 */
export function recordRefundParts(ledger: Ledger, refund: RefundData, parts: ProviderRefund[]): void {
  const made = parts.reduce((sum, part) => sum + part.amount, 0);
  Object.assign(refund, {
    providerRefundIds: parts.map((part) => part.providerRefundId),
    refundedAtProvider: made,
    rawResponseDescription: `partly refunded at the provider (${made} of ${refund.amount}); the rest follows`,
  });
  ledger.emit('refund.partly-succeeded', refund.id, { amount: refund.amount, refunded_at_provider: made });
}

/** The parts the provider reports made under our refund's id, succeeded ones only. */
export function partsAtProvider(refund: RefundData, snapshot: ProviderSnapshot): ProviderRefund[] {
  return snapshot.refunds.filter((part) => part.reference === refund.id && part.status === 'succeeded');
}

/**
 * A refund the provider reports partly made (its call split it over payments and stopped part-way: a crash, or
 * concurrent refunds taking every remainder) is finished by sending the rest. The attempt is claimed here, stamped
 * on the refund's `updatedAt`, so that one process alone sends it, and only once the last call had long ended
 * (`afterMs`; a refund call stops starting parts well within it). The wait doubles with the refund's age, so a
 * provider that keeps failing is asked less and less often.
 */
export function claimRefundRest(ledger: Ledger, refundId: string, found: number, afterMs: number): boolean {
  const refund = ledger.data.refunds.find((candidate) => candidate.id === refundId);
  if (refund?.status !== 'processing' || refund.external || found <= 0 || found >= refund.amount) return false;
  const sinceLastCall = ledger.now.getTime() - refund.updatedAt.getTime();
  const age = refund.updatedAt.getTime() - refund.createdAt.getTime();
  if (sinceLastCall < Math.max(afterMs, age)) return false;
  Object.assign(refund, {
    updatedAt: ledger.now,
    rawResponseDescription: `partly refunded at the provider (${found} of ${refund.amount}): sending the rest`,
  });
  ledger.emit('refund.rest-requested', refund.id, { amount: refund.amount, refunded_at_provider: found });
  return true;
}

/**
 * The outcome of sending the rest. A refusal (no part made by that call) settles the refund at what the provider
 * did refund: the money that went back is real, the rest is released for the merchant to refund anew.
 */
export function recordRefundRest(
  ledger: Ledger,
  refundId: string,
  outcome: ChildOutcome<{ providerRefundIds: string[] }>,
  parts: ProviderRefund[],
): boolean {
  const refund = ledger.data.refunds.find((candidate) => candidate.id === refundId);
  const refunded = parts.reduce((sum, part) => sum + part.amount, 0);
  const refused = outcome.kind === 'declined' || outcome.kind === 'failed';
  if (refund?.status !== 'processing' || !refused || refunded <= 0) {
    return recordRefundOutcome(ledger, refundId, outcome);
  }
  const asked = refund.amount;
  Object.assign(refund, {
    status: 'succeeded',
    amount: refunded,
    providerRefundIds: parts.map((part) => part.providerRefundId),
    refundedAtProvider: refunded,
    errorCode: null,
    rawResponseCode: outcome.code,
    rawResponseDescription: `refunded ${refunded} of the ${asked} asked; the provider refused the rest: ${outcome.message}`,
    updatedAt: ledger.now,
  });
  ledger.emit('refund.succeeded', refund.id, { amount: refunded, requested_amount: asked });
  return true;
}
