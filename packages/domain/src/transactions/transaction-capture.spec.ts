import { SMARTPAY_CAPABILITIES } from '../connectors/capability-profile';
import {
  CaptureAfterFinalError,
  CaptureExceedsAuthorizedError,
  InvalidAmountError,
  InvalidStateTransitionError,
  NothingToCaptureError,
  UnsupportedFeatureError,
  VoidNotAllowedError,
} from '../errors';
import { authorizedTransaction, pendingApprovalTransaction } from '../testing/fixtures';
import type { Transaction } from './transaction';
import { capturesOf } from './transaction-state';

const now = new Date('2026-03-01T10:00:00.000Z');
const caps = SMARTPAY_CAPABILITIES;
let seq = 0;
const reserve = (tx: Transaction, amount?: number, final?: boolean) =>
  tx.reserveCapture({ captureId: `cap-${++seq}`, amount, final }, caps, now).child;
const succeed = (tx: Transaction, id: string) =>
  tx.recordCaptureOutcome(id, { kind: 'succeeded', value: { providerCaptureId: `payment_${id}` } }, now);

describe('Transaction: captures', () => {
  it('given authorized ¥10,000, when captured without an amount, then the whole amount is captured and capturing closes', () => {
    const tx = authorizedTransaction(now);
    const capture = reserve(tx);
    expect(capture).toMatchObject({ amount: 10_000, final: true, status: 'pending' });
    expect(tx.status).toBe('capture_pending');
    succeed(tx, capture.id);
    expect(tx.status).toBe('capture_succeeded');
    expect(tx.capturedAmount).toBe(10_000);
    expect(tx.capturableAmount).toBe(0);
  });

  it('allows several partial captures up to the authorized amount, then refuses more', () => {
    const tx = authorizedTransaction(now);
    succeed(tx, reserve(tx, 3000, false).id);
    succeed(tx, reserve(tx, 2000, false).id);
    expect(tx.capturableAmount).toBe(5000);
    succeed(tx, reserve(tx, 5000, false).id);
    expect(tx.capturedAmount).toBe(10_000);
    expect(() => reserve(tx, 1, false)).toThrow(CaptureAfterFinalError);
  });

  it('refuses over-capture, counting pending captures against the ceiling', () => {
    const tx = authorizedTransaction(now);
    reserve(tx, 6000, false); // pending, outcome not known yet
    let error: CaptureExceedsAuthorizedError | undefined;
    try {
      reserve(tx, 4001, false);
    } catch (e) {
      error = e as CaptureExceedsAuthorizedError;
    }
    expect(error).toBeInstanceOf(CaptureExceedsAuthorizedError);
    expect(error?.field).toBe('/amount');
    expect(reserve(tx, 4000, false).amount).toBe(4000);
    expect(() => reserve(tx)).toThrow(NothingToCaptureError);
  });

  it('refuses a second capture after a final one (even while the final one is pending)', () => {
    const tx = authorizedTransaction(now);
    const final = reserve(tx, 3000, true);
    expect(() => reserve(tx, 1000, false)).toThrow(CaptureAfterFinalError);
    succeed(tx, final.id);
    expect(tx.capturableAmount).toBe(0);
    expect(() => reserve(tx, 1000)).toThrow(CaptureAfterFinalError);
  });

  it.each([0, -100, 10.5])('refuses capture amount %p', (amount) => {
    expect(() => reserve(authorizedTransaction(now), amount)).toThrow(InvalidAmountError);
  });

  it('refuses capture before authorization, after void and after decline', () => {
    expect(() => reserve(pendingApprovalTransaction(now))).toThrow(InvalidStateTransitionError);
    const voided = authorizedTransaction(now);
    voided.reserveVoid(caps, now);
    expect(() => reserve(voided)).toThrow(InvalidStateTransitionError);
    voided.recordVoidOutcome({ kind: 'succeeded', value: {} }, now);
    expect(() => reserve(voided)).toThrow(InvalidStateTransitionError);
    const declined = pendingApprovalTransaction(now);
    declined.refuseApproval({ kind: 'declined', code: 'x', message: 'y' }, now);
    expect(() => reserve(declined)).toThrow(InvalidStateTransitionError);
  });

  it('frees the reservation when the provider declines or fails the capture', () => {
    const tx = authorizedTransaction(now);
    const declined = reserve(tx, 10_000);
    tx.recordCaptureOutcome(declined.id, { kind: 'declined', code: 'order.cannot-capture', message: 'expired' }, now);
    expect(tx.capture(declined.id)).toMatchObject({
      status: 'declined',
      failure: { rawResponseCode: 'order.cannot-capture' },
    });
    expect(tx.status).toBe('authorization_succeeded');
    const failed = reserve(tx, 10_000);
    tx.recordCaptureOutcome(failed.id, { kind: 'failed', code: 'x', message: 'y' }, now);
    expect(tx.capturableAmount).toBe(10_000);
    expect(tx.pullDecided().records.map((e) => e.name)).toContain('transaction.capture-failed');
  });

  it('shows the last refused capture on the transaction too, so a later partial capture is not read as done', () => {
    const tx = authorizedTransaction(now);
    succeed(tx, reserve(tx, 3000, false).id);
    const refused = reserve(tx, 2000, false);
    tx.recordCaptureOutcome(refused.id, { kind: 'declined', code: 'order.cannot-capture', message: 'expired' }, now);
    expect(tx.status).toBe('capture_succeeded');
    expect(tx.summary()).toMatchObject({
      errorCode: 'declined',
      rawResponseCode: 'order.cannot-capture',
      rawResponseDescription: 'expired',
    });
    const failed = reserve(tx, 2000, false);
    tx.recordCaptureOutcome(failed.id, { kind: 'failed', code: 'order.not-found', message: 'gone' }, now);
    expect(tx.summary()).toMatchObject({ errorCode: 'service_error', rawResponseCode: 'order.not-found' });
  });

  it('keeps an unknown outcome pending: the money stays reserved until sync resolves it', () => {
    const tx = authorizedTransaction(now);
    const capture = reserve(tx, 4000);
    expect(tx.recordCaptureOutcome(capture.id, { kind: 'unknown', reason: 'timeout' }, now)).toBe(false);
    expect(tx.capture(capture.id)?.status).toBe('pending');
    expect(tx.status).toBe('capture_pending');
  });

  it('treats a repeated capture id as the same capture, reserving nothing new', () => {
    const tx = authorizedTransaction(now);
    const first = tx.reserveCapture({ captureId: 'same', amount: 4000 }, caps, now);
    const again = tx.reserveCapture({ captureId: 'same', amount: 4000 }, caps, now);
    expect(again).toEqual({ child: first.child, created: false });
    expect(capturesOf(tx.state)).toHaveLength(1);
  });

  it('ignores a late outcome for a capture that is no longer pending', () => {
    const tx = authorizedTransaction(now);
    const capture = reserve(tx, 4000);
    succeed(tx, capture.id);
    expect(tx.recordCaptureOutcome(capture.id, { kind: 'failed', code: 'x', message: 'late' }, now)).toBe(false);
    expect(tx.capture(capture.id)?.status).toBe('succeeded');
  });

  it('refuses multiple captures when the connector cannot do them', () => {
    const single = { ...caps, multipleCaptures: false };
    expect(() =>
      authorizedTransaction(now).reserveCapture({ captureId: 'c', amount: 10, final: false }, single, now),
    ).toThrow(UnsupportedFeatureError);
  });
});

