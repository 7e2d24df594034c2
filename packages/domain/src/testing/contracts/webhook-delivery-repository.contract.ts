import { randomUUID } from 'node:crypto';
import type { DeliveryAttempt, MerchantWebhookDelivery } from '../../merchant-webhooks/webhook-delivery';
import type { WebhookDeliveryRepository } from '../../merchant-webhooks/webhook-delivery-repository';
import type { WebhookSubscription } from '../../merchant-webhooks/webhook-subscription';
import type { WebhookSubscriptionRepository } from '../../merchant-webhooks/webhook-subscription-repository';
import { newSubscription } from './webhook-subscription-repository.contract';

export interface WebhookDeliveryRepositoryHarness {
  deliveries: WebhookDeliveryRepository;
  /** Deliveries belong to subscriptions; due lanes exist only for active ones. */
  subscriptions: WebhookSubscriptionRepository;
  close?: () => Promise<void>;
}

const T0 = new Date('2026-03-01T10:00:00.000Z');
/** An attempt as the sender records it: the headers sent (signature, not secret) and the start of the answer. */
const failedAttempt: DeliveryAttempt = {
  number: 1,
  attemptedAt: T0,
  durationMs: 12,
  responseStatus: 500,
  error: 'answered 500',
  requestHeaders: { 'content-type': 'application/json', 'x-gr4vy-webhook-signatures': 'abc123' },
  responseExcerpt: '{"error":"database is down","trace":"日本語も"}',
};
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

