import type { ProviderSnapshot } from '../connectors/provider-snapshot';
import { type Amount, storedAmount } from '../money';
import { refused } from './decide-approval';
import { Decision } from './decision';
import { partsAtProvider, partsFound } from './partly-made-refund';
import { totals } from './totals';
import type { CommandContext, TransactionCommandOf } from './transaction-commands';
import type { TransactionEvent } from './transaction-events';
import { type Authorized, NO_FAILURE, providerOrderOf, type TransactionState } from './transaction-state';

type Snapshot = TransactionCommandOf<'apply_provider_snapshot'>;

/**
 * Moves the transaction forward to what the provider reports, never backwards: statuses only advance, settled
 * children stay settled, and a report that adds nothing decides nothing.
 */
export function applyProviderSnapshot(
  state: TransactionState,
  command: Snapshot,
  context: CommandContext,
): TransactionEvent[] {
  const { snapshot } = command;
  const known = providerOrderOf(state);
  if (known && snapshot.providerOrderId !== known.orderId) return [];
  const decision = new Decision(state);
  decision.add(...authorization(state, snapshot, context.now));
  // Voided is terminal: the provider took no money (a void needs nothing captured), so nothing can follow it.
  const authorized = () => (decision.state.kind === 'authorized' ? decision.state : null);
  if (authorized()?.voiding.kind === 'voided') return decision.events;
  for (const step of [payments, refunds, release]) {
    const current = authorized();
    if (current) step(decision, current, command, context);
  }
  return decision.events;
}

function authorization(state: TransactionState, snapshot: ProviderSnapshot, now: Date): TransactionEvent[] {
  if (state.kind !== 'awaiting_approval') return [];
  const order = state.approval?.order ?? { sessionId: null, orderId: snapshot.providerOrderId };
  const authorized: TransactionEvent = { type: 'authorized', at: now, order };
  switch (snapshot.status) {
    case 'authorized':
    case 'completed':
      return [authorized];
    case 'canceled':
      // Canceled with money taken means it was authorized first; without, the buyer never finished.
      return snapshot.payments.length > 0
        ? [authorized]
        : [refused(now, 'failed', 'provider', 'incomplete_buyer_approval')];
    case 'declined':
      return [refused(now, 'declined', 'provider', 'declined')];
    case 'failed':
      return [refused(now, 'failed', 'provider', 'service_error')];
    case 'pending_approval':
    case 'processing':
      return [];
  }
}

function payments(
  decision: Decision,
  start: Authorized,
  { snapshot, unmatchedGraceMs }: Snapshot,
  context: CommandContext,
) {
  const { now } = context;
  const matched = new Set<string>();
  let state = start;
  for (const payment of snapshot.payments) {
    const capture =
      state.captures.find((c) => c.providerCaptureId === payment.providerPaymentId) ??
      state.captures.find(
        (c) => payment.reference !== null && c.id === payment.reference && c.providerCaptureId === null,
      );
    if (capture) {
      matched.add(capture.id);
      // A capture judged failed earlier but present at the provider did move money: the provider is the truth.
      if (capture.status !== 'succeeded') {
        decision.add({
          type: 'capture_succeeded',
          at: now,
          captureId: capture.id,
          providerCaptureId: payment.providerPaymentId,
        });
      }
    } else if (payment.amount <= state.details.amount - totals(state).reservedCaptures) {
      // Money captured outside Kessai's requests (automatic capture on approval, the provider's dashboard).
      const id = context.newId();
      matched.add(id);
      const capture = {
        id,
        amount: storedAmount(payment.amount),
        final: snapshot.status !== 'authorized',
        status: 'succeeded' as const,
        providerCaptureId: payment.providerPaymentId,
        external: true,
        failure: { ...NO_FAILURE, rawResponseDescription: `found at provider as ${payment.providerPaymentId}` },
        createdAt: now,
        updatedAt: now,
      };
      decision.add({ type: 'external_capture_found', at: now, capture });
    }
    state = decision.state as Authorized;
  }
  const providerClosed = snapshot.status === 'completed' || snapshot.status === 'canceled';
  for (const capture of state.captures) {
    if (capture.status !== 'pending' || matched.has(capture.id)) continue;
    const overdue = now.getTime() - capture.createdAt.getTime() >= unmatchedGraceMs;
    if (providerClosed || overdue) decision.add({ type: 'capture_not_found', at: now, captureId: capture.id });
  }
}

function refunds(
  decision: Decision,
  start: Authorized,
  { snapshot, unmatchedGraceMs }: Snapshot,
  context: CommandContext,
) {
  const { now } = context;
  const known = new Set(start.refunds.flatMap((refund) => refund.providerRefundIds));
  for (const refund of start.refunds) {
    if (refund.status === 'succeeded') continue;
    const parts = partsAtProvider(refund, snapshot);
    const total = parts.reduce((sum, part) => sum + part.amount, 0);
    if (total >= refund.amount) {
      const providerRefundIds = parts.map((part) => part.providerRefundId);
      decision.add({ type: 'refund_succeeded', at: now, refundId: refund.id, providerRefundIds });
      for (const id of providerRefundIds) known.add(id);
      continue;
    }
    const found = partsFound(refund, parts, now, unmatchedGraceMs);
    if (found) decision.add(found);
    else if (
      refund.status === 'processing' &&
      now.getTime() - refund.createdAt.getTime() >= unmatchedGraceMs &&
      total === 0 &&
      refund.refundedAtProvider === 0
    ) {
      decision.add({ type: 'refund_not_found', at: now, refundId: refund.id });
    }
  }
  const ours = new Set(start.refunds.map((refund) => refund.id));
  for (const part of snapshot.refunds) {
    if (part.status !== 'succeeded' || known.has(part.providerRefundId)) continue;
    if (part.reference !== null && ours.has(part.reference)) continue;
    // Refunded outside Kessai (the provider's dashboard): record it so totals match the provider.
    if (part.amount > totals(decision.state).refundable) continue;
    const amount: Amount = storedAmount(part.amount);
    const refund = {
      id: context.newId(),
      amount,
      reason: null,
      externalIdentifier: null,
      status: 'succeeded' as const,
      providerRefundIds: [part.providerRefundId],
      refundedAtProvider: amount,
      external: true,
      failure: { ...NO_FAILURE, rawResponseDescription: `found at provider as ${part.providerRefundId}` },
      createdAt: now,
      updatedAt: now,
    };
    decision.add({ type: 'external_refund_found', at: now, refund });
  }
}

/** The provider released the uncaptured remainder: by our void, by a final capture, or by authorization expiry. */
function release(decision: Decision, state: Authorized, { snapshot }: Snapshot, { now }: CommandContext) {
  if (snapshot.status !== 'completed' && snapshot.status !== 'canceled') return;
  const anyCaptured = state.captures.some((c) => c.status === 'succeeded');
  const anyPending = state.captures.some((c) => c.status === 'pending');
  if (snapshot.status === 'canceled' && !anyCaptured && !anyPending) {
    const errorCode = state.voiding.kind === 'pending' ? null : 'expired_authorization';
    decision.add({ type: 'voided', at: now, errorCode });
    return;
  }
  const { capturable } = totals(state);
  if (!state.captureClosed && capturable > 0 && !anyPending) {
    decision.add({ type: 'capture_closed', at: now, releasedAmount: capturable });
  }
}
