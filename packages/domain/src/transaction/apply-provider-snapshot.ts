import { randomUUID } from 'node:crypto';
import type { ProviderSnapshot } from '../connector/provider-snapshot';
import { type Ledger, markVoided, recomputeCaptureStatus, settleCapture } from './capture-ledger';
import { recordRefundParts, settleRefund } from './refund-ledger';
import { capturableAmount, capturesIn, refundableAmount, reservedCaptureAmount } from './totals';
import type { CaptureData, RefundData } from './transaction-data';
import { isAuthorized } from './transaction-status';

export interface SnapshotOptions {
  /**
   * How long a pending capture/refund may be missing from the provider's report before it is judged never to have
   * happened. Shorter than this, the request may still be in flight at the provider.
   */
  unmatchedGraceMs: number;
}

const DEFAULTS: SnapshotOptions = { unmatchedGraceMs: 2 * 60 * 1000 };

/**
 * Moves the transaction forward to what the provider reports, never backwards: statuses only advance, settled
 * children stay settled, and a report that adds nothing changes nothing. Returns whether anything changed.
 */
export function applyProviderSnapshot(
  ledger: Ledger,
  snapshot: ProviderSnapshot,
  options?: Partial<SnapshotOptions>,
): boolean {
  const { data } = ledger;
  if (data.providerTransactionId && snapshot.providerTransactionId !== data.providerTransactionId) return false;
  const settings = { ...DEFAULTS, ...options };
  const before = JSON.stringify(data);

  applyAuthorization(ledger, snapshot);
  // Voided is terminal: the provider took no money (a void needs nothing captured), so nothing can follow it.
  if (isAuthorized(data.status) && data.status !== 'authorization_voided') {
    applyPayments(ledger, snapshot, settings);
    applyRefunds(ledger, snapshot, settings);
    applyRelease(ledger, snapshot);
  }
  return JSON.stringify(data) !== before;
}

function applyAuthorization(ledger: Ledger, snapshot: ProviderSnapshot): void {
  const { data } = ledger;
  if (data.status !== 'processing' && data.status !== 'buyer_approval_pending') return;
  switch (snapshot.status) {
    case 'authorized':
    case 'completed':
      ledger.authorize();
      return;
    case 'canceled':
      // Canceled with money taken means it was authorized first; without, the buyer never finished.
      if (snapshot.payments.length > 0) ledger.authorize();
      else ledger.endUnauthorized('authorization_failed', { errorCode: 'incomplete_buyer_approval' });
      return;
    case 'declined':
      ledger.endUnauthorized('authorization_declined', { errorCode: 'declined' });
      return;
    case 'failed':
      ledger.endUnauthorized('authorization_failed', { errorCode: 'service_error' });
      return;
    case 'pending_approval':
    case 'processing':
      return;
  }
}

function applyPayments(ledger: Ledger, snapshot: ProviderSnapshot, settings: SnapshotOptions): void {
  const { data } = ledger;
  const matched = new Set<string>();
  for (const payment of snapshot.payments) {
    const capture =
      data.captures.find((c) => c.providerCaptureId === payment.providerPaymentId) ??
      data.captures.find(
        (c) => payment.reference !== null && c.id === payment.reference && c.providerCaptureId === null,
      );
    if (capture) {
      matched.add(capture.id);
      // A capture judged failed earlier but present at the provider did move money: the provider is the truth.
      if (capture.status !== 'succeeded') settleCapture(ledger, capture, payment.providerPaymentId);
      continue;
    }
    // Money captured outside Kessai's requests (automatic capture on approval, the provider's dashboard).
    if (payment.amount <= data.amount - reservedCaptureAmount(data)) {
      const external = newCapture(ledger, payment.providerPaymentId, payment.amount, snapshot.status !== 'authorized');
      data.captures.push(external);
      matched.add(external.id);
      settleCapture(ledger, external, payment.providerPaymentId);
    }
  }
  const providerClosed = snapshot.status === 'completed' || snapshot.status === 'canceled';
  for (const capture of capturesIn(data, 'pending')) {
    if (matched.has(capture.id)) continue;
    const overdue = ledger.now.getTime() - capture.createdAt.getTime() >= settings.unmatchedGraceMs;
    if (providerClosed || overdue) {
      Object.assign(capture, { status: 'failed', errorCode: 'not_found_at_provider', updatedAt: ledger.now });
      ledger.emit('transaction.capture-failed', capture.id, {
        amount: capture.amount,
        reason: 'not_found_at_provider',
      });
    }
  }
  recomputeCaptureStatus(data);
}

