import { totals } from './totals';
import type { TransactionState } from './transaction-state';

/**
 * The money invariants, checked on every new state before it can be observed or stored. A breach is a bug in
 * Kessai, never a user error: the change is refused and nothing is stored.
 */
export function assertMoneyInvariants(state: TransactionState): void {
  const broken = (rule: string) => {
    throw new MoneyInvariantViolation(`transaction ${state.details.id}: ${rule}`);
  };
  if (state.kind !== 'authorized') return;
  for (const child of [...state.captures, ...state.refunds]) {
    if (!Number.isSafeInteger(child.amount) || child.amount <= 0)
      broken(`child ${child.id} has amount ${child.amount}`);
  }
  for (const refund of state.refunds) {
    const returned = refund.refundedAtProvider;
    if (!Number.isSafeInteger(returned) || returned < 0 || returned > refund.amount)
      broken(`refund ${refund.id} has ${returned} returned of ${refund.amount}`);
    if (refund.status === 'succeeded' && returned !== refund.amount)
      broken(`succeeded refund ${refund.id} has ${returned} returned of ${refund.amount}`);
  }
  const sums = totals(state);
  if (sums.reservedCaptures > state.details.amount) broken('captures exceed the authorized amount');
  if (sums.reservedRefunds > sums.captured) broken('refunds exceed the captured amount');
}

export class MoneyInvariantViolation extends Error {
  readonly code = 'money_invariant_violation';
  constructor(message: string) {
    super(message);
    this.name = 'MoneyInvariantViolation';
  }
}
