import { type Amount, remainderOf, sumOf, ZERO } from '../money';
import type { Authorized, Capture, Refund, TransactionState } from './transaction-state';

/**
 * The money totals, derived from the children and never stored on their own (the database may cache them,
 * guarded). Each rule is written once over the children.
 */
interface Children {
  readonly amount: number;
  readonly authorized: boolean;
  readonly captureClosed: boolean;
  readonly captures: ReadonlyArray<{ readonly amount: number; readonly status: Capture['status'] }>;
  readonly refunds: ReadonlyArray<{
    readonly amount: number;
    readonly status: Refund['status'];
    readonly refundedAtProvider: number;
  }>;
}

const captured = (c: Children) => sumOf(c.captures.filter((x) => x.status === 'succeeded'));
const reservedCaptures = (c: Children) =>
  sumOf(c.captures.filter((x) => x.status === 'pending' || x.status === 'succeeded'));
const refunded = (c: Children) => {
  let total = 0;
  for (const r of c.refunds) if (r.status === 'succeeded' || r.status === 'processing') total += r.refundedAtProvider;
  return total as Amount;
};
const reservedRefunds = (c: Children) =>
  sumOf(c.refunds.filter((x) => x.status === 'processing' || x.status === 'succeeded'));
const authorizedOf = (c: Children) => (c.authorized ? (c.amount as Amount) : ZERO);

export interface Totals {
  authorized: Amount;
  captured: Amount;
  /** Claimed by captures that succeeded or may still succeed: what the capture ceiling is checked against. */
  reservedCaptures: Amount;
  /** Returned by the provider: refunds that succeeded, and the parts made of those still processing. */
  refunded: Amount;
  /** Claimed by refunds that succeeded or may still succeed: what the refund ceiling is checked against. */
  reservedRefunds: Amount;
  capturable: Amount;
  refundable: Amount;
}

function totalsOf(c: Children): Totals {
  const authorized = authorizedOf(c);
  const capturedNow = captured(c);
  const reservedC = reservedCaptures(c);
  const reservedR = reservedRefunds(c);
  return {
    authorized,
    captured: capturedNow,
    reservedCaptures: reservedC,
    refunded: refunded(c),
    reservedRefunds: reservedR,
    capturable: c.captureClosed || !c.authorized ? ZERO : remainderOf(authorized, reservedC),
    refundable: remainderOf(capturedNow, reservedR),
  };
}

const EMPTY = { captureClosed: false, captures: [], refunds: [] };

/** Totals already summed, by state: states are frozen, and one write reads them several times (row, rollup, answer). */
const summed = new WeakMap<TransactionState, Readonly<Totals>>();

/** The totals of a transaction's state. */
export function totals(state: TransactionState): Readonly<Totals> {
  const known = summed.get(state);
  if (known) return known;
  const authorized: Authorized | null = state.kind === 'authorized' ? state : null;
  const sums = Object.freeze(
    totalsOf({ amount: state.details.amount, authorized: authorized !== null, ...(authorized ?? EMPTY) }),
  );
  summed.set(state, sums);
  return sums;
}
