import { SMARTPAY_CAPABILITIES } from '../connectors/capability-profile';
import { authorizedTransaction } from '../testing/fixtures';
import { Transaction } from './transaction';
import { capturesOf } from './transaction-state';

const now = new Date('2026-03-01T10:00:00.000Z');
const captureId = '8c3c7b56-40d6-4b52-a4fd-5a6d7fbd6b1a';

describe('Transaction: the state and its summaries share only what nobody can change', () => {
  it('hands out summaries whose details are frozen: a reader cannot change the state through them', () => {
    const tx = authorizedTransaction(now, { metadata: { order: 'A-1' } });
    const data = tx.summary();
    const attempts: Array<() => void> = [
      () => Object.assign(data.billingDetails, { firstName: 'Mallory' }),
      () => Object.assign(data.shippingDetails.address, { city: 'Osaka' }),
      () => Object.assign(data.metadata, { order: 'B-2' }),
      () => (data.cartItems as unknown[]).push({}),
    ];
    for (const attempt of attempts) expect(attempt).toThrow(TypeError);
    expect(tx.summary()).toEqual(data);
  });

  it('hands out a state whose children are frozen: changing them leaves the state as it was', () => {
    const tx = authorizedTransaction(now);
    tx.reserveCapture({ captureId, amount: 100 }, SMARTPAY_CAPABILITIES, now);
    const captures = capturesOf(tx.state);
    expect(() => Object.assign(captures[0] ?? {}, { amount: 1 })).toThrow(TypeError);
    expect(() => (captures as unknown[]).pop()).toThrow(TypeError);
    expect(capturesOf(tx.state).map((c) => c.amount)).toEqual([100]);
  });

  it('shares the state it was rehydrated from, which nobody can change', () => {
    const tx = authorizedTransaction(now);
    tx.reserveCapture({ captureId, amount: 100 }, SMARTPAY_CAPABILITIES, now);
    const stored = tx.state;
    const rehydrated = Transaction.rehydrate(stored, tx.version);
    expect(() => Object.assign(capturesOf(stored)[0] ?? {}, { amount: 5 })).toThrow(TypeError);
    expect(() => ((capturesOf(stored) as unknown[]).length = 0)).toThrow(TypeError);
    expect(capturesOf(rehydrated.state).map((c) => c.amount)).toEqual([100]);
  });
});
