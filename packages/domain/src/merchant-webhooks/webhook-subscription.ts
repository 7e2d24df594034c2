import { randomBytes } from 'node:crypto';
import { InvalidFieldError } from '../errors';
import { PUBLISHED_EVENT_NAMES } from './published-events';

/**
 * A merchant's endpoint for Kessai's outgoing webhooks (Gr4vy's WebhookSubscription, reference §8.1). It holds
 * its signing secrets: the current one, and during a rotation the previous one until `previousExpiresAt`, so a
 * receiver that has not deployed the new secret yet keeps verifying (both signatures are sent meanwhile).
 */
export interface WebhookSubscription {
  id: string;
  merchantAccountId: string;
  url: string;
  active: boolean;
  /** The published event names it hears, in their published order; `null`: every one, including any added later. */
  eventTypes: string[] | null;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Secrets that sign a delivery at `now`: the current one first, then the previous one while its grace lasts. */
export function signingSecrets(subscription: WebhookSubscription, now: Date): string[] {
  return isRotating(subscription, now) && subscription.previousSecret
    ? [subscription.secret, subscription.previousSecret]
    : [subscription.secret];
}

export function isRotating(subscription: WebhookSubscription, now: Date): boolean {
  return (
    subscription.previousSecret !== null &&
    subscription.previousSecretExpiresAt !== null &&
    subscription.previousSecretExpiresAt.getTime() > now.getTime()
  );
}

/** Replaces the secret; the old one stays valid for `graceMs` (a second rotation ends the first grace early). */
export function rotateSecret(
  subscription: WebhookSubscription,
  newSecret: string,
  now: Date,
  graceMs: number,
): WebhookSubscription {
  return {
    ...subscription,
    secret: newSecret,
    previousSecret: subscription.secret,
    previousSecretExpiresAt: new Date(now.getTime() + graceMs),
    updatedAt: now,
  };
}

/** Whether the subscription is sent an event of this published name. */
export function hears(subscription: Pick<WebhookSubscription, 'eventTypes'>, eventName: string): boolean {
  return subscription.eventTypes === null || subscription.eventTypes.includes(eventName);
}

/**
 * A chosen set of event types: published names only, at least one (a subscription hearing nothing is a disabled
 * one), kept once each in published order. `null` chooses every event.
 */
export function parseEventTypes(raw: readonly string[] | null, field = '/events'): string[] | null {
  if (raw === null) return null;
  const unknown = raw.filter((name) => !PUBLISHED_EVENT_NAMES.includes(name));
  if (unknown.length > 0)
    throw new InvalidFieldError(
      `unknown event type ${unknown.map((name) => JSON.stringify(name)).join(', ')}; Kessai publishes ${PUBLISHED_EVENT_NAMES.join(', ')}`,
      field,
    );
  if (raw.length === 0)
    throw new InvalidFieldError('choose at least one event type, or null for every event (disable it instead)', field);
  return PUBLISHED_EVENT_NAMES.filter((name) => raw.includes(name));
}

export const MAX_WEBHOOK_URL_LENGTH = 2048;
/** Each subscription is one more send of every event; more than this is a mistake or an attempt to flood. */
export const MAX_SUBSCRIPTIONS_PER_MERCHANT = 20;

/**
 * The shape rules every target URL obeys wherever Kessai runs: absolute http(s), no credentials in it (they would
 * be logged and shown back), no fragment. Whether its host may be reached is a deployment question, answered by
 * the `WebhookTargetPolicy` port.
 */
export function parseWebhookUrl(raw: string, field = '/url'): URL {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH)
    throw new InvalidFieldError(`url must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`, field);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidFieldError('url must be an absolute http or https URL', field);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidFieldError(`url must use http or https, not ${url.protocol.replace(':', '')}`, field);
  if (url.username || url.password)
    throw new InvalidFieldError('url must not carry credentials (user:password@)', field);
  if (url.hash) throw new InvalidFieldError('url must not have a #fragment', field);
  if (!url.hostname) throw new InvalidFieldError('url must name a host', field);
  return url;
}

/** 32 random bytes; the prefix tells a leaked string's purpose at a glance (and lets secret scanners find it). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
