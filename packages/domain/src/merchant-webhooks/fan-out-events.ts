import type { DomainEvent } from '../transactions/domain-events';
import type { OutboxEntry } from '../transactions/ports/outbox';
import type { MerchantWebhookDependencies } from './dependencies';
import { scheduleLane } from './lanes';
import { publishedEventName } from './published-events';
import {
  type DeliveryLane,
  deliveryIdOf,
  laneKey,
  type MerchantWebhookDelivery,
  newDelivery,
} from './webhook-delivery';
import { hears, type WebhookSubscription } from './webhook-subscription';

const BATCH = 100;

/**
 * Drains the outbox into deliveries: each published event × each active subscription of its merchant account
 * becomes one delivery unless the subscription chose other event types, with its body (`{type:"event", id, name, merchant_account_id, created_at, target}`) fixed
 * now so every retry sends the same bytes. Delivery ids are derived from (subscription, event), so a batch
 * handled twice (a crash before the outbox was marked) records nothing twice. Sending is left to the lanes.
 */
export class FanOutWebhookEvents {
  constructor(private readonly deps: MerchantWebhookDependencies) {}

  async execute(): Promise<number> {
    const lanes = new Map<string, DeliveryLane>();
    let total = 0;
    for (;;) {
      const claimed = await this.deps.outbox.claim(
        BATCH,
        (entries) => this.fanOut(entries, lanes),
        this.deps.clock.now(),
      );
      total += claimed;
      if (claimed < BATCH) break;
    }
    const now = this.deps.clock.now();
    for (const lane of lanes.values()) await scheduleLane(this.deps, lane, now);
    return total;
  }

  private async fanOut(entries: OutboxEntry[], lanes: Map<string, DeliveryLane>): Promise<void> {
    const subscribers = new Map<string, Promise<WebhookSubscription[]>>();
    const targets = new Map<string, Promise<Record<string, unknown> | undefined>>();
    const deliveries: MerchantWebhookDelivery[] = [];
    const now = this.deps.clock.now();
    for (const { event, position } of entries) {
      const name = publishedEventName(event.name);
      if (!name) continue;
      if (!subscribers.has(event.merchantAccountId))
        subscribers.set(event.merchantAccountId, this.deps.subscriptions.activeFor(event.merchantAccountId));
      const subscriptions = ((await subscribers.get(event.merchantAccountId)) ?? []).filter((subscription) =>
        hears(subscription, name),
      );
      if (subscriptions.length === 0) continue;
      // Events of one resource in one batch share one rendering: it is the same "now".
      const targetKey = targetKeyOf(event);
      if (!targets.has(targetKey)) targets.set(targetKey, this.deps.targets.render(event));
      const target = await targets.get(targetKey);
      if (!target) continue;
      const body = JSON.stringify({
        type: 'event',
        id: event.id,
        name,
        merchant_account_id: event.merchantAccountId,
        created_at: event.occurredAt.toISOString(),
        target,
      });
      for (const subscription of subscriptions) {
        const lane = {
          merchantAccountId: event.merchantAccountId,
          subscriptionId: subscription.id,
          transactionId: event.transactionId,
        };
        lanes.set(laneKey(lane), lane);
        deliveries.push(
          newDelivery(
            {
              id: deliveryIdOf(this.deps.ids, subscription.id, event.id),
              subscriptionId: subscription.id,
              merchantAccountId: event.merchantAccountId,
              eventId: event.id,
              eventName: name,
              transactionId: event.transactionId,
              position,
              body,
            },
            now,
          ),
        );
      }
    }
    await this.deps.deliveries.record(deliveries);
  }
}

function targetKeyOf(event: DomainEvent): string {
  return event.name.startsWith('refund.') ? `refund:${event.subjectId}` : `transaction:${event.transactionId}`;
}
