import { CurrencyMismatchError, InvalidAmountError, InvalidCurrencyError } from '../errors';
import { MAX_AMOUNT, Money } from './money';

describe('Money', () => {
  it('holds integer minor units: JPY 1299 is ¥1,299', () => {
    expect(Money.of(1299, 'JPY').toJSON()).toEqual({ amount: 1299, currency: 'JPY' });
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_AMOUNT + 1])(
    'refuses %p as a requested amount',
    (amount) => {
      expect(() => Money.of(amount, 'JPY')).toThrow(InvalidAmountError);
    },
  );

  it('accepts the bounds 1 and 99,999,999', () => {
    expect(Money.of(1, 'JPY').amount).toBe(1);
    expect(Money.of(MAX_AMOUNT, 'JPY').amount).toBe(99_999_999);
  });

  it('refuses malformed currency codes', () => {
    expect(() => Money.of(100, 'jpy')).toThrow(InvalidCurrencyError);
    expect(() => Money.of(100, 'YEN!')).toThrow(InvalidCurrencyError);
  });

  it('adds and subtracts within one currency, never below zero', () => {
    const a = Money.of(500, 'JPY');
    const b = Money.of(200, 'JPY');
    expect(a.add(b).amount).toBe(700);
    expect(a.subtract(b).amount).toBe(300);
    expect(a.subtract(a).isZero()).toBe(true);
    expect(() => b.subtract(a)).toThrow(InvalidAmountError);
  });

  it('refuses to mix currencies', () => {
    expect(() => Money.of(1, 'JPY').add(Money.of(1, 'USD'))).toThrow(CurrencyMismatchError);
    expect(() => Money.of(1, 'JPY').greaterThan(Money.of(1, 'USD'))).toThrow(CurrencyMismatchError);
  });

  it('sums a list, starting from zero', () => {
    expect(Money.sum([Money.of(1, 'JPY'), Money.of(2, 'JPY')], 'JPY').amount).toBe(3);
    expect(Money.sum([], 'JPY').isZero()).toBe(true);
  });

  it('rebuilds stored totals, which may be zero, but never negative or fractional', () => {
    expect(Money.fromStored(0, 'JPY').isZero()).toBe(true);
    expect(() => Money.fromStored(-5, 'JPY')).toThrow(InvalidAmountError);
    expect(() => Money.fromStored(0.5, 'JPY')).toThrow(InvalidAmountError);
  });
});
