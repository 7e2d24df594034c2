import { WebhookDeliveryNotFoundError } from '../errors';
import type { MerchantWebhookDependencies } from './dependencies';
import { scheduleLane } from './lanes';
import {
  DELIVERY_RETRY_WINDOW_MS,
  DELIVERY_TIMEOUT_MS,
  type DeliveryAttempt,
  type DeliveryLane,
  type MerchantWebhookDelivery,
  RESPONSE_EXCERPT_CHARS,
  retryDelayMs,
} from './webhook-delivery';
import { webhookSignatureHeader } from './webhook-signature';
import { signingSecrets, type WebhookSubscription } from './webhook-subscription';

/** Longer than one attempt can take, so a lease only lapses when its sender died. */
const LEASE_MS = DELIVERY_TIMEOUT_MS * 6;
/** A run sends at most this many, then hands the rest of the lane to a fresh job (fairness between lanes). */
const PER_RUN = 50;
/**
 * A lane of a merchant with every send slot taken comes back within this long (jittered), freeing its worker:
 * short, as a burst of a healthy merchant's lanes frees slots in milliseconds; not shorter, as a hanging one's
 * lanes each cost a queue round trip per return.
 */
const SLOTS_BUSY_RETRY_MS = 1_000;

/**
 * Sends one lane's deliveries, oldest first. A failed head is retried with back-off and holds the lane: later
 * events of the same transaction wait, so a receiver never sees `captured` before `authorized`. A head given up
 * after the retry window frees the lane.
 */
export class DeliverWebhooks {
  constructor(private readonly deps: MerchantWebhookDependencies) {}

  async execute(lane: DeliveryLane): Promise<void> {
    for (let sent = 0; sent < PER_RUN; sent++) {
      const subscription = await this.deps.subscriptions.get(lane.merchantAccountId, lane.subscriptionId);
      if (!subscription) {
        await this.deps.deliveries.abandon(lane.subscriptionId, this.deps.clock.now());
        return;
      }
      // Paused: deliveries wait (their retry window still runs) until the subscription is active again.
      if (!subscription.active) return;
      const release = this.deps.sendSlots.tryTake(lane.merchantAccountId);
      if (!release) return scheduleLane(this.deps, lane, this.slotsBusyUntil());
      try {
        const head = await this.deps.deliveries.claimHead(lane, this.deps.clock.now(), LEASE_MS);
        if (head.kind === 'idle' || head.kind === 'busy') return;
        if (head.kind === 'wait') return scheduleLane(this.deps, lane, head.until);
        const retryAt = await this.attempt(subscription, head.delivery);
        if (retryAt) return scheduleLane(this.deps, lane, retryAt);
      } finally {
        release();
      }
    }
    return scheduleLane(this.deps, lane, this.deps.clock.now());
  }

  /** Spread out, so a busy merchant's lanes do not all come back in the same second. */
  private slotsBusyUntil(): Date {
    return new Date(this.deps.clock.now().getTime() + Math.round(SLOTS_BUSY_RETRY_MS * (0.5 + 0.5 * Math.random())));
  }

  /** Resends a delivery (sent or given up) now, with a fresh retry window; receivers dedupe by its id. */
  async redeliver(
    merchantAccountId: string,
    subscriptionId: string,
    deliveryId: string,
  ): Promise<MerchantWebhookDelivery> {
    const now = this.deps.clock.now();
    const delivery = await this.deps.deliveries.requeue(
      merchantAccountId,
      subscriptionId,
      deliveryId,
      now,
      new Date(now.getTime() + DELIVERY_RETRY_WINDOW_MS),
    );
    if (!delivery) throw new WebhookDeliveryNotFoundError(`webhook delivery ${deliveryId} was not found`);
    await scheduleLane(
      this.deps,
      { merchantAccountId, subscriptionId, transactionId: delivery.transactionId },
      now,
      true,
    );
    return delivery;
  }

  /** One POST; records it. Returns when to retry, or undefined when the lane may go on. */
  private async attempt(
    subscription: WebhookSubscription,
    delivery: MerchantWebhookDelivery,
  ): Promise<Date | undefined> {
    const now = this.deps.clock.now();
    const timestamp = Math.floor(now.getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Kessai-Webhooks/1.0',
      'x-gr4vy-webhook-id': delivery.id,
      'x-gr4vy-webhook-timestamp': String(timestamp),
      'x-gr4vy-webhook-signatures': webhookSignatureHeader(signingSecrets(subscription, now), timestamp, delivery.body),
    };
    const result = await this.deps.transport.post(subscription.url, headers, delivery.body, DELIVERY_TIMEOUT_MS);
    const answered = result.kind === 'answered';
    const succeeded = answered && result.status >= 200 && result.status < 300;
    const attempt: DeliveryAttempt = {
      number: delivery.attempts.length + 1,
      attemptedAt: now,
      durationMs: result.durationMs,
      responseStatus: answered ? result.status : null,
      error: answered ? (succeeded ? null : `answered ${result.status}`) : result.error,
      requestHeaders: headers,
      responseExcerpt: answered ? (result.bodyExcerpt ?? '').slice(0, RESPONSE_EXCERPT_CHARS) : null,
    };
    const finished = this.deps.clock.now();
    if (succeeded) {
      await this.deps.deliveries.recordAttempt(delivery.id, attempt, {
        status: 'succeeded',
        nextAttemptAt: null,
        deliveredAt: finished,
      });
      return undefined;
    }
    const retryAt = new Date(finished.getTime() + retryDelayMs(attempt.number, Math.random, this.deps.firstRetryMs));
    if (retryAt.getTime() > delivery.giveUpAt.getTime()) {
      await this.deps.deliveries.recordAttempt(delivery.id, attempt, {
        status: 'failed',
        nextAttemptAt: null,
        deliveredAt: null,
      });
      return undefined;
    }
    await this.deps.deliveries.recordAttempt(delivery.id, attempt, {
      status: 'pending',
      nextAttemptAt: retryAt,
      deliveredAt: null,
    });
    return retryAt;
  }
}
