import fc from 'fast-check';
import { SMARTPAY_CAPABILITIES } from '../connectors/capability-profile';
import type { ConnectorOutcome } from '../connectors/outcome';
import type { ProviderOrderStatus, ProviderPayment, ProviderSnapshot } from '../connectors/provider-snapshot';
import type { Transaction } from './transaction';
import { capturesOf, refundsOf } from './transaction-state';

// Generated histories of a transaction: commands and provider reports in any order, as the property specs drive
// the aggregate with them.

const amountArb = fc.oneof(
  fc.integer({ min: -50, max: 12_000 }),
  fc.constant(undefined),
  fc.double({ min: 0, max: 100 }),
);
const outcomeArb = fc.constantFrom<ConnectorOutcome<never>['kind']>('succeeded', 'declined', 'failed', 'unknown');

export type Command =
  | { kind: 'capture'; amount: number | undefined; final: boolean }
  | { kind: 'captureOutcome'; pick: number; outcome: ConnectorOutcome<never>['kind'] }
  | { kind: 'refund'; amount: number | undefined }
  | { kind: 'refundOutcome'; pick: number; outcome: ConnectorOutcome<never>['kind'] }
  /** The provider holds part of a refund (a split cut short); Kessai claims sending the rest and records it. */
  | { kind: 'refundRest'; pick: number; found: number; outcome: ConnectorOutcome<never>['kind'] }
  | { kind: 'void' }
  | { kind: 'voidOutcome'; outcome: ConnectorOutcome<never>['kind'] }
  | { kind: 'snapshot'; status: ProviderOrderStatus; showMask: number; externalPayment: number }
  | { kind: 'advance'; ms: number };

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('capture' as const), amount: amountArb, final: fc.boolean() }),
  fc.record({ kind: fc.constant('captureOutcome' as const), pick: fc.nat(), outcome: outcomeArb }),
  fc.record({ kind: fc.constant('refund' as const), amount: amountArb }),
  fc.record({ kind: fc.constant('refundOutcome' as const), pick: fc.nat(), outcome: outcomeArb }),
  fc.record({ kind: fc.constant('refundRest' as const), pick: fc.nat(), found: fc.nat(), outcome: outcomeArb }),
  fc.constant({ kind: 'void' as const }),
  fc.record({ kind: fc.constant('voidOutcome' as const), outcome: outcomeArb }),
  fc.record({
    kind: fc.constant('snapshot' as const),
    status: fc.constantFrom<ProviderOrderStatus>(
      'pending_approval',
      'authorized',
      'completed',
      'canceled',
      'declined',
      'failed',
      'processing',
    ),
    showMask: fc.nat(),
    externalPayment: fc.integer({ min: 0, max: 3000 }),
  }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 5 * 60_000 }) }),
);

function outcome<T>(kind: ConnectorOutcome<never>['kind'], value: T): ConnectorOutcome<T> {
  if (kind === 'succeeded') return { kind, value };
  if (kind === 'unknown') return { kind, reason: 'generated' };
  return { kind, code: 'generated', message: 'generated' };
}

/** What the checks read: the summary, with the state's children. */
export const viewOf = (tx: Transaction) => ({
  ...tx.summary(),
  captures: capturesOf(tx.state),
  refunds: refundsOf(tx.state),
});

/** A provider report consistent with what could really have happened: some pending children may show up. */
function snapshot(tx: Transaction, command: Extract<Command, { kind: 'snapshot' }>, now: Date): ProviderSnapshot {
  const data = viewOf(tx);
  const show = (i: number) => ((command.showMask >> i) & 1) === 1;
  const payments: ProviderPayment[] = data.captures
    .filter((c, i) => c.status === 'succeeded' || (c.status === 'pending' && show(i)))
    .map((c) => ({
      providerPaymentId: c.providerCaptureId ?? `p-${c.id}`,
      amount: c.amount,
      reference: c.id,
      createdAt: now,
    }));
  const reserved = data.captures
    .filter((c) => c.status !== 'declined' && c.status !== 'failed')
    .reduce((s, c) => s + c.amount, 0);
  if (command.externalPayment > 0 && reserved + command.externalPayment <= data.amount) {
    payments.push({
      providerPaymentId: `ext-${data.captures.length}`,
      amount: command.externalPayment,
      reference: null,
      createdAt: now,
    });
  }
  const refunds = data.refunds
    .filter((r, i) => r.status === 'succeeded' || (r.status === 'processing' && show(i + 8)))
    .map((r) => ({
      providerRefundId: `rf-${r.id}`,
      providerPaymentId: 'p',
      amount: r.amount,
      reference: r.id,
      status: 'succeeded' as const,
      createdAt: now,
    }));
  return {
    providerOrderId: data.providerOrderId ?? '',
    status: command.status,
    rawStatus: command.status,
    amount: data.amount,
    currency: 'JPY',
    payments,
    refunds,
    authorizationExpiresAt: null,
  };
}

export function run(tx: Transaction, command: Command, now: Date, seq: number): void {
  const data = viewOf(tx);
  switch (command.kind) {
    case 'capture':
      tx.reserveCapture(
        { captureId: `c${seq}`, amount: command.amount, final: command.final },
        SMARTPAY_CAPABILITIES,
        now,
      );
      return;
    case 'captureOutcome': {
      const target = data.captures[command.pick % Math.max(1, data.captures.length)];
      if (target)
        tx.recordCaptureOutcome(target.id, outcome(command.outcome, { providerCaptureId: `p-${target.id}` }), now);
      return;
    }
    case 'refund':
      tx.reserveRefund({ refundId: `r${seq}`, amount: command.amount }, SMARTPAY_CAPABILITIES, now);
      return;
    case 'refundOutcome': {
      const target = data.refunds[command.pick % Math.max(1, data.refunds.length)];
      if (target)
        tx.recordRefundOutcome(target.id, outcome(command.outcome, { providerRefundIds: [`rf-${target.id}`] }), now);
      return;
    }
    case 'refundRest': {
      const target = data.refunds[command.pick % Math.max(1, data.refunds.length)];
      if (!target) return;
      const found = 1 + (command.found % Math.max(1, target.amount - 1));
      const parts = [
        { providerRefundId: `rf-${target.id}-1`, providerPaymentId: 'p', amount: found, reference: target.id },
      ].map((part) => ({ ...part, status: 'succeeded' as const, createdAt: now }));
      if (tx.claimRefundRest(target.id, found, now, 60_000)) {
        const ids = { providerRefundIds: [`rf-${target.id}-1`, `rf-${target.id}-2`] };
        tx.recordRefundRest(target.id, outcome(command.outcome, ids), parts, now);
      }
      return;
    }
    case 'void':
      tx.reserveVoid(SMARTPAY_CAPABILITIES, now);
      return;
    case 'voidOutcome':
      tx.recordVoidOutcome(outcome(command.outcome, {}), now);
      return;
    case 'snapshot':
      tx.applyProviderSnapshot(snapshot(tx, command, now), now);
      return;
    case 'advance':
      return;
  }
}
