import { InvalidAmountError, InvalidCurrencyError } from '../errors';
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
});
