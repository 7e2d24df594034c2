import { parseAmount } from '../src/parse-amount';

describe('an amount as typed', () => {
  it.each([
    '12000',
    '12,000',
    '¥12,000',
    '￥12,000',
    '12000円',
    '12,000円',
    '１２０００',
    '１２，０００円',
    ' 12 000 ',
    '12000 JPY',
  ])('%s is 12,000 yen', (typed) => {
    expect(parseAmount(typed)).toEqual({ ok: true, amount: 12_000 });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['-500', 'negative'],
    ['－５００', 'negative'],
    ['¥-500', 'negative'],
    ['−500', 'negative'],
    ['12000.50', 'decimal'],
    ['12,000.', 'decimal'],
    ['0', 'zero'],
    ['¥0', 'zero'],
    ['twelve', 'notANumber'],
    ['12,00', 'notANumber'],
    ['1e4', 'notANumber'],
    ['12000ドル', 'notANumber'],
    ['99999999999999999999', 'notANumber'],
  ])('%j is refused as %s', (typed, problem) => {
    expect(parseAmount(typed)).toEqual({ ok: false, problem });
  });
});
