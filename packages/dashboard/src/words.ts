// The codes the API serves that a merchant reads (statuses, error codes, history events, change sources), each with
// its words in both languages: a code missing from the messages fails the type check here.
import type { DomainEventName } from '@kessai/domain';
import type { AsTheDomain } from './as-the-domain';
import type { MessageKey } from './i18n';
import type { MONEY_STATES } from './money-state';
import type { Capture, Refund, TransactionStatus } from './resources';
import type { DifferenceKind, ItemStatus, RunStatus } from './resources-reconciliation';

/**
 * The history's event names, as the API's events list serves them: worded in the timeline (`history.*`); the webhook
 * deliveries keep the names a subscriber's code matches on.
 */
export const EVENT_NAMES = [
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
  'transaction.capture-closed',
  'transaction.void-pending',
  'transaction.voided',
  'transaction.void-failed',
  'transaction.updated',
  'refund.pending',
  'refund.rest-requested',
  'refund.outcome-unknown',
  'refund.partly-succeeded',
  'refund.succeeded',
  'refund.declined',
  'refund.failed',
] as const;

export const eventsAsTheDomain: AsTheDomain<(typeof EVENT_NAMES)[number], DomainEventName> = true;

/** The error codes a transaction, capture or refund carries. */
export const ERROR_CODES = [
  'canceled_buyer_approval',
  'incomplete_buyer_approval',
  'declined',
  'service_error',
  'not_found_at_provider',
  'expired_authorization',
] as const;

export const CHANGE_SOURCES = ['api', 'webhook', 'sync', 'janitor'] as const;

/** Who caused an event, as the events list's `actor.type` says. */
export const ACTOR_TYPES = ['api_key', 'dashboard_user', 'reconciliation_run'] as const;

type Shown =
  | `status.${TransactionStatus | Capture['status'] | Refund['status'] | 'cancelled'}`
  | `history.${(typeof EVENT_NAMES)[number]}`
  | `error.${(typeof ERROR_CODES)[number]}`
  | `source.${(typeof CHANGE_SOURCES)[number]}`
  | `money.${(typeof MONEY_STATES)[number]}`
  | `actor.${(typeof ACTOR_TYPES)[number]}`
  | `recon.kind.${DifferenceKind}`
  | `recon.itemStatus.${ItemStatus}`
  | `recon.runStatus.${RunStatus}`;
type Missing = Exclude<Shown, MessageKey>;
/** Fails to compile, naming the keys, when a code shown has no words. */
export const everyCodeWorded: [Missing] extends [never] ? true : Missing = true;
