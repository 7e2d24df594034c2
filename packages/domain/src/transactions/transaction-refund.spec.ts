import { SMARTPAY_CAPABILITIES } from '../connectors/capability-profile';
import type { ProviderSnapshot } from '../connectors/provider-snapshot';
import { InvalidAmountError, NothingToRefundError, RefundExceedsCapturedError } from '../errors';
import { authorizedTransaction } from '../testing/fixtures';
import type { Transaction } from './transaction';
import { capturesOf, refundsOf } from './transaction-state';

const now = new Date('2026-03-01T10:00:00.000Z');
const caps = SMARTPAY_CAPABILITIES;
let seq = 0;

function captured(amount: number): Transaction {
  const tx = authorizedTransaction(now);
  const id = `cap-${++seq}`;
  tx.reserveCapture({ captureId: id, amount, final: false }, caps, now);
  tx.recordCaptureOutcome(id, { kind: 'succeeded', value: { providerCaptureId: `payment_${id}` } }, now);
  return tx;
}
const refund = (tx: Transaction, amount?: number) =>
  tx.reserveRefund({ refundId: `ref-${++seq}`, amount, reason: 'requested_by_customer' }, caps, now).child;
const settle = (tx: Transaction, id: string) =>
  tx.recordRefundOutcome(id, { kind: 'succeeded', value: { providerRefundIds: [`refund_${id}`] } }, now);

describe('Transaction: refunds', () => {
  it('refuses a refund before anything is captured', () => {
    expect(() => refund(authorizedTransaction(now), 100)).toThrow(NothingToRefundError);
  });

  it('checks refunds against the captured amount, not the authorized one (peers.md §C.5)', () => {
    const tx = captured(4000); // authorized 10,000
    expect(() => refund(tx, 5000)).toThrow(RefundExceedsCapturedError);
  });

  it('refunds the exact remaining amount (the boundary peers got wrong)', () => {
    const tx = captured(4000);
    settle(tx, refund(tx, 1500).id);
    const rest = refund(tx, 2500);
    settle(tx, rest.id);
    expect(tx.refundedAmount).toBe(4000);
    expect(tx.status).toBe('capture_succeeded');
    expect(() => refund(tx, 1)).toThrow(NothingToRefundError);
  });

  it('defaults to the whole refundable remainder', () => {
    const tx = captured(4000);
    settle(tx, refund(tx, 1000).id);
    expect(refund(tx).amount).toBe(3000);
  });

  it('counts processing refunds against the ceiling, and frees them when declined', () => {
    const tx = captured(4000);
    const pending = refund(tx, 3000);
    expect(() => refund(tx, 1001)).toThrow(RefundExceedsCapturedError);
    tx.recordRefundOutcome(pending.id, { kind: 'declined', code: 'amount.insufficient', message: 'no' }, now);
    expect(tx.refund(pending.id)?.status).toBe('declined');
    expect(refund(tx, 4000).amount).toBe(4000);
  });

  it('keeps an unknown refund processing, the money reserved, and notes that its call has ended', () => {
    const tx = captured(4000);
    const pending = refund(tx, 1000);
    const later = new Date(now.getTime() + 1_000);
    expect(tx.recordRefundOutcome(pending.id, { kind: 'unknown', reason: 'timeout' }, later)).toBe(true);
    expect(tx.refund(pending.id)).toMatchObject({
      status: 'processing',
      updatedAt: later,
      failure: { rawResponseDescription: 'outcome not known yet: timeout' },
    });
    expect(() => refund(tx, 3001)).toThrow(RefundExceedsCapturedError);
  });

  it.each([0, -1, 0.5])('refuses refund amount %p', (amount) => {
    expect(() => refund(captured(4000), amount)).toThrow(InvalidAmountError);
  });

  it('records an event per refund state', () => {
    const tx = captured(4000);
    tx.pullDecided();
    settle(tx, refund(tx, 100).id);
    expect(tx.pullDecided().records.map((e) => e.name)).toEqual(['refund.pending', 'refund.succeeded']);
  });
});

