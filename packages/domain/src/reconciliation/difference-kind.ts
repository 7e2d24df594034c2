/**
 * What a reconciliation can find, each under a code that never changes (it is in the API, the CSV and the
 * webhook). `in_flight` is money still moving (a pending capture, a refund within its grace): reported, not a
 * difference.
 */
export const DIFFERENCE_KINDS = [
  /** A capture at the provider that Kessai does not know (the process died after the provider answered). */
  'unknown_capture',
  /** A refund at the provider that Kessai does not know (made in the provider's dashboard). */
  'unknown_refund',
  /** A capture Kessai holds as made that the provider does not have. */
  'missing_capture',
  /** A refund Kessai holds as made that the provider does not have. */
  'missing_refund',
  /** The order's, a capture's or a refund's amount differs. */
  'amount_mismatch',
  /** The order's status differs (canceled or expired at the provider while Kessai shows it authorized, ...). */
  'status_mismatch',
  /** An order made with the connection's key for which Kessai has no transaction. */
  'unknown_order',
  /** A transaction's order that the provider does not have (it answers "not found" for it). */
  'missing_order',
  /** The buyer's decision happened at the provider but its webhook never arrived: Kessai's state is stale. */
  'missed_webhook',
  'in_flight',
] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

/** `open` waits for a person; `resolved` was settled by the run; `acknowledged` a person looked and wrote why. */
export const ITEM_STATUSES = ['open', 'resolved', 'acknowledged'] as const;
export type ReconciliationItemStatus = (typeof ITEM_STATUSES)[number];
