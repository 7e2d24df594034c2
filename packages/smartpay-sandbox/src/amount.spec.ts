import { amountMismatch, expectedAmount } from './amount';

describe('amount rule: products − discounts + tax + shipping fee', () => {
  it('computes the go SDK integration payload (1000 − 100 + 250 + 100 = 1250)', () => {
    const items = [
      { kind: 'product' as const, amount: 500, quantity: 2 },
      { kind: 'discount' as const, amount: 100 },
      { kind: 'tax' as const, amount: 250 },
    ];
    expect(expectedAmount(items, 100)).toBe(1250);
    expect(amountMismatch(1250, items, 100)).toBeUndefined();
  });

  it('treats a missing kind as product and a missing quantity as 1', () => {
    expect(expectedAmount([{ amount: 300 }, { amount: 200, quantity: 3 }])).toBe(900);
  });

  it('counts quantity 0 as nothing', () => {
    expect(expectedAmount([{ amount: 300, quantity: 0 }, { amount: 100 }])).toBe(100);
  });

  it('explains a mismatch with the expected total', () => {
    expect(amountMismatch(1000, [{ amount: 900 }], 50)).toMatch(/^amount: .*= 950, got 1000$/);
  });
});
