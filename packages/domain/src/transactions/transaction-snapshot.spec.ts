import { SMARTPAY_CAPABILITIES } from '../connectors/capability-profile';
import type { ProviderSnapshot } from '../connectors/provider-snapshot';
import { authorizedTransaction, pendingApprovalTransaction, providerSnapshot } from '../testing/fixtures';
import type { Transaction } from './transaction';
import { capturesOf, refundsOf } from './transaction-state';

const now = new Date('2026-03-01T10:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const caps = SMARTPAY_CAPABILITIES;
const snapshotFor = (tx: Transaction, overrides: Partial<ProviderSnapshot> = {}) =>
  providerSnapshot({
    providerOrderId: tx.summary().providerOrderId ?? '',
    amount: tx.summary().amount,
    ...overrides,
  });
const payment = (amount: number, reference: string | null, id = `payment_${reference ?? 'auto'}`) => ({
  providerPaymentId: id,
  amount,
  reference,
  createdAt: now,
});

describe('Transaction: provider snapshots are applied monotonically', () => {
  it('authorizes a pending transaction, and the same report twice changes nothing the second time', () => {
    const tx = pendingApprovalTransaction(now);
    expect(tx.applyProviderSnapshot(snapshotFor(tx), now)).toBe(true);
    expect(tx.status).toBe('authorization_succeeded');
    const before = tx.summary();
    tx.pullDecided();
    expect(tx.applyProviderSnapshot(snapshotFor(tx), later(1000))).toBe(false);
    expect(tx.summary()).toEqual(before);
    expect(tx.pullDecided().records).toEqual([]);
  });

  it('ignores a stale report that would move it backwards', () => {
    const tx = authorizedTransaction(now);
    expect(
      tx.applyProviderSnapshot(
        snapshotFor(tx, { status: 'pending_approval', rawStatus: 'requires_authorization' }),
        now,
      ),
    ).toBe(false);
    expect(tx.status).toBe('authorization_succeeded');
  });

  it('applies out-of-order reports: captured first, then the older "authorized" one is harmless', () => {
    const tx = pendingApprovalTransaction(now);
    tx.applyProviderSnapshot(snapshotFor(tx, { status: 'completed', payments: [payment(10_000, null)] }), now);
    expect(tx.summary()).toMatchObject({ status: 'capture_succeeded', captureClosed: true });
    expect(tx.capturedAmount).toBe(10_000);
    expect(tx.applyProviderSnapshot(snapshotFor(tx), later(1))).toBe(false);
    expect(tx.status).toBe('capture_succeeded');
  });

  it('ignores a report about another provider order', () => {
    const tx = pendingApprovalTransaction(now);
    expect(tx.applyProviderSnapshot(providerSnapshot({ providerOrderId: 'order_test_other' }), now)).toBe(false);
  });

  it('declines on a hard decline and never revives a declined transaction', () => {
    const tx = pendingApprovalTransaction(now);
    tx.applyProviderSnapshot(snapshotFor(tx, { status: 'declined', rawStatus: 'rejected' }), now);
    expect(tx.status).toBe('authorization_declined');
    expect(tx.applyProviderSnapshot(snapshotFor(tx), later(1))).toBe(false);
    expect(tx.status).toBe('authorization_declined');
    expect(tx.holdsOrphanedAuthorization(snapshotFor(tx))).toBe(true);
  });

  it('resolves an unknown capture from the payment carrying its reference, without a second capture', () => {
    const tx = authorizedTransaction(now);
    tx.reserveCapture({ captureId: 'cap-1', amount: 4000, final: false }, caps, now);
    tx.recordCaptureOutcome('cap-1', { kind: 'unknown', reason: 'timeout' }, now);
    tx.applyProviderSnapshot(snapshotFor(tx, { payments: [payment(4000, 'cap-1', 'payment_1')] }), later(1000));
    expect(capturesOf(tx.state)).toEqual([
      expect.objectContaining({ id: 'cap-1', status: 'succeeded', providerCaptureId: 'payment_1' }),
    ]);
    expect(tx.status).toBe('capture_succeeded');
    expect(
      tx.applyProviderSnapshot(snapshotFor(tx, { payments: [payment(4000, 'cap-1', 'payment_1')] }), later(2000)),
    ).toBe(false);
  });

  it('keeps an unmatched pending capture within the grace period, then fails it', () => {
    const tx = authorizedTransaction(now);
    tx.reserveCapture({ captureId: 'cap-1', amount: 4000 }, caps, now);
    tx.applyProviderSnapshot(snapshotFor(tx), later(30_000));
    expect(tx.capture('cap-1')?.status).toBe('pending');
    tx.applyProviderSnapshot(snapshotFor(tx), later(3 * 60_000));
    expect(tx.capture('cap-1')).toMatchObject({ status: 'failed', failure: { errorCode: 'not_found_at_provider' } });
    expect(tx.status).toBe('authorization_succeeded');
  });

  it('corrects a capture judged failed when the provider later shows its payment', () => {
    const tx = authorizedTransaction(now);
    tx.reserveCapture({ captureId: 'cap-1', amount: 4000 }, caps, now);
    tx.applyProviderSnapshot(snapshotFor(tx), later(3 * 60_000));
    tx.applyProviderSnapshot(
      snapshotFor(tx, { status: 'completed', payments: [payment(4000, 'cap-1')] }),
      later(4 * 60_000),
    );
    expect(tx.capture('cap-1')?.status).toBe('succeeded');
    expect(tx.capturedAmount).toBe(4000);
  });

  it('treats "canceled" with nothing captured as the authorization released (void or 7-day expiry)', () => {
    const expired = authorizedTransaction(now);
    expired.applyProviderSnapshot(
      snapshotFor(expired, { status: 'canceled', rawStatus: 'canceled' }),
      later(7 * 86_400_000),
    );
    expect(expired.summary()).toMatchObject({ status: 'authorization_voided', errorCode: 'expired_authorization' });

    const voiding = authorizedTransaction(now);
    voiding.reserveVoid(caps, now);
    voiding.recordVoidOutcome({ kind: 'unknown', reason: 'timeout' }, now);
    voiding.applyProviderSnapshot(snapshotFor(voiding, { status: 'canceled' }), later(1000));
    expect(voiding.summary()).toMatchObject({ status: 'authorization_voided', errorCode: null });
  });

  it('closes capturing when the provider released the remainder after a partial capture', () => {
    const tx = authorizedTransaction(now);
    tx.reserveCapture({ captureId: 'cap-1', amount: 4000, final: false }, caps, now);
    tx.recordCaptureOutcome('cap-1', { kind: 'succeeded', value: { providerCaptureId: 'payment_1' } }, now);
    tx.applyProviderSnapshot(
      snapshotFor(tx, { status: 'canceled', payments: [payment(4000, 'cap-1', 'payment_1')] }),
      later(1),
    );
    expect(tx.summary()).toMatchObject({ status: 'capture_succeeded', captureClosed: true });
    expect(tx.capturableAmount).toBe(0);
  });

  it('resolves refunds by reference (split across payments) and records refunds made outside Kessai', () => {
    const tx = authorizedTransaction(now);
    tx.reserveCapture({ captureId: 'c1', amount: 3000, final: false }, caps, now);
    tx.reserveCapture({ captureId: 'c2', amount: 3000, final: false }, caps, now);
    const payments = [payment(3000, 'c1', 'p1'), payment(3000, 'c2', 'p2')];
    tx.applyProviderSnapshot(snapshotFor(tx, { payments }), now);
    tx.reserveRefund({ refundId: 'r1', amount: 4000 }, caps, now);
    tx.recordRefundOutcome('r1', { kind: 'unknown', reason: 'reset' }, now);
    const part = (id: string, paymentId: string, amount: number, reference: string | null) => ({
      providerRefundId: id,
      providerPaymentId: paymentId,
      amount,
      reference,
      status: 'succeeded' as const,
      createdAt: now,
    });
    const refunds = [part('rf1', 'p1', 3000, 'r1'), part('rf2', 'p2', 1000, 'r1'), part('rf3', 'p2', 500, null)];
    tx.applyProviderSnapshot(snapshotFor(tx, { payments, refunds }), later(1000));
    expect(tx.refund('r1')).toMatchObject({ status: 'succeeded', providerRefundIds: ['rf1', 'rf2'] });
    expect(tx.refundedAmount).toBe(4500);
    expect(refundsOf(tx.state).filter((r) => r.external)).toHaveLength(1);
    expect(tx.applyProviderSnapshot(snapshotFor(tx, { payments, refunds }), later(2000))).toBe(false);
  });

  it('records the automatic payment of an intent=capture transaction as its final capture', () => {
    const tx = pendingApprovalTransaction(now, { intent: 'capture' });
    tx.applyProviderSnapshot(
      snapshotFor(tx, { status: 'completed', rawStatus: 'succeeded', payments: [payment(10_000, null)] }),
      now,
    );
    expect(tx.summary()).toMatchObject({ status: 'capture_succeeded', captureClosed: true });
    expect(capturesOf(tx.state)[0]).toMatchObject({ external: true, final: true, amount: 10_000 });
  });

  it('fails a pending approval the provider canceled without taking money', () => {
    const tx = pendingApprovalTransaction(now);
    tx.applyProviderSnapshot(snapshotFor(tx, { status: 'canceled' }), now);
    expect(tx.summary()).toMatchObject({ status: 'authorization_failed', errorCode: 'incomplete_buyer_approval' });
  });
});