function applyRefunds(ledger: Ledger, snapshot: ProviderSnapshot, settings: SnapshotOptions): void {
  const { data } = ledger;
  const succeeded = snapshot.refunds.filter((refund) => refund.status === 'succeeded');
  const known = new Set(data.refunds.flatMap((refund) => refund.providerRefundIds));
  for (const refund of data.refunds) {
    if (refund.status === 'succeeded') continue;
    const parts = succeeded.filter((r) => r.reference === refund.id);
    const total = parts.reduce((sum, part) => sum + part.amount, 0);
    if (total >= refund.amount) {
      settleRefund(
        ledger,
        refund,
        parts.map((part) => part.providerRefundId),
      );
      for (const part of parts) known.add(part.providerRefundId);
    } else if (
      refund.status === 'processing' &&
      total > refund.refundedAtProvider &&
      callEnded(refund, ledger.now, settings.unmatchedGraceMs)
    ) {
      recordRefundParts(ledger, refund, parts);
    } else if (
      refund.status === 'processing' &&
      ledger.now.getTime() - refund.createdAt.getTime() >= settings.unmatchedGraceMs &&
      total === 0 &&
      refund.refundedAtProvider === 0
    ) {
      Object.assign(refund, { status: 'failed', errorCode: 'not_found_at_provider', updatedAt: ledger.now });
      ledger.emit('refund.failed', refund.id, { amount: refund.amount, reason: 'not_found_at_provider' });
    }
  }
  const ourIds = new Set(data.refunds.map((refund) => refund.id));
  for (const part of succeeded) {
    if (known.has(part.providerRefundId) || (part.reference !== null && ourIds.has(part.reference))) continue;
    // Refunded outside Kessai (the provider's dashboard): record it so totals match the provider.
    if (part.amount <= refundableAmount(data)) {
      const external = newRefund(ledger, part.providerRefundId, part.amount);
      data.refunds.push(external);
      settleRefund(ledger, external, [part.providerRefundId]);
    }
  }
}

/**
 * A refund's provider call has ended once it reported back (an unknown outcome stamps `updatedAt`), or surely
 * once the grace has passed (its process died mid-call). Parts a call in flight is still making are left to its
 * own outcome: counting them from every reading would write the transaction again and again under a burst.
 */
function callEnded(refund: RefundData, now: Date, graceMs: number): boolean {
  return (
    refund.updatedAt.getTime() > refund.createdAt.getTime() || now.getTime() - refund.createdAt.getTime() >= graceMs
  );
}

/** The provider released the uncaptured remainder: by our void, by a final capture, or by authorization expiry. */
function applyRelease(ledger: Ledger, snapshot: ProviderSnapshot): void {
  const { data } = ledger;
  if (snapshot.status !== 'completed' && snapshot.status !== 'canceled') return;
  if (data.status === 'authorization_voided') return;
  const anyCaptured = capturesIn(data, 'succeeded').length > 0;
  if (snapshot.status === 'canceled' && !anyCaptured && capturesIn(data, 'pending').length === 0) {
    markVoided(ledger, data.status === 'authorization_void_pending' ? null : 'expired_authorization');
    return;
  }
  if (!data.captureClosed && capturableAmount(data) > 0 && capturesIn(data, 'pending').length === 0) {
    ledger.emit('transaction.capture-closed', null, { released_amount: capturableAmount(data) });
    data.captureClosed = true;
  }
  if (data.status === 'authorization_void_pending' && anyCaptured) data.status = 'capture_succeeded';
}

function newCapture(ledger: Ledger, providerCaptureId: string, amount: number, final: boolean): CaptureData {
  return {
    id: randomUUID(),
    amount,
    final,
    status: 'pending',
    providerCaptureId: null,
    external: true,
    errorCode: null,
    rawResponseCode: null,
    rawResponseDescription: `found at provider as ${providerCaptureId}`,
    createdAt: ledger.now,
    updatedAt: ledger.now,
  };
}

function newRefund(ledger: Ledger, providerRefundId: string, amount: number): RefundData {
  return {
    id: randomUUID(),
    amount,
    reason: null,
    externalIdentifier: null,
    status: 'processing',
    providerRefundIds: [],
    refundedAtProvider: 0,
    external: true,
    errorCode: null,
    rawResponseCode: null,
    rawResponseDescription: `found at provider as ${providerRefundId}`,
    createdAt: ledger.now,
    updatedAt: ledger.now,
  };
}
