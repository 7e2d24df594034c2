import { moneyOf, shownStatus, statusQuery } from '../src/money-state';
import { aTransaction } from './transaction-fixture';

const noHistory = { captures: [], refunds: [], released: false };

describe('the money state of a transaction', () => {
  it('is pending until the buyer approves: nothing to capture or refund', () => {
    for (const status of ['processing', 'buyer_approval_pending'] as const) {
      expect(moneyOf(aTransaction({ status, authorized_amount: 0, authorized_at: null }))).toMatchObject({
        state: 'pending',
        capturable: 0,
        refundable: 0,
      });
    }
  });

  it('is uncaptured once authorized: the whole authorization is capturable, in yen as given (no minor unit)', () => {
    expect(moneyOf(aTransaction({ amount: 12_000, authorized_amount: 12_000 }))).toEqual({
      state: 'uncaptured',
      authorized: 12_000,
      captured: 0,
      refunded: 0,
      capturable: 12_000,
      refundable: 0,
    });
  });

  it('is partially captured below the authorization; the transaction alone cannot tell whether the rest is left', () => {
    const tx = aTransaction({ status: 'capture_succeeded', captured_amount: 8_000 });
    expect(moneyOf(tx)).toMatchObject({ state: 'partially_captured', capturable: null, refundable: 8_000 });
  });

  it('knows from the captures whether the rest of a partial capture is capturable', () => {
    const tx = aTransaction({ status: 'capture_succeeded', captured_amount: 8_000 });
    const open = { ...noHistory, captures: [{ status: 'succeeded' as const, amount: 8_000, final: false }] };
    expect(moneyOf(tx, open).capturable).toBe(4_000);
    const final = { ...noHistory, captures: [{ status: 'succeeded' as const, amount: 8_000, final: true }] };
    expect(moneyOf(tx, final).capturable).toBe(0);
    expect(moneyOf(tx, { ...open, released: true }).capturable).toBe(0);
  });

  it('counts a pending capture against what is left to capture', () => {
    const tx = aTransaction({ status: 'capture_pending' });
    const history = { ...noHistory, captures: [{ status: 'pending' as const, amount: 5_000, final: false }] };
    expect(moneyOf(tx, history)).toMatchObject({ state: 'uncaptured', capturable: 7_000, refundable: 0 });
  });

  it('is captured when all the authorization is', () => {
    const tx = aTransaction({ status: 'capture_succeeded', captured_amount: 12_000 });
    expect(moneyOf(tx)).toMatchObject({ state: 'captured', capturable: 0, refundable: 12_000 });
  });

  it('is partially refunded while some captured money is left, and refunded when none is', () => {
    const partly = aTransaction({ status: 'capture_succeeded', captured_amount: 8_000, refunded_amount: 2_000 });
    expect(moneyOf(partly)).toMatchObject({ state: 'partially_refunded', captured: 8_000, refundable: 6_000 });
    const all = aTransaction({ status: 'capture_succeeded', captured_amount: 8_000, refunded_amount: 8_000 });
    expect(moneyOf(all)).toMatchObject({ state: 'refunded', refundable: 0 });
  });

  it('counts a refund still processing against what is left to refund', () => {
    const tx = aTransaction({ status: 'capture_succeeded', captured_amount: 8_000, refunded_amount: 0 });
    const history = { ...noHistory, refunds: [{ status: 'processing' as const, amount: 3_000 }] };
    expect(moneyOf(tx, history).refundable).toBe(5_000);
  });

  it('is voided after a void, and nothing is left to capture while a void is pending', () => {
    expect(moneyOf(aTransaction({ status: 'authorization_voided' }))).toMatchObject({
      state: 'voided',
      capturable: 0,
    });
    expect(moneyOf(aTransaction({ status: 'authorization_void_pending' }))).toMatchObject({
      state: 'uncaptured',
      capturable: 0,
    });
  });

  it('is cancelled when cancelled before approval, although the API serves it as a failed authorization', () => {
    const cancelled = aTransaction({
      status: 'authorization_failed',
      error_code: 'canceled_buyer_approval',
      canceled_at: '2026-12-01T15:40:00.000Z',
    });
    expect(moneyOf(cancelled)).toMatchObject({ state: 'cancelled', capturable: 0, refundable: 0 });
    expect(shownStatus(cancelled)).toBe('cancelled');
  });

  it('is failed when declined or failed for any other reason', () => {
    const declined = aTransaction({ status: 'authorization_declined', error_code: 'declined', authorized_amount: 0 });
    const expired = aTransaction({ status: 'authorization_failed', error_code: 'incomplete_buyer_approval' });
    expect(moneyOf(declined).state).toBe('failed');
    expect(moneyOf(expired).state).toBe('failed');
    expect(shownStatus(expired)).toBe('authorization_failed');
  });
});

describe('the status filter as the API takes it', () => {
  it('asks for a cancelled payment by its status and error code, and for the rest by status alone', () => {
    expect(statusQuery('cancelled')).toEqual({
      status: 'authorization_failed',
      error_code: 'canceled_buyer_approval',
    });
    expect(statusQuery('capture_succeeded')).toEqual({ status: 'capture_succeeded' });
    expect(statusQuery('')).toEqual({});
  });
});
