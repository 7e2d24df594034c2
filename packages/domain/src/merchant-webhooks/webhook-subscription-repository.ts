import type { Page } from '../transactions/ports/transaction-repository';
import type { WebhookSubscription } from './webhook-subscription';

export interface SubscriptionListQuery {
  limit: number;
  cursor?: string | undefined;
}

/** Merchants' webhook subscriptions with their signing secrets (adapters keep the secrets encrypted at rest). */
export interface WebhookSubscriptionRepository {
  /**
   * Stores it unless its merchant account already has `limit` (deleted ones do not count); `false` when refused.
   * Two adds racing for the last place cannot both win.
   */
  add(subscription: WebhookSubscription, limit?: number): Promise<boolean>;
  get(merchantAccountId: string, id: string): Promise<WebhookSubscription | undefined>;
  /** Newest-updated first, like every Kessai list. */
  list(merchantAccountId: string, query: SubscriptionListQuery): Promise<Page<WebhookSubscription>>;
  /** Replaces url, active and secrets. `false` if it does not exist (or was deleted). */
  update(subscription: WebhookSubscription): Promise<boolean>;
  /** `false` if there was nothing to delete. Its pending deliveries are not sent any more. */
  remove(merchantAccountId: string, id: string): Promise<boolean>;
  /** Active subscriptions of a merchant account: who hears about an event. */
  activeFor(merchantAccountId: string): Promise<WebhookSubscription[]>;
}
