import type { CapabilityProfile } from '../connectors/capability-profile';

/**
 * When Kessai asks a provider again, and how long it waits before it judges: the one home of every delay that a
 * payment rule depends on. The janitor's cadence and the use cases import these; nothing spells them again.
 */

/** How long after an unknown outcome the provider is first asked what happened. */
export const UNKNOWN_OUTCOME_RECHECK_MS = 30_000;

/**
 * How long a pending capture or refund may be missing from the provider's report before it is judged never to
 * have happened: shorter than this, the request may still be in flight at the provider.
 */
export const UNMATCHED_GRACE_MS = 2 * 60_000;

/**
 * How long after its last provider call a refund the provider reports partly made is finished by sending the
 * rest: far beyond the longest a refund call keeps starting parts (the Smartpay connector stops after 60 s), so
 * the call that left it partly made has surely ended. The wait doubles with the refund's age.
 */
export const REFUND_REST_AFTER_MS = 10 * 60_000;

/**
 * How often, per process, a returning buyer's redirect may ask the provider about one pending transaction: the
 * route is anonymous, and a reloading browser or a script must not turn into one provider call per request.
 */
export const BUYER_RETURN_SYNC_INTERVAL_MS = 3_000;

/** How long the processing of an order's webhook waits for more events about the same order. */
export const WEBHOOK_GATHER_MS = 250;

/** How often the janitor looks for expired approvals and unresolved outcomes. */
export const JANITOR_INTERVAL_MS = 60_000;

/** How long a connector webhook may stay unprocessed, never tried, before the janitor processes it. */
export const UNPROCESSED_WEBHOOK_AFTER_MS = 60_000;

/** When a buyer's approval lapses unless the provider says otherwise: the connector's window from `from`. */
export function approvalDeadline(from: Date, capabilities: Pick<CapabilityProfile, 'approvalWindowMs'>): Date {
  return new Date(from.getTime() + capabilities.approvalWindowMs);
}

/** An approval the buyer has not given yet is shown as about to expire this long before it does. */
export const APPROVAL_EXPIRING_SOON_MS = 15 * 60_000;
