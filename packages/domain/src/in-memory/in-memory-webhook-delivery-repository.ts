import type { DeliveryAttempt, DeliveryLane, MerchantWebhookDelivery } from '../merchant-webhooks/webhook-delivery';
import type {
  DeliveryListQuery,
  LaneHead,
  WebhookDeliveryRepository,
} from '../merchant-webhooks/webhook-delivery-repository';
import type { Page } from '../transactions/ports/transaction-repository';
import type { InMemoryWebhookSubscriptionRepository } from './in-memory-webhook-subscription-repository';
import { keysetPage } from './keyset-page';

interface Row {
  delivery: MerchantWebhookDelivery;
  leaseUntil: number;
}

export class InMemoryWebhookDeliveryRepository implements WebhookDeliveryRepository {
  private readonly rows = new Map<string, Row>();

  constructor(private readonly subscriptions: InMemoryWebhookSubscriptionRepository) {}

  async record(deliveries: readonly MerchantWebhookDelivery[]): Promise<void> {
    for (const delivery of deliveries) {
      const duplicate = [...this.rows.values()].some(
        (row) => row.delivery.subscriptionId === delivery.subscriptionId && row.delivery.eventId === delivery.eventId,
      );
      if (!duplicate && !this.rows.has(delivery.id))
        this.rows.set(delivery.id, { delivery: structuredClone(delivery), leaseUntil: 0 });
    }
  }

  async get(
    merchantAccountId: string,
    subscriptionId: string,
    id: string,
  ): Promise<MerchantWebhookDelivery | undefined> {
    const row = this.rows.get(id);
    if (!row || row.delivery.merchantAccountId !== merchantAccountId || row.delivery.subscriptionId !== subscriptionId)
      return undefined;
    return structuredClone(row.delivery);
  }

  async list(
    merchantAccountId: string,
    subscriptionId: string,
    query: DeliveryListQuery,
  ): Promise<Page<MerchantWebhookDelivery>> {
    const rows = [...this.rows.values()]
      .map((row) => row.delivery)
      .filter(
        (d) =>
          d.merchantAccountId === merchantAccountId &&
          d.subscriptionId === subscriptionId &&
          (query.status === undefined || d.status === query.status),
      );
    return keysetPage(rows, (d) => d.createdAt, query.limit, query.cursor);
  }

  async claimHead(lane: DeliveryLane, now: Date, leaseMs: number): Promise<LaneHead> {
    const head = this.pendingOf(lane)[0];
    if (!head) return { kind: 'idle' };
    if (head.leaseUntil > now.getTime()) return { kind: 'busy', leaseUntil: new Date(head.leaseUntil) };
    const due = head.delivery.nextAttemptAt?.getTime() ?? 0;
    if (due > now.getTime()) return { kind: 'wait', until: new Date(due) };
    head.leaseUntil = now.getTime() + leaseMs;
    return { kind: 'ready', delivery: structuredClone(head.delivery) };
  }

  async recordAttempt(
    id: string,
    attempt: DeliveryAttempt,
    next: { status: MerchantWebhookDelivery['status']; nextAttemptAt: Date | null; deliveredAt: Date | null },
  ): Promise<void> {
    const row = this.rows.get(id);
    if (!row) return;
    row.delivery.attempts.push(structuredClone(attempt));
    row.delivery.status = next.status;
    row.delivery.nextAttemptAt = next.nextAttemptAt;
    row.delivery.deliveredAt = next.deliveredAt ?? row.delivery.deliveredAt;
    row.leaseUntil = 0;
  }

  async requeue(
    merchantAccountId: string,
    subscriptionId: string,
    id: string,
    now: Date,
    giveUpAt: Date,
  ): Promise<MerchantWebhookDelivery | undefined> {
    const row = this.rows.get(id);
    if (!row || row.delivery.merchantAccountId !== merchantAccountId || row.delivery.subscriptionId !== subscriptionId)
      return undefined;
    row.delivery.status = 'pending';
    row.delivery.nextAttemptAt = now;
    row.delivery.giveUpAt = giveUpAt;
    return structuredClone(row.delivery);
  }

  async dueLanes(now: Date, limit: number): Promise<DeliveryLane[]> {
    const lanes = new Map<string, DeliveryLane>();
    for (const { delivery } of this.rows.values()) {
      if (delivery.status !== 'pending' || !this.subscriptions.isActive(delivery.subscriptionId)) continue;
      const lane = {
        merchantAccountId: delivery.merchantAccountId,
        subscriptionId: delivery.subscriptionId,
        transactionId: delivery.transactionId,
      };
      const head = this.pendingOf(lane)[0];
      const key = `${lane.subscriptionId}:${lane.transactionId}`;
      if (
        head &&
        !lanes.has(key) &&
        Math.max(head.delivery.nextAttemptAt?.getTime() ?? 0, head.leaseUntil) <= now.getTime()
      )
        lanes.set(key, lane);
      if (lanes.size >= limit) break;
    }
    return [...lanes.values()];
  }

  async abandon(subscriptionId: string, now: Date): Promise<number> {
    let count = 0;
    for (const row of this.rows.values()) {
      if (row.delivery.subscriptionId !== subscriptionId || row.delivery.status !== 'pending') continue;
      row.delivery.status = 'failed';
      row.delivery.nextAttemptAt = null;
      row.delivery.giveUpAt = now;
      count++;
    }
    return count;
  }

  async prune(before: Date, limit: number): Promise<number> {
    let pruned = 0;
    for (const [id, { delivery }] of this.rows) {
      if (pruned >= limit) break;
      if (delivery.status !== 'pending' && delivery.createdAt.getTime() < before.getTime()) {
        this.rows.delete(id);
        pruned++;
      }
    }
    return pruned;
  }

  private pendingOf(lane: DeliveryLane): Row[] {
    return [...this.rows.values()]
      .filter(
        (row) =>
          row.delivery.status === 'pending' &&
          row.delivery.subscriptionId === lane.subscriptionId &&
          row.delivery.transactionId === lane.transactionId,
      )
      .sort((a, b) => a.delivery.position - b.delivery.position);
  }
}