describe('Transaction: void', () => {
  it('given authorized with nothing captured, when voided, then void pending → voided', () => {
    const tx = authorizedTransaction(now);
    expect(tx.reserveVoid(caps, now)).toBe(true);
    expect(tx.status).toBe('authorization_void_pending');
    expect(tx.reserveVoid(caps, now)).toBe(false);
    tx.recordVoidOutcome({ kind: 'succeeded', value: {} }, now);
    expect(tx.summary()).toMatchObject({ status: 'authorization_voided', voidedAt: now });
  });

  it('refuses to void once anything is captured or being captured', () => {
    const tx = authorizedTransaction(now);
    reserve(tx, 100, false);
    expect(() => tx.reserveVoid(caps, now)).toThrow(VoidNotAllowedError);
  });

  it('returns to authorized when the provider refuses the void', () => {
    const tx = authorizedTransaction(now);
    tx.reserveVoid(caps, now);
    tx.recordVoidOutcome({ kind: 'declined', code: 'order.cannot-cancel', message: 'no' }, now);
    expect(tx.status).toBe('authorization_succeeded');
    expect(tx.summary()).toMatchObject({ errorCode: 'declined', rawResponseCode: 'order.cannot-cancel' });
    expect(tx.pullDecided().records.at(-1)?.name).toBe('transaction.void-failed');
  });

  it('refuses to void before authorization', () => {
    expect(() => pendingApprovalTransaction(now).reserveVoid(caps, now)).toThrow(VoidNotAllowedError);
  });
});
