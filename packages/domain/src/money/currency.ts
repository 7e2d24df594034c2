import { InvalidCurrencyError } from '../errors';

/** ISO 4217 alphabetic code, upper case. Which currencies a connector accepts is its capability profile's call. */
export type CurrencyCode = string & { readonly __brand: 'CurrencyCode' };

const MINOR_UNITS: Readonly<Record<string, number>> = { JPY: 0, KRW: 0, USD: 2, EUR: 2, GBP: 2 };

export function currencyCode(value: string, field = '/currency'): CurrencyCode {
  if (!/^[A-Z]{3}$/.test(value))
    throw new InvalidCurrencyError(`currency must be a 3-letter ISO 4217 code, got "${value}"`, field);
  return value as CurrencyCode;
}

/** Minor-unit exponent (JPY has none: 1299 means ¥1,299). Unknown codes default to 2, the ISO majority. */
export function minorUnits(currency: CurrencyCode): number {
  return MINOR_UNITS[currency] ?? 2;
}
