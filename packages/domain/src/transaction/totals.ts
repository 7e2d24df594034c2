import type { CaptureData, RefundData, TransactionData } from './transaction-data';
import { isAuthorized } from './transaction-status';

/** Totals are derived from the children, never stored on their own (the database may cache them, guarded). */
const sum = (items: ReadonlyArray<{ amount: number }>): number => items.reduce((total, item) => total + item.amount, 0);

export const capturesIn = (data: TransactionData, ...statuses: CaptureData['status'][]): CaptureData[] =>
  data.captures.filter((capture) => statuses.includes(capture.status));
export const refundsIn = (data: TransactionData, ...statuses: RefundData['status'][]): RefundData[] =>
  data.refunds.filter((refund) => statuses.includes(refund.status));

export function authorizedAmount(data: TransactionData): number {
  return isAuthorized(data.status) ? data.amount : 0;
}
export function capturedAmount(data: TransactionData): number {
  return sum(capturesIn(data, 'succeeded'));
}
/** Money claimed by captures that succeeded or may still succeed: what the capture ceiling is checked against. */
export function reservedCaptureAmount(data: TransactionData): number {
  return sum(capturesIn(data, 'pending', 'succeeded'));
}
/** Money the provider has returned: refunds that succeeded, and the parts already made of those still processing. */
export function refundedAmount(data: TransactionData): number {
  return refundsIn(data, 'succeeded', 'processing').reduce((total, refund) => total + refund.refundedAtProvider, 0);
}
/** Money claimed by refunds that succeeded or may still succeed: what the refund ceiling is checked against. */
export function reservedRefundAmount(data: TransactionData): number {
  return sum(refundsIn(data, 'processing', 'succeeded'));
}
export function capturableAmount(data: TransactionData): number {
  if (data.captureClosed || !isAuthorized(data.status)) return 0;
  return authorizedAmount(data) - reservedCaptureAmount(data);
}
export function refundableAmount(data: TransactionData): number {
  return capturedAmount(data) - reservedRefundAmount(data);
}

/**
 * The money invariants, checked after every change. A breach here is a bug in Kessai, never a user error: the
 * change is refused before anything is stored.
 */
export function assertMoneyInvariants(data: TransactionData): void {
  const broken = (rule: string) => {
    throw new MoneyInvariantViolation(`transaction ${data.id}: ${rule}`);
  };
  for (const child of [...data.captures, ...data.refunds]) {
    if (!Number.isSafeInteger(child.amount) || child.amount <= 0)
      broken(`child ${child.id} has amount ${child.amount}`);
  }
  for (const refund of data.refunds) {
    const returned = refund.refundedAtProvider;
    if (!Number.isSafeInteger(returned) || returned < 0 || returned > refund.amount)
      broken(`refund ${refund.id} has ${returned} returned of ${refund.amount}`);
    if (refund.status === 'succeeded' && returned !== refund.amount)
      broken(`succeeded refund ${refund.id} has ${returned} returned of ${refund.amount}`);
  }
  if (reservedCaptureAmount(data) > data.amount) broken('captures exceed the authorized amount');
  if (reservedCaptureAmount(data) > 0 && !isAuthorized(data.status)) broken('captures on an unauthorized transaction');
  if (reservedRefundAmount(data) > capturedAmount(data)) broken('refunds exceed the captured amount');
}

export class MoneyInvariantViolation extends Error {
  readonly code = 'money_invariant_violation';
  constructor(message: string) {
    super(message);
    this.name = 'MoneyInvariantViolation';
  }
}
