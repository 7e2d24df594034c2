/**
 * An amount in integer minor units of the transaction's currency, never negative: what every money field of the
 * aggregate holds. Only `Money.of` (a requested amount) and the totals below make one.
 */
export type Amount = number & { readonly __minorUnits: true };

/** A stored amount, trusted: the money invariants check it after every change. */
export const storedAmount = (value: number): Amount => value as Amount;

export const ZERO: Amount = storedAmount(0);

export function sumOf(items: ReadonlyArray<{ readonly amount: number }>): Amount {
  let total = 0;
  for (const item of items) total += item.amount;
  return total as Amount;
}

/** What is left of `whole` once `taken` is claimed; never below zero. */
export function remainderOf(whole: Amount, taken: Amount): Amount {
  return Math.max(0, whole - taken) as Amount;
}