describe('Transaction: a refund the provider reports partly made', () => {
  /** The provider's report: the order's one payment (the capture) and the given parts under the refund's id. */
  function snapshotWith(tx: Transaction, refundId: string, parts: number[]): ProviderSnapshot {
    const data = tx.summary();
    const capture = capturesOf(tx.state)[0];
    return {
      providerOrderId: data.providerOrderId ?? '',
      status: 'authorized',
      rawStatus: 'authorized',
      amount: data.amount,
      currency: data.currency,
      payments: [
        {
          providerPaymentId: capture?.providerCaptureId ?? '',
          amount: capture?.amount ?? 0,
          reference: capture?.id ?? null,
          createdAt: now,
        },
      ],
      refunds: parts.map((amount, i) => ({
        providerRefundId: `refund_part_${i}`,
        providerPaymentId: capture?.providerCaptureId ?? '',
        amount,
        reference: refundId,
        status: 'succeeded' as const,
        createdAt: now,
      })),
      authorizationExpiresAt: null,
    };
  }

  const later = new Date(now.getTime() + 1_000);
  /** A refund of 5000 whose call ended without a known outcome (a split cut short). */
  function cutShort() {
    const tx = captured(6000);
    const pending = refund(tx, 5000);
    tx.recordRefundOutcome(pending.id, { kind: 'unknown', reason: 'partly refunded' }, later);
    return { tx, pending };
  }

  it('counts the parts made as refunded once the call has ended, and the refund stays processing', () => {
    const { tx, pending } = cutShort();
    expect(tx.applyProviderSnapshot(snapshotWith(tx, pending.id, [2000]), later)).toBe(true);
    expect(tx.refund(pending.id)).toMatchObject({ status: 'processing', amount: 5000, refundedAtProvider: 2000 });
    expect(tx.refundedAmount).toBe(2000);
    // The reservation still holds the whole refund: nothing more than what is left may be refunded meanwhile.
    expect(() => refund(tx, 1001)).toThrow(RefundExceedsCapturedError);
    expect(refundsOf(tx.state)[0]?.providerRefundIds).toEqual(['refund_part_0']);
  });

  it('leaves the parts of a call still in flight to its own outcome, unless its process has surely died', () => {
    const tx = captured(6000);
    const pending = refund(tx, 5000);
    expect(tx.applyProviderSnapshot(snapshotWith(tx, pending.id, [2000]), now)).toBe(false);
    expect(tx.refundedAmount).toBe(0);
    const afterGrace = new Date(now.getTime() + 2 * 60_000);
    expect(tx.applyProviderSnapshot(snapshotWith(tx, pending.id, [2000]), afterGrace)).toBe(true);
    expect(tx.refundedAmount).toBe(2000);
  });

  it('never counts less on a later report: the same parts change nothing, fewer are ignored, none is no failure', () => {
    const { tx, pending } = cutShort();
    tx.applyProviderSnapshot(snapshotWith(tx, pending.id, [2000, 1000]), later);
    expect(tx.applyProviderSnapshot(snapshotWith(tx, pending.id, [2000, 1000]), later)).toBe(false);
    expect(tx.applyProviderSnapshot(snapshotWith(tx, pending.id, [2000]), later)).toBe(false);
    const muchLater = new Date(now.getTime() + 60 * 60_000);
    expect(tx.applyProviderSnapshot(snapshotWith(tx, pending.id, []), muchLater)).toBe(false);
    expect(tx.refund(pending.id)).toMatchObject({ status: 'processing', refundedAtProvider: 3000 });
    expect(tx.refundedAmount).toBe(3000);
  });

  it('settles the refund once the parts add up to it', () => {
    const { tx, pending } = cutShort();
    tx.applyProviderSnapshot(snapshotWith(tx, pending.id, [2000]), later);
    tx.applyProviderSnapshot(snapshotWith(tx, pending.id, [2000, 3000]), later);
    expect(tx.refund(pending.id)).toMatchObject({ status: 'succeeded', refundedAtProvider: 5000 });
    expect(tx.refundedAmount).toBe(5000);
  });
});
