import { WebhookSubscriptionDisabledError, WebhookSubscriptionNotFoundError } from '../errors';
import type { MerchantWebhookDependencies } from './dependencies';
import { scheduleLane } from './lanes';
import { type DeliveryLane, deliveryIdOf, type MerchantWebhookDelivery, newDelivery } from './webhook-delivery';

/** The event name of a test delivery: no transaction caused it, so a receiver can tell it apart and answer 2xx. */
export const TEST_EVENT_NAME = 'test';

/**
 * Sends one subscription a `test` event, so a merchant can check an endpoint and its signature check before real
 * events come. It goes the way every delivery goes: recorded, signed and sent by the lane's sender, retried,
 * listed with its attempts, redeliverable. It waits in a lane of its own (keyed by its id), so a test never waits
 * behind a transaction's events nor holds them back. Event-type choices do not apply: it was asked for.
 */
export class SendTestWebhook {
  constructor(private readonly deps: MerchantWebhookDependencies) {}

  async execute(merchantAccountId: string, subscriptionId: string): Promise<MerchantWebhookDelivery> {
    const subscription = await this.deps.subscriptions.get(merchantAccountId, subscriptionId);
    if (!subscription)
      throw new WebhookSubscriptionNotFoundError(`webhook subscription ${subscriptionId} was not found`);
    if (!subscription.active)
      throw new WebhookSubscriptionDisabledError(
        `webhook subscription ${subscriptionId} is disabled: enable it to send a test event`,
        '',
      );
    const now = this.deps.clock.now();
    const eventId = this.deps.ids.uuid();
    const id = deliveryIdOf(this.deps.ids, subscription.id, eventId);
    const lane: DeliveryLane = { merchantAccountId, subscriptionId, transactionId: id };
    const body = JSON.stringify({
      type: 'event',
      id: eventId,
      name: TEST_EVENT_NAME,
      merchant_account_id: merchantAccountId,
      created_at: now.toISOString(),
      target: { type: 'webhook-subscription', id: subscriptionId },
    });
    const delivery = newDelivery(
      {
        id,
        subscriptionId,
        merchantAccountId,
        eventId,
        eventName: TEST_EVENT_NAME,
        transactionId: lane.transactionId,
        position: 0,
        body,
      },
      now,
    );
    await this.deps.deliveries.record([delivery]);
    await scheduleLane(this.deps, lane, now);
    return delivery;
  }
}
