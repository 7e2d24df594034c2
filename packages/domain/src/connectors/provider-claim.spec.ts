import { authorizedTransaction, pendingApprovalTransaction } from '../testing/fixtures';
import { type Authorized, capturesOf } from '../transactions/transaction-state';
import { SMARTPAY_CAPABILITIES } from './capability-profile';
import { isClaimHeld } from './provider-claim';

describe('whether a transaction already holds what a provider event states', () => {
  const now = new Date('2026-03-01T10:00:00.000Z');

  it('holds an authorization only once authorized, and nothing without a claim', () => {
    expect(isClaimHeld({ kind: 'order_authorized' }, authorizedTransaction(now).state)).toBe(true);
    expect(isClaimHeld({ kind: 'order_authorized' }, pendingApprovalTransaction(now).state)).toBe(false);
    expect(isClaimHeld(undefined, authorizedTransaction(now).state)).toBe(false);
  });

  it('holds a capture by provider id and amount once succeeded, a refund part once its refund succeeded', () => {
    const tx = authorizedTransaction(now, { amount: 1_000 });
    tx.reserveCapture({ captureId: 'cap_1', amount: 600, final: false }, SMARTPAY_CAPABILITIES, now);
    const pending = tx.state;
    tx.recordCaptureOutcome('cap_1', { kind: 'succeeded', value: { providerCaptureId: 'payment_test_1' } }, now);
    const made = { kind: 'capture_made', providerCaptureId: 'payment_test_1', amount: 600 } as const;
    expect(capturesOf(tx.state)[0]?.status).toBe('succeeded');
    expect(isClaimHeld(made, tx.state)).toBe(true);
    expect(isClaimHeld({ ...made, amount: 599 }, tx.state)).toBe(false);
    expect(isClaimHeld({ ...made, providerCaptureId: 'payment_test_2' }, tx.state)).toBe(false);
    expect(isClaimHeld(made, pending)).toBe(false);
    const refunded = {
      ...(tx.state as Authorized),
      refunds: [
        { id: 'ref_1', amount: 100, status: 'succeeded', providerRefundIds: ['refund_test_1'] },
        { id: 'ref_2', amount: 100, status: 'processing', providerRefundIds: ['refund_test_2'] },
      ],
    } as unknown as Authorized;
    const refund = (id: string) => ({ kind: 'refund_made', providerRefundId: id, amount: 100 }) as const;
    expect(isClaimHeld(refund('refund_test_1'), refunded)).toBe(true);
    expect(isClaimHeld(refund('refund_test_2'), refunded)).toBe(false);
    expect(isClaimHeld(refund('refund_test_3'), refunded)).toBe(false);
  });
});
