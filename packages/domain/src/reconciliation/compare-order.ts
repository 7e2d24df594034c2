import type { ProviderSnapshot } from '../connectors/provider-snapshot';
import { totals } from '../transactions/totals';
import type { Capture, Refund, TransactionState } from '../transactions/transaction-state';
import type { DifferenceKind } from './difference-kind';

/** A difference (or money in flight) between one transaction and its provider order. */
export interface Finding {
  kind: DifferenceKind;
  /** What it is about, stable across runs: `kind:subject`. */
  key: string;
  kessaiAmount: number | null;
  providerAmount: number | null;
  detail: string;
}

const finding = (
  kind: DifferenceKind,
  subject: string,
  kessaiAmount: number | null,
  providerAmount: number | null,
  detail: string,
): Finding => ({ kind, key: `${kind}:${subject}`, kessaiAmount, providerAmount, detail });

/**
 * Compares a transaction with what the provider reports of its order: the order's amount and status, then each
 * capture with the provider's payments and each refund with its refunds. A capture or refund younger than
 * `graceMs` that the provider does not show yet is money in flight, not a difference.
 */
export function compareOrder(
  state: TransactionState,
  snapshot: ProviderSnapshot,
  now: Date,
  graceMs: number,
): Finding[] {
  const order = snapshot.providerOrderId;
  const found: Finding[] = [];
  if (snapshot.amount !== state.details.amount)
    found.push(finding('amount_mismatch', order, state.details.amount, snapshot.amount, 'the order amounts differ'));
  const status = statusFinding(state, snapshot);
  if (status) found.push(status);
  if (state.kind !== 'authorized') {
    for (const payment of snapshot.payments)
      found.push(
        finding('unknown_capture', payment.providerPaymentId, null, payment.amount, 'captured at the provider only'),
      );
    return found;
  }
  const young = (at: Date) => now.getTime() - at.getTime() < graceMs;
  found.push(...paymentFindings(state.captures, snapshot, young));
  found.push(...refundFindings(state.refunds, snapshot, young));
  return found;
}

function statusFinding(state: TransactionState, snapshot: ProviderSnapshot): Finding | null {
  const order = snapshot.providerOrderId;
  const provider = snapshot.status;
  const moneyTaken = provider === 'authorized' || provider === 'completed';
  switch (state.kind) {
    case 'awaiting_approval':
      if (provider === 'pending_approval' || provider === 'processing') return null;
      return finding('missed_webhook', order, null, null, `the buyer's decision (${snapshot.rawStatus}) never arrived`);
    case 'refused':
      // Kessai gave up on it, yet the provider holds an authorization or money.
      return moneyTaken && (provider === 'completed' || snapshot.payments.length === 0)
        ? finding('status_mismatch', order, null, null, `refused at Kessai, ${snapshot.rawStatus} at the provider`)
        : null;
    case 'authorized': {
      const voided = state.voiding.kind === 'voided';
      if (voided && moneyTaken)
        return finding('status_mismatch', order, null, null, `voided at Kessai, ${snapshot.rawStatus} at the provider`);
      if (provider === 'declined' || provider === 'failed')
        return finding(
          'status_mismatch',
          order,
          null,
          null,
          `authorized at Kessai, ${snapshot.rawStatus} at the provider`,
        );
      if (provider !== 'canceled' || voided || state.voiding.kind === 'pending') return null;
      // Canceled at the provider (behind Kessai's back, or expired) while Kessai could still capture.
      const pending = state.captures.some((c) => c.status === 'pending');
      return !state.captureClosed && totals(state).capturable > 0 && !pending
        ? finding('status_mismatch', order, null, null, `capturable at Kessai, ${snapshot.rawStatus} at the provider`)
        : null;
    }
  }
}

function paymentFindings(
  captures: readonly Capture[],
  snapshot: ProviderSnapshot,
  young: (at: Date) => boolean,
): Finding[] {
  const found: Finding[] = [];
  const matched = new Set<string>();
  for (const payment of snapshot.payments) {
    const capture =
      captures.find((c) => c.providerCaptureId === payment.providerPaymentId) ??
      captures.find((c) => payment.reference !== null && c.id === payment.reference);
    const subject = payment.providerPaymentId;
    if (!capture) {
      found.push(finding('unknown_capture', subject, null, payment.amount, 'captured at the provider only'));
      continue;
    }
    matched.add(capture.id);
    if (capture.status === 'pending' && young(capture.createdAt))
      found.push(finding('in_flight', subject, capture.amount, payment.amount, 'capture pending'));
    else if (capture.status !== 'succeeded')
      found.push(
        finding(
          'unknown_capture',
          subject,
          null,
          payment.amount,
          `captured at the provider, ${capture.status} at Kessai`,
        ),
      );
    else if (capture.amount !== payment.amount)
      found.push(finding('amount_mismatch', subject, capture.amount, payment.amount, 'the capture amounts differ'));
  }
  for (const capture of captures) {
    if (matched.has(capture.id)) continue;
    if (capture.status === 'succeeded')
      found.push(finding('missing_capture', capture.id, capture.amount, null, 'captured at Kessai only'));
    else if (capture.status === 'pending')
      found.push(
        young(capture.createdAt)
          ? finding('in_flight', capture.id, capture.amount, null, 'capture pending')
          : finding('missing_capture', capture.id, capture.amount, null, 'pending at Kessai, absent at the provider'),
      );
  }
  return found;
}

function refundFindings(
  refunds: readonly Refund[],
  snapshot: ProviderSnapshot,
  young: (at: Date) => boolean,
): Finding[] {
  const found: Finding[] = [];
  const parts = snapshot.refunds.filter((part) => part.status === 'succeeded');
  const ownerOf = (part: (typeof parts)[number]) =>
    refunds.find((r) => r.providerRefundIds.includes(part.providerRefundId)) ??
    refunds.find((r) => part.reference !== null && r.id === part.reference);
  for (const part of parts) {
    const refund = ownerOf(part);
    if (!refund)
      found.push(finding('unknown_refund', part.providerRefundId, null, part.amount, 'refunded at the provider only'));
  }
  for (const refund of refunds) {
    const mine = parts.filter((part) => ownerOf(part) === refund);
    const atProvider = mine.reduce((sum, part) => sum + part.amount, 0);
    if (refund.status === 'processing') {
      if (young(refund.updatedAt))
        found.push(finding('in_flight', refund.id, refund.amount, atProvider, 'refund processing'));
      else if (atProvider > refund.refundedAtProvider)
        found.push(
          finding('unknown_refund', refund.id, refund.refundedAtProvider, atProvider, 'refunded at the provider only'),
        );
      else if (atProvider === 0)
        found.push(
          finding('missing_refund', refund.id, refund.amount, null, 'processing at Kessai, absent at the provider'),
        );
    } else if (refund.status !== 'succeeded') {
      if (atProvider > 0)
        found.push(
          finding(
            'unknown_refund',
            refund.id,
            null,
            atProvider,
            `refunded at the provider, ${refund.status} at Kessai`,
          ),
        );
    } else {
      if (atProvider === 0)
        found.push(finding('missing_refund', refund.id, refund.amount, null, 'refunded at Kessai only'));
      else if (atProvider !== refund.refundedAtProvider)
        found.push(
          finding('amount_mismatch', refund.id, refund.refundedAtProvider, atProvider, 'the refund amounts differ'),
        );
    }
  }
  return found;
}
