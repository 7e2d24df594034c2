import { SMARTPAY_CAPABILITIES } from '../connector/capability-profile';
import { authorizedTransaction } from '../testing/fixtures';
import { Transaction } from './transaction';

const now = new Date('2026-03-01T10:00:00.000Z');
const captureId = '8c3c7b56-40d6-4b52-a4fd-5a6d7fbd6b1a';

describe('Transaction: snapshots share only what nobody can change', () => {
  it('hands out snapshots whose details are frozen: a reader cannot change the state through them', () => {
    const tx = authorizedTransaction(now, { metadata: { order: 'A-1' } });
    const data = tx.toData();
    const attempts: Array<() => void> = [
      () => Object.assign(data.billingDetails, { firstName: 'Mallory' }),
      () => Object.assign(data.shippingDetails.address, { city: 'Osaka' }),
      () => Object.assign(data.metadata, { order: 'B-2' }),
      () => (data.cartItems as unknown[]).push({}),
    ];
    for (const attempt of attempts) expect(attempt).toThrow(TypeError);
    expect(tx.toData()).toEqual(data);
  });

  it('gives every snapshot its own children: changing them leaves the state as it was', () => {
    const tx = authorizedTransaction(now);
    tx.reserveCapture({ captureId, amount: 100 }, SMARTPAY_CAPABILITIES, now);
    const data = tx.toData();
    Object.assign(data.captures[0] ?? {}, { amount: 1 });
    data.captures.pop();
    expect(tx.toData().captures.map((c) => c.amount)).toEqual([100]);
  });

  it('does not alias the children of the snapshot it was rehydrated from', () => {
    const tx = authorizedTransaction(now);
    tx.reserveCapture({ captureId, amount: 100 }, SMARTPAY_CAPABILITIES, now);
    const stored = tx.toData();
    const rehydrated = Transaction.rehydrate(stored);
    Object.assign(stored.captures[0] ?? {}, { amount: 5 });
    stored.captures.length = 0;
    expect(rehydrated.toData().captures.map((c) => c.amount)).toEqual([100]);
  });
});
