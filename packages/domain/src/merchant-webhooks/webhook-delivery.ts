import type { IdGenerator } from '../shared/id-generator';

/**
 * One event on its way to one subscription. Its id is the `X-Gr4vy-Webhook-ID` header, stable across retries, so
 * receivers deduplicate on it; its body is fixed when the delivery is created, so every attempt sends the same
 * bytes. `position` is the event's outbox position: deliveries of one transaction go out in that order.
 */
export interface MerchantWebhookDelivery {
  id: string;
  subscriptionId: string;
  merchantAccountId: string;
  eventId: string;
  eventName: string;
  transactionId: string;
  position: number;
  body: string;
  status: WebhookDeliveryStatus;
  attempts: DeliveryAttempt[];
  /** When the next automatic attempt is due (pending only). */
  nextAttemptAt: Date | null;
  /** After this, a failing delivery is given up (7 days after it was created or last redelivered by hand). */
  giveUpAt: Date;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** `pending`: not yet answered 2xx; `succeeded`: a 2xx came back; `failed`: given up, or its subscription deleted. */
export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface DeliveryAttempt {
  number: number;
  attemptedAt: Date;
  durationMs: number;
  /** The receiver's HTTP status, or null when there was no answer (timeout, refused, DNS). */
  responseStatus: number | null;
  error: string | null;
  /**
   * The headers sent, the signature among them (the secret never is). The body is the delivery's, the same for
   * every attempt. Null for attempts recorded before the headers were kept.
   */
  requestHeaders: Record<string, string> | null;
  /** The start of the receiver's answer body, at most `RESPONSE_EXCERPT_CHARS`; null when there was no answer. */
  responseExcerpt: string | null;
}

/** Enough of an answer to read an error page's message; a receiver cannot make Kessai store more. */
export const RESPONSE_EXCERPT_CHARS = 2_000;

/** The receiver has this long to answer 2xx (Gr4vy: 5000 ms). */
export const DELIVERY_TIMEOUT_MS = 5_000;
/** Failing deliveries are retried for this long, then given up (Gr4vy: 7 days). */
export const DELIVERY_RETRY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
export const FIRST_RETRY_MS = 5_000;

/** A delivery's id, from its subscription and event: recording an event's deliveries twice records them once. */
export function deliveryIdOf(ids: IdGenerator, subscriptionId: string, eventId: string): string {
  return ids.derive('kessai.webhook-delivery', `${subscriptionId}:${eventId}`);
}

/** A delivery as it is first recorded: pending, due at once, given up after the retry window. */
export function newDelivery(
  fields: Pick<
    MerchantWebhookDelivery,
    'id' | 'subscriptionId' | 'merchantAccountId' | 'eventId' | 'eventName' | 'transactionId' | 'position' | 'body'
  >,
  now: Date,
): MerchantWebhookDelivery {
  return {
    ...fields,
    status: 'pending',
    attempts: [],
    nextAttemptAt: now,
    giveUpAt: new Date(now.getTime() + DELIVERY_RETRY_WINDOW_MS),
    createdAt: now,
    deliveredAt: null,
  };
}
const LONGEST_RETRY_MS = 6 * 60 * 60 * 1000;

/**
 * Exponential back-off after the n-th failed attempt: 5 s, 10 s, 20 s … capped at 6 h, with ±20 % jitter so a
 * receiver coming back is not hit by every queued delivery in the same second. About 40 attempts fit in 7 days.
 */
export function retryDelayMs(
  failedAttempts: number,
  random: () => number = Math.random,
  firstRetryMs = FIRST_RETRY_MS,
): number {
  const base = Math.min(LONGEST_RETRY_MS, firstRetryMs * 2 ** Math.max(0, Math.min(failedAttempts - 1, 30)));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** The lane a delivery waits in: one subscription, one transaction. Lanes deliver in outbox order. */
export interface DeliveryLane {
  merchantAccountId: string;
  subscriptionId: string;
  transactionId: string;
}

export const laneKey = (lane: DeliveryLane) => `deliver-webhooks:${lane.subscriptionId}:${lane.transactionId}`;
