import { SMARTPAY_CAPABILITIES } from '../connector/capability-profile';
import { InvalidAmountError, NothingToRefundError, RefundExceedsCapturedError } from '../errors';
import { authorizedTransaction } from '../testing/fixtures';
import type { Transaction } from './transaction';

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

  it('keeps an unknown refund processing', () => {
    const tx = captured(4000);
    const pending = refund(tx, 1000);
    expect(tx.recordRefundOutcome(pending.id, { kind: 'unknown', reason: 'timeout' }, now)).toBe(false);
    expect(tx.refund(pending.id)?.status).toBe('processing');
  });

  it.each([0, -1, 0.5])('refuses refund amount %p', (amount) => {
    expect(() => refund(captured(4000), amount)).toThrow(InvalidAmountError);
  });

  it('records an event per refund state', () => {
    const tx = captured(4000);
    tx.pullEvents();
    settle(tx, refund(tx, 100).id);
    expect(tx.pullEvents().map((e) => e.name)).toEqual(['refund.pending', 'refund.succeeded']);
  });
});
