/** Gr4vy's nine transaction statuses, exactly (reference/gr4vy-api.md §3.1). Refunds never change it. */
export const TRANSACTION_STATUSES = [
  'processing',
  'buyer_approval_pending',
  'authorization_succeeded',
  'authorization_declined',
  'authorization_failed',
  'capture_pending',
  'capture_succeeded',
  'authorization_void_pending',
  'authorization_voided',
] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

export const CAPTURE_STATUSES = ['pending', 'succeeded', 'declined', 'failed'] as const;
export type CaptureStatus = (typeof CAPTURE_STATUSES)[number];

export const REFUND_STATUSES = ['processing', 'succeeded', 'failed', 'declined', 'voided'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export type TransactionIntent = 'authorize' | 'capture';

/** Statuses no command or provider report can leave. */
export function isTerminal(status: TransactionStatus): boolean {
  switch (status) {
    case 'authorization_declined':
    case 'authorization_failed':
    case 'authorization_voided':
      return true;
    case 'processing':
    case 'buyer_approval_pending':
    case 'authorization_succeeded':
    case 'capture_pending':
    case 'capture_succeeded':
    case 'authorization_void_pending':
      return false;
    default:
      return assertNever(status);
  }
}

export type AuthorizedStatus = Extract<
  TransactionStatus,
  | 'authorization_succeeded'
  | 'capture_pending'
  | 'capture_succeeded'
  | 'authorization_void_pending'
  | 'authorization_voided'
>;

/**
 * The buyer has authorized the money (some of it may be captured, voided or pending): the one list of the
 * statuses that count as authorized, and the statuses of the `Authorized` state.
 */
export function isAuthorized(status: TransactionStatus): status is AuthorizedStatus {
  switch (status) {
    case 'authorization_succeeded':
    case 'capture_pending':
    case 'capture_succeeded':
    case 'authorization_void_pending':
    case 'authorization_voided':
      return true;
    case 'processing':
    case 'buyer_approval_pending':
    case 'authorization_declined':
    case 'authorization_failed':
      return false;
    default:
      return assertNever(status);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}
