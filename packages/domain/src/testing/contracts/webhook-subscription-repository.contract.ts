import { randomUUID } from 'node:crypto';
import type { WebhookSubscription } from '../../merchant-webhooks/webhook-subscription';
import type { WebhookSubscriptionRepository } from '../../merchant-webhooks/webhook-subscription-repository';

export interface WebhookSubscriptionRepositoryHarness {
  repository: WebhookSubscriptionRepository;
  close?: () => Promise<void>;
}

export function newSubscription(overrides: Partial<WebhookSubscription> = {}): WebhookSubscription {
  const now = new Date('2026-03-01T10:00:00.000Z');
  return {
    id: randomUUID(),
    merchantAccountId: `m-${Math.random().toString(36).slice(2, 10)}`,
    url: 'https://shop.example.jp/hooks/kessai',
    active: true,
    eventTypes: null,
    secret: `whsec_${randomUUID()}`,
    previousSecret: null,
    previousSecretExpiresAt: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export function describeWebhookSubscriptionRepositoryContract(
  name: string,
  makeHarness: () => Promise<WebhookSubscriptionRepositoryHarness>,
): void {
  describe(`${name} (WebhookSubscriptionRepository contract)`, () => {
    let harness: WebhookSubscriptionRepositoryHarness;
    beforeEach(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => {
      await harness.close?.();
    });

    it('stores a subscription with its secrets, visible to its merchant account only', async () => {
      const subscription = newSubscription({
        previousSecret: 'whsec_old',
        previousSecretExpiresAt: new Date('2026-03-02T10:00:00.000Z'),
      });
      await harness.repository.add(subscription);
      expect(await harness.repository.get(subscription.merchantAccountId, subscription.id)).toEqual(subscription);
      expect(await harness.repository.get('someone-else', subscription.id)).toBeUndefined();
    });

    it('updates url, active, chosen event types and secrets; an unknown or foreign one is not updated', async () => {
      const subscription = newSubscription();
      await harness.repository.add(subscription);
      const changed = {
        ...subscription,
        url: 'https://shop.example.jp/v2/hooks',
        active: false,
        eventTypes: ['transaction.captured', 'refund.succeeded'],
        secret: 'whsec_new',
        previousSecret: subscription.secret,
        previousSecretExpiresAt: new Date('2026-03-02T10:00:00.000Z'),
        updatedAt: new Date('2026-03-01T11:00:00.000Z'),
      };
      expect(await harness.repository.update(changed)).toBe(true);
      expect(await harness.repository.get(subscription.merchantAccountId, subscription.id)).toEqual(changed);
      expect(await harness.repository.update({ ...changed, merchantAccountId: 'someone-else' })).toBe(false);
      expect(await harness.repository.update(newSubscription())).toBe(false);
    });

    it('refuses an add past the limit (removed ones free their place); racing adds never pass it', async () => {
      const merchantAccountId = `m-${Math.random().toString(36).slice(2, 10)}`;
      const first = newSubscription({ merchantAccountId });
      expect(await harness.repository.add(first, 3)).toBe(true);
      const racing = await Promise.all(
        Array.from({ length: 8 }, () => harness.repository.add(newSubscription({ merchantAccountId }), 3)),
      );
      expect(racing.filter(Boolean)).toHaveLength(2);
      expect(await harness.repository.add(newSubscription({ merchantAccountId }), 3)).toBe(false);
      expect(await harness.repository.add(newSubscription(), 3)).toBe(true);
      await harness.repository.remove(merchantAccountId, first.id);
      expect(await harness.repository.add(newSubscription({ merchantAccountId }), 3)).toBe(true);
      expect((await harness.repository.list(merchantAccountId, { limit: 10 })).items).toHaveLength(3);
    });

    it('lists only active subscriptions as recipients, and forgets removed ones', async () => {
      const merchantAccountId = `m-${Math.random().toString(36).slice(2, 10)}`;
      const on = newSubscription({ merchantAccountId });
      const off = newSubscription({ merchantAccountId, active: false });
      const gone = newSubscription({ merchantAccountId });
      for (const s of [on, off, gone]) await harness.repository.add(s);
      expect(await harness.repository.remove('someone-else', gone.id)).toBe(false);
      expect(await harness.repository.remove(merchantAccountId, gone.id)).toBe(true);
      expect(await harness.repository.remove(merchantAccountId, gone.id)).toBe(false);
      expect(await harness.repository.get(merchantAccountId, gone.id)).toBeUndefined();
      expect(await harness.repository.update({ ...gone, active: false })).toBe(false);
      expect((await harness.repository.activeFor(merchantAccountId)).map((s) => s.id)).toEqual([on.id]);
    });

    it('pages newest-updated first with opaque cursors both ways', async () => {
      const merchantAccountId = `m-${Math.random().toString(36).slice(2, 10)}`;
      const made = [0, 1, 2].map((i) =>
        newSubscription({ merchantAccountId, updatedAt: new Date(Date.UTC(2026, 2, 1, 10, i)) }),
      );
      for (const s of made) await harness.repository.add(s);
      const first = await harness.repository.list(merchantAccountId, { limit: 2 });
      expect(first.items.map((s) => s.id)).toEqual([made[2]?.id, made[1]?.id]);
      expect(first.previousCursor).toBeNull();
      const second = await harness.repository.list(merchantAccountId, {
        limit: 2,
        cursor: first.nextCursor ?? undefined,
      });
      expect(second.items.map((s) => s.id)).toEqual([made[0]?.id]);
      expect(second.nextCursor).toBeNull();
      const back = await harness.repository.list(merchantAccountId, {
        limit: 2,
        cursor: second.previousCursor ?? undefined,
      });
      expect(back.items.map((s) => s.id)).toEqual([made[2]?.id, made[1]?.id]);
    });
  });
}
