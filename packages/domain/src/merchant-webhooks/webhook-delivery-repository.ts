import type { Page } from '../transactions/ports/transaction-repository';
import type { DeliveryAttempt, DeliveryLane, MerchantWebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery';

export interface DeliveryListQuery {
  limit: number;
  cursor?: string | undefined;
  status?: WebhookDeliveryStatus | undefined;
}

/** What a lane offers a sender: its oldest pending delivery, or why not now. */
export type LaneHead =
  | { kind: 'ready'; delivery: MerchantWebhookDelivery }
  /** The head's next attempt is not due before `until`. */
  | { kind: 'wait'; until: Date }
  /**
   * Another sender holds the head: it reschedules the lane itself when done, and should it die, the lease lapses
   * and the janitor's `dueLanes` picks the lane up.
   */
  | { kind: 'busy'; leaseUntil: Date }
  | { kind: 'idle' };

/** The outgoing-webhook deliveries and their attempts. */
export interface WebhookDeliveryRepository {
  /** Stores new deliveries; one that exists already (same subscription and event) is left as it is. */
  record(deliveries: readonly MerchantWebhookDelivery[]): Promise<void>;
  get(merchantAccountId: string, subscriptionId: string, id: string): Promise<MerchantWebhookDelivery | undefined>;
  /** Newest first. */
  list(
    merchantAccountId: string,
    subscriptionId: string,
    query: DeliveryListQuery,
  ): Promise<Page<MerchantWebhookDelivery>>;
  /**
   * Takes the lane's oldest pending delivery for `leaseMs` if it is due and nobody else holds it. Only the head is
   * ever offered, so a lane sends in outbox order, and two senders never send the same delivery at once.
   */
  claimHead(lane: DeliveryLane, now: Date, leaseMs: number): Promise<LaneHead>;
  /** Appends the attempt and the delivery's new state, and releases the lease. */
  recordAttempt(
    id: string,
    attempt: DeliveryAttempt,
    next: { status: WebhookDeliveryStatus; nextAttemptAt: Date | null; deliveredAt: Date | null },
  ): Promise<void>;
  /** A hand-made redelivery: pending again, due now, with a fresh retry window. `undefined` if not found. */
  requeue(
    merchantAccountId: string,
    subscriptionId: string,
    id: string,
    now: Date,
    giveUpAt: Date,
  ): Promise<MerchantWebhookDelivery | undefined>;
  /** Lanes whose head is due and unheld: the janitor's safety net for lost jobs and expired leases. */
  dueLanes(now: Date, limit: number): Promise<DeliveryLane[]>;
  /** Marks a deleted subscription's pending deliveries failed. */
  abandon(subscriptionId: string, now: Date): Promise<number>;
  /** Forgets up to `limit` finished (succeeded or failed) deliveries created before `before`; pending ones stay. */
  prune(before: Date, limit: number): Promise<number>;
}
