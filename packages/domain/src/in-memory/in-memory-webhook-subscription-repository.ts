import type { WebhookSubscription } from '../merchant-webhooks/webhook-subscription';
import type {
  SubscriptionListQuery,
  WebhookSubscriptionRepository,
} from '../merchant-webhooks/webhook-subscription-repository';
import type { Page } from '../transactions/ports/transaction-repository';
import { keysetPage } from './keyset-page';

export class InMemoryWebhookSubscriptionRepository implements WebhookSubscriptionRepository {
  private readonly rows = new Map<string, WebhookSubscription>();

  async add(subscription: WebhookSubscription, limit = Number.POSITIVE_INFINITY): Promise<boolean> {
    const held = [...this.rows.values()].filter((row) => row.merchantAccountId === subscription.merchantAccountId);
    if (held.length >= limit) return false;
    this.rows.set(subscription.id, structuredClone(subscription));
    return true;
  }

  async get(merchantAccountId: string, id: string): Promise<WebhookSubscription | undefined> {
    const row = this.rows.get(id);
    return row && row.merchantAccountId === merchantAccountId ? structuredClone(row) : undefined;
  }

  async list(merchantAccountId: string, query: SubscriptionListQuery): Promise<Page<WebhookSubscription>> {
    const rows = [...this.rows.values()].filter((row) => row.merchantAccountId === merchantAccountId);
    return keysetPage(rows, (row) => row.updatedAt, query.limit, query.cursor);
  }

  async update(subscription: WebhookSubscription): Promise<boolean> {
    const row = this.rows.get(subscription.id);
    if (!row || row.merchantAccountId !== subscription.merchantAccountId) return false;
    this.rows.set(subscription.id, structuredClone(subscription));
    return true;
  }

  async remove(merchantAccountId: string, id: string): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row || row.merchantAccountId !== merchantAccountId) return false;
    return this.rows.delete(id);
  }

  async activeFor(merchantAccountId: string): Promise<WebhookSubscription[]> {
    return [...this.rows.values()]
      .filter((row) => row.merchantAccountId === merchantAccountId && row.active)
      .map((row) => structuredClone(row));
  }

  /** For the delivery repository's `dueLanes`: only active subscriptions have due lanes. */
  isActive(id: string): boolean {
    return this.rows.get(id)?.active === true;
  }
}
