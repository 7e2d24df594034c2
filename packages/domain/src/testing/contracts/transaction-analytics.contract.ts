import { randomUUID } from 'node:crypto';
import { SMARTPAY_CAPABILITIES } from '../../connectors/capability-profile';
import type { MerchantWebhookDelivery } from '../../merchant-webhooks/webhook-delivery';
import type { WebhookDeliveryRepository } from '../../merchant-webhooks/webhook-delivery-repository';
import type { WebhookSubscriptionRepository } from '../../merchant-webhooks/webhook-subscription-repository';
import { ManualClock } from '../../shared/system-clock';
import { type AttentionKind, attentionTimes } from '../../transactions/analytics/attention';
import { ReadOverview } from '../../transactions/analytics/read-overview';
import type { TransactionAnalytics } from '../../transactions/ports/transaction-analytics';
import type { TransactionRepository } from '../../transactions/ports/transaction-repository';
import type { Transaction } from '../../transactions/transaction';
import { capturesOf, refundsOf } from '../../transactions/transaction-state';
import { authorizedTransaction, pendingApprovalTransaction, providerSnapshot } from '../fixtures';
import { newSubscription } from './webhook-subscription-repository.contract';

export interface TransactionAnalyticsHarness {
  analytics: TransactionAnalytics;
  transactions: TransactionRepository;
  subscriptions: WebhookSubscriptionRepository;
  deliveries: WebhookDeliveryRepository;
  close?: () => Promise<void>;
}

