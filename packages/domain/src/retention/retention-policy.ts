/**
 * How long each record that grows with traffic but is not the merchant's record is kept: the one home of every
 * retention period. Transactions, captures, refunds and their events are the merchant's record and never expire.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Idempotency keys replay for 24 h after creation (Stripe's period), then count as new and are deleted. */
export const IDEMPOTENCY_TTL_MS = DAY_MS;

/** A processed provider webhook is kept a week to look into a disputed status; an unprocessed one is never deleted. */
export const PROCESSED_WEBHOOK_RETENTION_MS = 7 * DAY_MS;

/** A dispatched outbox entry is kept a week to look into a dispatch; transaction_events keeps every event for good. */
export const DISPATCHED_OUTBOX_RETENTION_MS = 7 * DAY_MS;

/** A finished merchant-webhook delivery stays visible, and redeliverable, for 30 days. */
export const FINISHED_DELIVERY_RETENTION_MS = 30 * DAY_MS;

/** A permanently failed job is kept a week so an operator can read why it failed. */
export const FAILED_JOB_RETENTION_MS = 7 * DAY_MS;

/** An ended dashboard session is kept a day, to tell "signed out" or "expired" from "unknown". */
export const ENDED_SESSION_RETENTION_MS = DAY_MS;

/** A failed sign-in is kept a day, far past any throttle window (15 minutes), to look into an attack. */
export const SIGN_IN_FAILURE_RETENTION_MS = DAY_MS;

/**
 * A checkout session is kept a week past its expiry: by then no embed token can name it (tokens live a day at most),
 * and its transaction, if it was paid, is the merchant's record.
 */
export const EXPIRED_CHECKOUT_SESSION_RETENTION_MS = 7 * DAY_MS;

/** How often retention runs: often enough that each run deletes little. */
export const RETENTION_INTERVAL_MS = 10 * 60_000;
