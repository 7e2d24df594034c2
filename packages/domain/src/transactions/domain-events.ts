/**
 * What happened to a transaction, recorded in the same unit of work as the change itself (the repository writes
 * them to the audit history and the outbox). Names follow Gr4vy's webhook event names where one exists
 * (reference/gr4vy-api.md §8.1); the rest are Kessai's own, kebab-case in the same style.
 */
export const DOMAIN_EVENT_NAMES = [
  'transaction.created',
  'transaction.approval-pending',
  'transaction.authorized',
  'transaction.declined',
  'transaction.failed',
  'transaction.canceled',
  'transaction.capture-pending',
  'transaction.captured',
  'transaction.capture-declined',
  'transaction.capture-failed',
  /** The provider released the uncaptured remainder (final capture elsewhere, expiry): nothing more to capture. */
  'transaction.capture-closed',
  'transaction.void-pending',
  'transaction.voided',
  'transaction.void-failed',
  /** The merchant changed its own references (external identifier, metadata): Gr4vy's manual update. */
  'transaction.updated',
  'refund.pending',
  /** The provider holds only part of a refund (a split cut short): Kessai sends the rest (`claimRefundRest`). */
  'refund.rest-requested',
  /** A refund's provider call ended without a known outcome: it stays processing, and readings may count its parts. */
  'refund.outcome-unknown',
  /** A reading of the provider shows more parts of a split refund made: the money they hold counts as refunded. */
  'refund.partly-succeeded',
  'refund.succeeded',
  'refund.declined',
  'refund.failed',
] as const;
export type DomainEventName = (typeof DOMAIN_EVENT_NAMES)[number];

export interface DomainEvent {
  /** Unique id, used by consumers to deduplicate. */
  id: string;
  name: DomainEventName;
  merchantAccountId: string;
  transactionId: string;
  /** The child the event is about (capture or refund id), if any. */
  subjectId: string | null;
  occurredAt: Date;
  /** Audit context: amounts, codes, what caused it (`api`, `webhook`, `sync`, `janitor`). */
  context: Record<string, unknown>;
}
