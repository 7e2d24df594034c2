import { InvalidAmountError } from '../errors';
import type { Amount } from './amount';
import { type CurrencyCode, currencyCode } from './currency';

/** The largest amount any transaction may carry (Gr4vy's bound: 99,999,999 minor units). */
export const MAX_AMOUNT = 99_999_999;

/**
 * An amount someone asks for (a transaction, a capture, a refund): integer minor units, 1..MAX_AMOUNT, in a
 * well-formed currency. Totals are plain `Amount`s computed from the children (`transaction/totals.ts`).
 */
export class Money {
  private constructor(
    readonly amount: Amount,
    readonly currency: CurrencyCode,
  ) {}

  static of(amount: number, currency: string, field = '/amount'): Money {
    if (typeof amount !== 'number' || !Number.isInteger(amount)) {
      throw new InvalidAmountError(`amount must be an integer number of minor units, got ${String(amount)}`, field);
    }
    if (amount < 1) throw new InvalidAmountError(`amount must be at least 1, got ${amount}`, field);
    if (amount > MAX_AMOUNT) throw new InvalidAmountError(`amount must be at most ${MAX_AMOUNT}, got ${amount}`, field);
    return new Money(amount as Amount, currencyCode(currency));
  }

  toJSON(): { amount: number; currency: string } {
    return { amount: this.amount, currency: this.currency };
  }
}