// 12:00 in Tokyo on 10 March; that day began at 2026-03-09T15:00Z.
const NOW = new Date('2026-03-10T03:00:00.000Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

export function describeTransactionAnalyticsContract(
  name: string,
  makeHarness: () => Promise<TransactionAnalyticsHarness>,
): void {
  describe(`${name} (TransactionAnalytics contract)`, () => {
    let harness: TransactionAnalyticsHarness;
    let merchant: string;
    beforeEach(async () => {
      harness = await makeHarness();
      merchant = `m-${Math.random().toString(36).slice(2, 10)}`;
    });
    afterEach(async () => {
      await harness.close?.();
    });

    const pending = async (at: Date) => {
      const tx = pendingApprovalTransaction(at, { merchantAccountId: merchant });
      await harness.transactions.add(tx);
      return tx;
    };
    const authorized = async (at: Date, merchantAccountId = merchant) => {
      const tx = authorizedTransaction(at, { merchantAccountId });
      await harness.transactions.add(tx);
      return tx;
    };
    const change = (tx: Transaction, act: (t: Transaction) => void) =>
      harness.transactions.update(merchant, tx.id, act).then((r) => r.transaction);
    const capture = (tx: Transaction, amount: number, at: Date) =>
      change(tx, (t) => {
        t.reserveCapture({ captureId: randomUUID(), amount, final: amount === 10_000 }, SMARTPAY_CAPABILITIES, at);
        const id = capturesOf(t.state).at(-1)?.id ?? '';
        t.recordCaptureOutcome(id, { kind: 'succeeded', value: { providerCaptureId: `p-${id}` } }, at);
      });
    const refund = (tx: Transaction, amount: number, at: Date) =>
      change(tx, (t) => {
        t.reserveRefund({ refundId: randomUUID(), amount }, SMARTPAY_CAPABILITIES, at);
        const id = refundsOf(t.state).at(-1)?.id ?? '';
        t.recordRefundOutcome(id, { kind: 'succeeded', value: { providerRefundIds: [`r-${id}`] } }, at);
      });
    const overview = (timeZone = 'Asia/Tokyo') =>
      new ReadOverview(harness.analytics, new ManualClock(NOW)).run(merchant, timeZone);

    it('counts each transaction created in the last 30 Tokyo days once, in the money state its row says', async () => {
      await pending(minutes(-20));
      await authorized(minutes(-120));
      await capture(await authorized(minutes(-110)), 10_000, minutes(-100));
      await capture(await authorized(minutes(-100)), 6_000, minutes(-90));
      await refund(await capture(await authorized(minutes(-90)), 10_000, minutes(-80)), 2_500, minutes(-70));
      await refund(await capture(await authorized(minutes(-80)), 10_000, minutes(-70)), 10_000, minutes(-60));
      await change(await pending(minutes(-60)), (t) => t.cancel(minutes(-50)));
      const voiding = await change(await authorized(minutes(-50)), (t) =>
        t.reserveVoid(SMARTPAY_CAPABILITIES, minutes(-45)),
      );
      await change(voiding, (t) => t.recordVoidOutcome({ kind: 'succeeded', value: undefined }, minutes(-44)));
      await change(await pending(minutes(-180)), (t) => t.expireApproval(minutes(-140)));
      await authorized(new Date(NOW.getTime() - 40 * 86_400_000));
      await authorized(minutes(-60), `${merchant}-other`);

      const figures = await overview();
      expect(figures.moneyStates).toEqual({
        pending: 1,
        uncaptured: 1,
        partially_captured: 1,
        captured: 1,
        partially_refunded: 1,
        refunded: 1,
        voided: 1,
        cancelled: 1,
        failed: 1,
      });
    });

    it('sums each Tokyo day apart, from its midnight in Tokyo, and keeps 30 days ending today', async () => {
      await capture(await authorized(new Date('2026-03-09T15:00:00.000Z')), 6_000, minutes(-30));
      await pending(new Date('2026-03-09T14:59:59.000Z'));
      await authorized(new Date('2026-03-09T14:59:00.000Z'));
      await authorized(new Date('2026-02-08T15:00:00.000Z'));
      await authorized(new Date('2026-02-08T14:59:59.000Z'));

      const figures = await overview();
      expect(figures.timeZone).toBe('Asia/Tokyo');
      expect(figures.days).toHaveLength(30);
      expect(figures.days[0]).toEqual({
        day: '2026-02-09',
        created: 1,
        approved: 1,
        authorizedAmount: 10_000,
        capturedAmount: 0,
        refundedAmount: 0,
      });
      expect(figures.days.at(-2)).toEqual({
        day: '2026-03-09',
        created: 2,
        approved: 1,
        authorizedAmount: 10_000,
        capturedAmount: 0,
        refundedAmount: 0,
      });
      expect(figures.days.at(-1)).toEqual({
        day: '2026-03-10',
        created: 1,
        approved: 1,
        authorizedAmount: 10_000,
        capturedAmount: 6_000,
        refundedAmount: 0,
      });
      expect(figures.today).toEqual({ ...figures.days.at(-1), day: undefined, conversion: 1 });
      expect(figures.period).toEqual({
        created: 4,
        approved: 3,
        authorizedAmount: 30_000,
        capturedAmount: 6_000,
        refundedAmount: 0,
        conversion: 0.75,
      });
    });

    it('ends a day at midnight in a time zone half an hour off the hour, to the minute', async () => {
      await authorized(new Date('2026-03-09T18:29:00.000Z'));
      await authorized(new Date('2026-03-09T18:30:00.000Z'));
      await authorized(new Date('2026-03-09T18:44:00.000Z'));

      const days = (await overview('Asia/Kolkata')).days.slice(-2);
      expect(days.map((d) => [d.day, d.created])).toEqual([
        ['2026-03-09', 1],
        ['2026-03-10', 2],
      ]);
    });

    it('ends a day at midnight in a time zone three quarters off the hour, and keeps later changes on the day of creation', async () => {
      // Kathmandu is UTC+5:45: 10 March begins there at 2026-03-09T18:15Z.
      const before = await authorized(new Date('2026-03-09T18:14:59.000Z'));
      const after = await authorized(new Date('2026-03-09T18:15:00.000Z'));
      await refund(await capture(before, 10_000, minutes(-20)), 4_000, minutes(-10));
      await capture(after, 3_000, minutes(-5));

      const days = (await overview('Asia/Kathmandu')).days.slice(-2);
      expect(days.map((d) => [d.day, d.created, d.capturedAmount, d.refundedAmount])).toEqual([
        ['2026-03-09', 1, 10_000, 4_000],
        ['2026-03-10', 1, 3_000, 0],
      ]);
      expect((await overview('Asia/Kathmandu')).moneyStates).toMatchObject({
        partially_refunded: 1,
        partially_captured: 1,
        uncaptured: 0,
        captured: 0,
      });
    });

    it('says what needs attention now: unknown outcomes, partly made refunds, approvals about to expire, failed deliveries', async () => {
      const expiring = await pending(minutes(-20));
      await pending(minutes(-10));
      const unknownCapture = await change(await authorized(minutes(-10)), (t) =>
        t.reserveCapture({ captureId: randomUUID(), amount: 3_000 }, SMARTPAY_CAPABILITIES, minutes(-5)),
      );
      await change(await authorized(minutes(-10)), (t) =>
        t.reserveCapture({ captureId: randomUUID(), amount: 3_000 }, SMARTPAY_CAPABILITIES, NOW),
      );
      const unknownVoid = await change(await authorized(minutes(-10)), (t) =>
        t.reserveVoid(SMARTPAY_CAPABILITIES, minutes(-2)),
      );
      const captured = await capture(await authorized(minutes(-30)), 10_000, minutes(-29));
      const asked = await change(captured, (t) =>
        t.reserveRefund({ refundId: randomUUID(), amount: 8_000 }, SMARTPAY_CAPABILITIES, minutes(-28)),
      );
      const refundId = refundsOf(asked.state)[0]?.id ?? '';
      const orderId = asked.summary().providerOrderId ?? '';
      const part = {
        providerPaymentId: 'pay-1',
        reference: refundId,
        status: 'succeeded' as const,
        createdAt: minutes(-27),
      };
      await change(asked, (t) =>
        t.applyProviderSnapshot(
          providerSnapshot({
            providerOrderId: orderId,
            status: 'completed',
            refunds: [{ ...part, providerRefundId: 'rf-1', amount: 5_000 }],
          }),
          minutes(-20),
        ),
      );
      const listed = async (kind: AttentionKind) =>
        (await harness.transactions.list(merchant, { limit: 100, attention: { ...attentionTimes(NOW), kind } })).items
          .map((tx) => tx.id)
          .sort();
      expect(await listed('unknown_outcome')).toEqual([unknownCapture.id, unknownVoid.id].sort());
      expect(await listed('partly_made_refund')).toEqual([asked.id]);
      expect(await listed('expiring_approval')).toEqual([expiring.id]);
      const subscription = newSubscription({ merchantAccountId: merchant });
      await harness.subscriptions.add(subscription);
      const delivery = (status: MerchantWebhookDelivery['status'], position: number): MerchantWebhookDelivery => ({
        id: randomUUID(),
        subscriptionId: subscription.id,
        merchantAccountId: merchant,
        eventId: randomUUID(),
        eventName: 'transaction.captured',
        transactionId: randomUUID(),
        position,
        body: '{}',
        status,
        attempts: [],
        nextAttemptAt: null,
        giveUpAt: minutes(60),
        createdAt: minutes(-60),
        deliveredAt: null,
      });
      await harness.deliveries.record([delivery('failed', 1), delivery('failed', 2), delivery('succeeded', 3)]);

      expect((await overview()).attention).toEqual({
        unknownOutcomes: 2,
        partlyMadeRefunds: 1,
        expiringApprovals: 1,
        failedWebhookDeliveries: 2,
      });
    });
  });
}
