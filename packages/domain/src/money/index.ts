export { type Amount, remainderOf, storedAmount, sumOf, ZERO } from './amount';
export { type CurrencyCode, currencyCode, minorUnits } from './currency';
export { MAX_AMOUNT, Money } from './money';
