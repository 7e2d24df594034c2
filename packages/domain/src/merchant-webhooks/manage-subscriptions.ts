import { TooManyWebhookSubscriptionsError, WebhookSubscriptionNotFoundError } from '../errors';
import type { Page } from '../transactions/ports/transaction-repository';
import type { MerchantWebhookDependencies } from './dependencies';
import { scheduleDueLanes } from './lanes';
import {
  MAX_SUBSCRIPTIONS_PER_MERCHANT,
  newWebhookSecret,
  parseEventTypes,
  parseWebhookUrl,
  rotateSecret,
  type WebhookSubscription,
} from './webhook-subscription';
import type { SubscriptionListQuery } from './webhook-subscription-repository';

/** Create, change, rotate and delete a merchant's webhook subscriptions. Every call is scoped by merchant account. */
export class ManageWebhookSubscriptions {
  constructor(private readonly deps: MerchantWebhookDependencies) {}

  /** `events` absent or null: every published event. */
  async create(
    merchantAccountId: string,
    input: { url: string; active: boolean; events?: readonly string[] | null | undefined },
  ): Promise<WebhookSubscription> {
    const eventTypes = parseEventTypes(input.events ?? null);
    const url = await this.allowedUrl(input.url);
    const now = this.deps.clock.now();
    const subscription: WebhookSubscription = {
      id: this.deps.ids.uuid(),
      merchantAccountId,
      url,
      active: input.active,
      eventTypes,
      secret: newWebhookSecret(),
      previousSecret: null,
      previousSecretExpiresAt: null,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await this.deps.subscriptions.add(subscription, MAX_SUBSCRIPTIONS_PER_MERCHANT)))
      throw new TooManyWebhookSubscriptionsError(
        `a merchant account may have at most ${MAX_SUBSCRIPTIONS_PER_MERCHANT} webhook subscriptions; delete one first`,
        '',
      );
    return subscription;
  }

  async get(merchantAccountId: string, id: string): Promise<WebhookSubscription> {
    const subscription = await this.deps.subscriptions.get(merchantAccountId, id);
    if (!subscription) throw new WebhookSubscriptionNotFoundError(`webhook subscription ${id} was not found`);
    return subscription;
  }

  list(merchantAccountId: string, query: SubscriptionListQuery): Promise<Page<WebhookSubscription>> {
    return this.deps.subscriptions.list(merchantAccountId, query);
  }

  /**
   * Re-activating resumes the subscription's waiting deliveries at once instead of at the next janitor run. A new
   * choice of events applies to events from now on; deliveries already made are sent as they are.
   */
  async update(
    merchantAccountId: string,
    id: string,
    input: { url?: string | undefined; active?: boolean | undefined; events?: readonly string[] | null | undefined },
  ): Promise<WebhookSubscription> {
    const current = await this.get(merchantAccountId, id);
    const changed: WebhookSubscription = {
      ...current,
      url: input.url === undefined ? current.url : await this.allowedUrl(input.url),
      active: input.active ?? current.active,
      eventTypes: input.events === undefined ? current.eventTypes : parseEventTypes(input.events),
      updatedAt: this.deps.clock.now(),
    };
    await this.store(changed);
    if (changed.active && !current.active) await scheduleDueLanes(this.deps);
    return changed;
  }

  async rotateSecret(merchantAccountId: string, id: string): Promise<WebhookSubscription> {
    const current = await this.get(merchantAccountId, id);
    const rotated = rotateSecret(current, newWebhookSecret(), this.deps.clock.now(), this.deps.rotationGraceMs);
    await this.store(rotated);
    return rotated;
  }

  async remove(merchantAccountId: string, id: string): Promise<void> {
    if (!(await this.deps.subscriptions.remove(merchantAccountId, id)))
      throw new WebhookSubscriptionNotFoundError(`webhook subscription ${id} was not found`);
    await this.deps.deliveries.abandon(id, this.deps.clock.now());
  }

  private async store(subscription: WebhookSubscription): Promise<void> {
    if (!(await this.deps.subscriptions.update(subscription)))
      throw new WebhookSubscriptionNotFoundError(`webhook subscription ${subscription.id} was not found`);
  }

  private async allowedUrl(raw: string): Promise<string> {
    const url = parseWebhookUrl(raw);
    await this.deps.targetPolicy.assertAllowed(url);
    return url.toString();
  }
}