export function describeWebhookDeliveryRepositoryContract(
  name: string,
  makeHarness: () => Promise<WebhookDeliveryRepositoryHarness>,
): void {
  describe(`${name} (WebhookDeliveryRepository contract)`, () => {
    let harness: WebhookDeliveryRepositoryHarness;
    let subscription: WebhookSubscription;
    const transactionId = randomUUID();
    const lane = () => ({
      merchantAccountId: subscription.merchantAccountId,
      subscriptionId: subscription.id,
      transactionId,
    });
    const delivery = (position: number, overrides: Partial<MerchantWebhookDelivery> = {}): MerchantWebhookDelivery => ({
      id: randomUUID(),
      subscriptionId: subscription.id,
      merchantAccountId: subscription.merchantAccountId,
      eventId: randomUUID(),
      eventName: 'transaction.captured',
      transactionId,
      position,
      body: JSON.stringify({ type: 'event', position }),
      status: 'pending',
      attempts: [],
      nextAttemptAt: T0,
      giveUpAt: at(7 * 24 * 3600),
      createdAt: at(position),
      deliveredAt: null,
      ...overrides,
    });

    beforeEach(async () => {
      harness = await makeHarness();
      subscription = newSubscription();
      await harness.subscriptions.add(subscription);
    });
    afterEach(async () => {
      await harness.close?.();
    });

    it('records a delivery once per subscription and event, and reads it back', async () => {
      const first = delivery(1);
      await harness.deliveries.record([first]);
      await harness.deliveries.record([first, { ...first, id: randomUUID(), body: 'other' }]);
      expect(await harness.deliveries.get(subscription.merchantAccountId, subscription.id, first.id)).toEqual(first);
      expect(await harness.deliveries.get('someone-else', subscription.id, first.id)).toBeUndefined();
      const page = await harness.deliveries.list(subscription.merchantAccountId, subscription.id, { limit: 10 });
      expect(page.items.map((d) => d.id)).toEqual([first.id]);
    });

    it('offers only the lane head, leased to one sender at a time, in position order', async () => {
      const [a, b] = [delivery(1), delivery(2)];
      await harness.deliveries.record([b as MerchantWebhookDelivery, a as MerchantWebhookDelivery]);
      const claims = await Promise.all([1, 2, 3].map(() => harness.deliveries.claimHead(lane(), T0, 30_000)));
      const ready = claims.filter((c) => c.kind === 'ready');
      expect(ready).toHaveLength(1);
      expect(ready[0]?.kind === 'ready' && ready[0].delivery.id).toBe(a?.id);
      expect(claims.filter((c) => c.kind === 'busy')).toEqual([
        { kind: 'busy', leaseUntil: at(30) },
        { kind: 'busy', leaseUntil: at(30) },
      ]);

      await harness.deliveries.recordAttempt(a.id, failedAttempt, {
        status: 'pending',
        nextAttemptAt: at(5),
        deliveredAt: null,
      });
      expect(await harness.deliveries.claimHead(lane(), at(1), 30_000)).toEqual({ kind: 'wait', until: at(5) });
      const retried = await harness.deliveries.claimHead(lane(), at(5), 30_000);
      expect(retried.kind === 'ready' && retried.delivery.attempts).toEqual([failedAttempt]);
      await harness.deliveries.recordAttempt(
        a.id,
        {
          number: 2,
          attemptedAt: at(5),
          durationMs: 3,
          responseStatus: 204,
          error: null,
          requestHeaders: null,
          responseExcerpt: null,
        },
        { status: 'succeeded', nextAttemptAt: null, deliveredAt: at(5) },
      );
      const next = await harness.deliveries.claimHead(lane(), at(6), 30_000);
      expect(next.kind === 'ready' && next.delivery.id).toBe(b.id);
      const done = await harness.deliveries.get(subscription.merchantAccountId, subscription.id, a.id);
      expect(done).toMatchObject({ status: 'succeeded', deliveredAt: at(5), nextAttemptAt: null });
      expect(done?.attempts.map((x) => x.responseStatus)).toEqual([500, 204]);
    });

    it('keeps each attempt’s request headers and response excerpt as recorded', async () => {
      const a = delivery(1);
      await harness.deliveries.record([a]);
      await harness.deliveries.claimHead(lane(), T0, 30_000);
      await harness.deliveries.recordAttempt(a.id, failedAttempt, {
        status: 'pending',
        nextAttemptAt: at(5),
        deliveredAt: null,
      });
      const stored = await harness.deliveries.get(subscription.merchantAccountId, subscription.id, a.id);
      expect(stored?.attempts).toEqual([failedAttempt]);
    });

    it('requeues a sent delivery by hand, which makes it the head again', async () => {
      const [a, b] = [delivery(1), delivery(2)];
      await harness.deliveries.record([a, b]);
      await harness.deliveries.claimHead(lane(), T0, 30_000);
      await harness.deliveries.recordAttempt(
        a.id,
        {
          number: 1,
          attemptedAt: T0,
          durationMs: 3,
          responseStatus: 200,
          error: null,
          requestHeaders: null,
          responseExcerpt: null,
        },
        { status: 'succeeded', nextAttemptAt: null, deliveredAt: T0 },
      );
      const requeued = await harness.deliveries.requeue(
        subscription.merchantAccountId,
        subscription.id,
        a.id,
        at(60),
        at(999),
      );
      expect(requeued).toMatchObject({ id: a.id, status: 'pending', nextAttemptAt: at(60), giveUpAt: at(999) });
      expect(await harness.deliveries.requeue('someone-else', subscription.id, a.id, at(60), at(999))).toBeUndefined();
      const head = await harness.deliveries.claimHead(lane(), at(60), 30_000);
      expect(head.kind === 'ready' && head.delivery.id).toBe(a.id);
    });

    it('finds due lanes of active subscriptions, and abandons a deleted subscription’s deliveries', async () => {
      const due = delivery(1);
      await harness.deliveries.record([due]);
      const lanes = await harness.deliveries.dueLanes(at(1), 1000);
      expect(lanes).toContainEqual(lane());
      await harness.deliveries.claimHead(lane(), at(1), 30_000);
      expect(await harness.deliveries.dueLanes(at(2), 1000)).not.toContainEqual(lane());
      expect(await harness.deliveries.dueLanes(at(31), 1000)).toContainEqual(lane());
      await harness.subscriptions.update({ ...subscription, active: false });
      expect(await harness.deliveries.dueLanes(at(31), 1000)).not.toContainEqual(lane());

      expect(await harness.deliveries.abandon(subscription.id, at(40))).toBe(1);
      expect(await harness.deliveries.get(subscription.merchantAccountId, subscription.id, due.id)).toMatchObject({
        status: 'failed',
        nextAttemptAt: null,
      });
      expect(await harness.deliveries.claimHead(lane(), at(41), 30_000)).toEqual({ kind: 'idle' });
    });

    it('lists newest first, filters by status, and pages', async () => {
      const made = [1, 2, 3].map((i) => delivery(i));
      await harness.deliveries.record(made);
      await harness.deliveries.claimHead(lane(), T0, 30_000);
      await harness.deliveries.recordAttempt(
        made[0]?.id ?? '',
        {
          number: 1,
          attemptedAt: T0,
          durationMs: 3,
          responseStatus: 200,
          error: null,
          requestHeaders: null,
          responseExcerpt: null,
        },
        { status: 'succeeded', nextAttemptAt: null, deliveredAt: T0 },
      );
      const { merchantAccountId, id } = subscription;
      const first = await harness.deliveries.list(merchantAccountId, id, { limit: 2 });
      expect(first.items.map((d) => d.position)).toEqual([3, 2]);
      const second = await harness.deliveries.list(merchantAccountId, id, {
        limit: 2,
        cursor: first.nextCursor ?? undefined,
      });
      expect(second.items.map((d) => d.position)).toEqual([1]);
      const succeeded = await harness.deliveries.list(merchantAccountId, id, { limit: 10, status: 'succeeded' });
      expect(succeeded.items.map((d) => d.position)).toEqual([1]);
    });

    it('prunes finished deliveries older than a cutoff and keeps pending ones', async () => {
      const [done, waiting, recent] = [delivery(1), delivery(2), delivery(3, { createdAt: at(10 * 24 * 3600) })];
      await harness.deliveries.record([done, waiting, recent]);
      await harness.deliveries.claimHead(lane(), T0, 30_000);
      await harness.deliveries.recordAttempt(
        done.id,
        {
          number: 1,
          attemptedAt: T0,
          durationMs: 3,
          responseStatus: 200,
          error: null,
          requestHeaders: null,
          responseExcerpt: null,
        },
        { status: 'succeeded', nextAttemptAt: null, deliveredAt: T0 },
      );
      await harness.deliveries.abandon(subscription.id, at(9 * 24 * 3600));
      const { merchantAccountId, id } = subscription;
      // `waiting` was abandoned (failed) too: both old finished ones go, the recent one stays. (Other tests'
      // deliveries may share the store, so the count is at least ours.)
      expect(await harness.deliveries.prune(at(5 * 24 * 3600), 1000)).toBeGreaterThanOrEqual(2);
      const left = await harness.deliveries.list(merchantAccountId, id, { limit: 10 });
      expect(left.items.map((d) => d.id)).toEqual([recent.id]);
    });
  });
}
