import { CurrencyMismatchError, InvalidAmountError } from '../errors';
import { type CurrencyCode, currencyCode } from './currency';

/** The largest amount any transaction may carry (Gr4vy's bound: 99,999,999 minor units). */
export const MAX_AMOUNT = 99_999_999;

/**
 * An amount of money in integer minor units. Never a float, never negative; arithmetic refuses mixed currencies.
 * `Money.of` is for amounts a caller asks for (1..MAX_AMOUNT); `Money.zero` and arithmetic give the totals,
 * which may be zero.
 */
export class Money {
  private constructor(
    readonly amount: number,
    readonly currency: CurrencyCode,
  ) {}

  static of(amount: number, currency: string, field = '/amount'): Money {
    if (typeof amount !== 'number' || !Number.isInteger(amount)) {
      throw new InvalidAmountError(`amount must be an integer number of minor units, got ${String(amount)}`, field);
    }
    if (amount < 1) throw new InvalidAmountError(`amount must be at least 1, got ${amount}`, field);
    if (amount > MAX_AMOUNT) throw new InvalidAmountError(`amount must be at most ${MAX_AMOUNT}, got ${amount}`, field);
    return new Money(amount, currencyCode(currency));
  }

  static zero(currency: string): Money {
    return new Money(0, currencyCode(currency));
  }

  /** Rebuilds a stored total (which may be zero) without the "requested amount" lower bound. */
  static fromStored(amount: number, currency: string): Money {
    if (!Number.isSafeInteger(amount) || amount < 0)
      throw new InvalidAmountError(`stored amount is corrupt: ${amount}`);
    return new Money(amount, currencyCode(currency));
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amount + other.amount, this.currency);
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other);
    if (other.amount > this.amount) {
      throw new InvalidAmountError(`cannot subtract ${other.format()} from ${this.format()}: money is never negative`);
    }
    return new Money(this.amount - other.amount, this.currency);
  }

  isZero(): boolean {
    return this.amount === 0;
  }
  equals(other: Money): boolean {
    return this.currency === other.currency && this.amount === other.amount;
  }
  greaterThan(other: Money): boolean {
    this.assertSameCurrency(other);
    return this.amount > other.amount;
  }
  lessThanOrEqual(other: Money): boolean {
    return !this.greaterThan(other);
  }

  format(): string {
    return `${this.amount} ${this.currency}`;
  }
  toJSON(): { amount: number; currency: string } {
    return { amount: this.amount, currency: this.currency };
  }

  static sum(items: readonly Money[], currency: string): Money {
    return items.reduce((total, m) => total.add(m), Money.zero(currency));
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new CurrencyMismatchError(`cannot combine ${this.currency} with ${other.currency}`);
    }
  }
}
