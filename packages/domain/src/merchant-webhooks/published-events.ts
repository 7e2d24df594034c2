import type { DomainEventName } from '../transactions/domain-events';

/**
 * Which domain events a merchant hears about, under Gr4vy's names (reference §8.1). Kessai's own bookkeeping
 * events (`transaction.created`, `approval-pending`, `capture-closed`, `refund.rest-requested`,
 * `refund.outcome-unknown`, `refund.partly-succeeded`) stay internal.
 * Two are folded into the nearest Gr4vy event: a declined capture is a `transaction.capture-failed` (Gr4vy has no
 * capture-declined; the
 * target's capture shows the decline), and a buyer's cancel is a `transaction.failed` (the target's status is
 * `authorization_failed`, error_code `canceled_buyer_approval`).
 */
const PUBLISHED: Partial<Record<DomainEventName, string>> = {
  'transaction.authorized': 'transaction.authorized',
  'transaction.declined': 'transaction.declined',
  'transaction.failed': 'transaction.failed',
  'transaction.canceled': 'transaction.failed',
  'transaction.capture-pending': 'transaction.capture-pending',
  'transaction.captured': 'transaction.captured',
  'transaction.capture-declined': 'transaction.capture-failed',
  'transaction.capture-failed': 'transaction.capture-failed',
  'transaction.void-pending': 'transaction.void-pending',
  'transaction.voided': 'transaction.voided',
  'transaction.void-failed': 'transaction.void-failed',
  'refund.pending': 'refund.pending',
  'refund.succeeded': 'refund.succeeded',
  'refund.declined': 'refund.declined',
  'refund.failed': 'refund.failed',
};

export function publishedEventName(name: DomainEventName): string | undefined {
  return PUBLISHED[name];
}

/** Events about no transaction, published by their own use case: a reconciliation run that completed. */
const PUBLISHED_ELSEWHERE = ['reconciliation-run.completed'];

export const PUBLISHED_EVENT_NAMES: readonly string[] = [...new Set(Object.values(PUBLISHED)), ...PUBLISHED_ELSEWHERE];
