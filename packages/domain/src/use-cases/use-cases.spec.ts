import { randomUUID } from 'node:crypto';
import { RandomIdGenerator } from '../adapters/random-id-generator';
import { ManualClock } from '../adapters/system-clock';
import { SMARTPAY_CAPABILITIES } from '../connector/capability-profile';
import { WebhookVerificationError } from '../connector/payment-connector';
import { PaymentServiceNotFoundError } from '../errors';
import { FakePaymentConnector, type ScriptedStep } from '../testing/fake-payment-connector';
import { authorizedTransaction, newTransactionInput, smartpayService } from '../testing/fixtures';
import {
  InMemoryJobScheduler,
  InMemoryOutbox,
  InMemoryPaymentServiceRepository,
  InMemoryTransactionRepository,
  InMemoryWebhookInbox,
} from '../testing/in-memory';
import { REFUND_REST_AFTER_MS } from '../transaction/timing-policy';
import { refundedAmount } from '../transaction/totals';
import { CancelTransaction } from './cancel-transaction';
import { CaptureTransaction } from './capture-transaction';
import { ConnectorRegistry } from './connector-registry';
import { CreateTransaction } from './create-transaction';
import { ExpireStaleApprovals } from './expire-stale-approvals';
import type { PaymentDependencies } from './payment-dependencies';
import { ProcessConnectorWebhook } from './process-connector-webhook';
import { ReceiveConnectorWebhook } from './receive-connector-webhook';
import { RefundTransaction } from './refund-transaction';
import { ResolveUnknownOutcomes } from './resolve-unknown-outcomes';
import { SyncTransaction } from './sync-transaction';
import { VoidTransaction } from './void-transaction';

async function setup() {
  const connector = new FakePaymentConnector();
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
  const jobs = new InMemoryJobScheduler();
  const outbox = new InMemoryOutbox();
  const service = smartpayService();
  const deps: PaymentDependencies = {
    transactions: new InMemoryTransactionRepository(outbox),
    paymentServices: new InMemoryPaymentServiceRepository(),
    connectors: new ConnectorRegistry([connector]),
    inbox: new InMemoryWebhookInbox(),
    clock,
    ids: new RandomIdGenerator(),
    jobs,
  };
  await deps.paymentServices.add(service);
  const { id: _id, paymentServiceId: _ps, ...input } = newTransactionInput();
  const create = (overrides: Partial<typeof input> = {}) =>
    new CreateTransaction(deps).execute({ ...input, ...overrides });
  const webhook = async (eventId: string, orderId: string) => {
    const received = await new ReceiveConnectorWebhook(deps).execute(service.id, {
      headers: { 'x-fake-signature': 'valid' },
      rawBody: JSON.stringify({ eventId, type: 'order.authorized', orderId }),
    });
    if (received.recorded) await new ProcessConnectorWebhook(deps).execute(received.inboxId);
    return received;
  };
  const authorized = async (amount = 10_000) => {
    const tx = await create({ amount });
    connector.approve(tx.providerTransactionId ?? '');
    await webhook(`evt_${tx.id}`, tx.providerTransactionId ?? '');
    return tx;
  };
  const ids = { merchantAccountId: 'default' };
  return { deps, connector, clock, jobs, outbox, service, create, webhook, authorized, ids };
}

const providerTotals = (connector: FakePaymentConnector, orderId: string) => {
  const order = connector.order(orderId);
  return {
    captured: order.payments.reduce((s, p) => s + p.amount, 0),
    refunded: order.refunds.reduce((s, r) => s + r.amount, 0),
  };
};

describe('use cases with in-memory adapters and the scripted fake connector', () => {
  it('creates a transaction waiting for the buyer and schedules its expiry', async () => {
    const { create, jobs } = await setup();
    const tx = await create();
    expect(tx).toMatchObject({ status: 'buyer_approval_pending', approvalUrl: expect.stringMatching(/^https:/) });
    expect(jobs.jobs).toContainEqual(expect.objectContaining({ name: 'expire-approval', runAt: tx.approvalExpiresAt }));
  });

  it('keeps a transaction processing when the provider answer to create is unknown, and declines on a decline', async () => {
    const { create, connector } = await setup();
    connector.next('createApproval', 'unknown', 'decline');
    expect((await create()).status).toBe('processing');
    expect((await create()).status).toBe('authorization_declined');
  });

  it('runs the whole lifecycle: approve → webhook → partial capture → final capture → refunds, matching the provider', async () => {
    const { deps, connector, authorized, ids } = await setup();
    const tx = await authorized();
    const orderId = tx.providerTransactionId ?? '';
    expect((await new SyncTransaction(deps).execute({ ...ids, transactionId: tx.id })).transaction.status).toBe(
      'authorization_succeeded',
    );
    const capture = new CaptureTransaction(deps);
    const first = await capture.execute({ ...ids, transactionId: tx.id, amount: 3000, final: false });
    expect(first.capture.status).toBe('succeeded');
    const second = await capture.execute({ ...ids, transactionId: tx.id, amount: 5000, final: true });
    expect(second.transaction).toMatchObject({ status: 'capture_succeeded', captureClosed: true });
    const refund = new RefundTransaction(deps);
    await refund.execute({ ...ids, transactionId: tx.id, amount: 2000, reason: 'requested_by_customer' });
    const rest = await refund.execute({ ...ids, transactionId: tx.id });
    expect(rest.refund.amount).toBe(6000);
    expect(providerTotals(connector, orderId)).toEqual({ captured: 8000, refunded: 8000 });
  });

  it('resolves an accepted-but-unanswered capture by sync, with exactly one payment at the provider', async () => {
    const { deps, connector, authorized, ids, jobs } = await setup();
    const tx = await authorized();
    connector.next('capture', 'unknown-after-applying');
    const result = await new CaptureTransaction(deps).execute({ ...ids, transactionId: tx.id, amount: 4000 });
    expect(result.capture.status).toBe('pending');
    expect(result.transaction.status).toBe('capture_pending');
    expect(jobs.jobs).toContainEqual(expect.objectContaining({ name: 'sync-transaction' }));
    const synced = await new SyncTransaction(deps).execute({ ...ids, transactionId: tx.id });
    expect(synced.transaction.captures).toEqual([expect.objectContaining({ status: 'succeeded', amount: 4000 })]);
    expect(connector.order(tx.providerTransactionId ?? '').payments).toHaveLength(1);
    expect(connector.calls.filter((c) => c.operation === 'capture')).toHaveLength(1);
  });

  it('fails a capture the provider never received, after the grace period, and lets the merchant capture again', async () => {
    const { deps, connector, authorized, ids, clock } = await setup();
    const tx = await authorized();
    connector.next('capture', 'unknown');
    await new CaptureTransaction(deps).execute({ ...ids, transactionId: tx.id, amount: 10_000 });
    clock.advance(5 * 60_000);
    const resolved = await new ResolveUnknownOutcomes(deps).execute(60_000);
    expect(resolved[0]?.captures[0]).toMatchObject({ status: 'failed', errorCode: 'not_found_at_provider' });
    const retry = await new CaptureTransaction(deps).execute({ ...ids, transactionId: tx.id });
    expect(retry.capture).toMatchObject({ status: 'succeeded', amount: 10_000 });
    expect(providerTotals(connector, tx.providerTransactionId ?? '').captured).toBe(10_000);
  });

  describe('a refund the provider reports partly made (a split cut short)', () => {
    async function partlyRefunded(rest: ScriptedStep[] = []) {
      const context = await setup();
      const { deps, connector, authorized, ids } = context;
      const tx = await authorized();
      await new CaptureTransaction(deps).execute({ ...ids, transactionId: tx.id, amount: 10_000 });
      connector.next('refund', { partlyMade: 2_000 }, ...rest);
      const { refund } = await new RefundTransaction(deps).execute({ ...ids, transactionId: tx.id, amount: 6_000 });
      expect(refund.status).toBe('processing');
      const sync = () => new SyncTransaction(deps).execute({ ...ids, transactionId: tx.id, source: 'janitor' });
      const refundCalls = () => connector.calls.filter((call) => call.operation === 'refund').length;
      return { ...context, tx, refundId: refund.id, sync, refundCalls, orderId: tx.providerTransactionId ?? '' };
    }

    it('sends the rest once, only after the last call has long ended, and ends matching the provider', async () => {
      const { clock, connector, sync, refundCalls, refundId, orderId } = await partlyRefunded();
      clock.advance(REFUND_REST_AFTER_MS - 1_000);
      const waiting = (await sync()).transaction;
      expect(waiting.refunds[0]).toMatchObject({ status: 'processing', amount: 6_000, refundedAtProvider: 2_000 });
      // What the provider already returned counts as refunded by the first sync, while the rest waits.
      expect(refundedAmount(waiting)).toBe(providerTotals(connector, orderId).refunded);
      expect(refundCalls()).toBe(1);
      clock.advance(1_000);
      const finished = (await sync()).transaction;
      expect(finished.refunds).toEqual([
        expect.objectContaining({
          id: refundId,
          status: 'succeeded',
          amount: 6_000,
          providerRefundIds: expect.any(Array),
        }),
      ]);
      expect(finished.refunds[0]?.providerRefundIds).toHaveLength(2);
      expect(refundCalls()).toBe(2);
      clock.advance(REFUND_REST_AFTER_MS * 10);
      await sync();
      expect(refundCalls()).toBe(2);
      expect(providerTotals(connector, orderId)).toEqual({ captured: 10_000, refunded: 6_000 });
    });

    it('lets one of many concurrent syncs send the rest', async () => {
      const { clock, connector, sync, refundCalls, orderId } = await partlyRefunded([{ delayMs: 20 }]);
      clock.advance(REFUND_REST_AFTER_MS);
      const results = await Promise.all(Array.from({ length: 8 }, () => sync()));
      expect(refundCalls()).toBe(2);
      expect(providerTotals(connector, orderId).refunded).toBe(6_000);
      expect(results.filter((r) => r.transaction.refunds[0]?.status === 'succeeded').length).toBeGreaterThan(0);
    });

    it('settles at what the provider refunded when it refuses the rest, and releases the rest to refund anew', async () => {
      const { deps, ids, tx, clock, connector, sync, orderId } = await partlyRefunded(['decline']);
      clock.advance(REFUND_REST_AFTER_MS);
      const settled = (await sync()).transaction;
      expect(settled.refunds[0]).toMatchObject({
        status: 'succeeded',
        amount: 2_000,
        rawResponseDescription: expect.stringContaining('refunded 2000 of the 6000 asked'),
      });
      expect(providerTotals(connector, orderId).refunded).toBe(2_000);
      const again = await new RefundTransaction(deps).execute({ ...ids, transactionId: tx.id });
      expect(again.refund).toMatchObject({ status: 'succeeded', amount: 8_000 });
      expect(providerTotals(connector, orderId)).toEqual({ captured: 10_000, refunded: 10_000 });
    });

    it('tries again, less and less often, while the rest has no known outcome', async () => {
      const { clock, sync, refundCalls } = await partlyRefunded(['unknown', 'unknown']);
      clock.advance(REFUND_REST_AFTER_MS);
      await sync();
      expect(refundCalls()).toBe(2);
      clock.advance(REFUND_REST_AFTER_MS);
      await sync();
      expect(refundCalls()).toBe(3);
      // Now 20 minutes old: the next attempt waits 20 minutes.
      clock.advance(REFUND_REST_AFTER_MS);
      expect((await sync()).transaction.refunds[0]?.status).toBe('processing');
      expect(refundCalls()).toBe(3);
      clock.advance(REFUND_REST_AFTER_MS);
      expect((await sync()).transaction.refunds[0]).toMatchObject({ status: 'succeeded', amount: 6_000 });
      expect(refundCalls()).toBe(4);
    });
  });

  it('the janitor syncs every unresolved transaction even when one of them cannot be synced', async () => {
    const { deps, connector, authorized, ids, clock } = await setup();
    const good = await authorized();
    connector.next('capture', 'unknown-after-applying');
    await new CaptureTransaction(deps).execute({ ...ids, transactionId: good.id, amount: 4000 });
    // A transaction whose connection cannot be found (written around Kessai): its sync throws.
    const orphan = authorizedTransaction(clock.now(), { paymentServiceId: '00000000-0000-4000-8000-0000000000ff' });
    orphan.reserveCapture({ captureId: randomUUID(), amount: 100, final: false }, SMARTPAY_CAPABILITIES, clock.now());
    await deps.transactions.add(orphan);
    clock.advance(5 * 60_000);
    await expect(new ResolveUnknownOutcomes(deps).execute(60_000)).rejects.toThrow('1 of 2 unresolved transactions');
    const settled = await deps.transactions.get(ids.merchantAccountId, good.id);
    expect(settled?.toData().captures).toEqual([expect.objectContaining({ status: 'succeeded', amount: 4000 })]);
  });

  it('maps a repeated Idempotency-Key to the same capture: one provider call, one payment', async () => {
    const { deps, connector, authorized, ids } = await setup();
    const tx = await authorized();
    const command = { ...ids, transactionId: tx.id, amount: 1000, final: false, idempotencyKey: 'client-key-1' };
    const a = await new CaptureTransaction(deps).execute(command);
    const b = await new CaptureTransaction(deps).execute(command);
    expect(b.capture.id).toBe(a.capture.id);
    expect(connector.calls.filter((c) => c.operation === 'capture')).toHaveLength(1);
  });

  it('never over-captures under 30 concurrent capture requests', async () => {
    const { deps, connector, authorized, ids } = await setup();
    const tx = await authorized(10_000);
    const amounts = Array.from({ length: 30 }, (_, i) => 500 + ((i * 311) % 1200));
    const results = await Promise.allSettled(
      amounts.map((amount) =>
        new CaptureTransaction(deps).execute({ ...ids, transactionId: tx.id, amount, final: false }),
      ),
    );
    const ours = (await deps.transactions.get('default', tx.id))?.capturedAmount ?? -1;
    expect(ours).toBeLessThanOrEqual(10_000);
    expect(ours).toBe(providerTotals(connector, tx.providerTransactionId ?? '').captured);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThan(0);
  });

  it('voids an authorization, and resolves an unknown void by sync', async () => {
    const { deps, connector, authorized, ids } = await setup();
    const voided = await new VoidTransaction(deps).execute({ ...ids, transactionId: (await authorized()).id });
    expect(voided.status).toBe('authorization_voided');
    const tx = await authorized();
    connector.next('void', 'unknown-after-applying');
    expect((await new VoidTransaction(deps).execute({ ...ids, transactionId: tx.id })).status).toBe(
      'authorization_void_pending',
    );
    expect((await new SyncTransaction(deps).execute({ ...ids, transactionId: tx.id })).transaction.status).toBe(
      'authorization_voided',
    );
  });

  it('releases the authorization when the buyer approves a transaction the merchant already canceled', async () => {
    const { deps, connector, create, webhook, ids } = await setup();
    const tx = await create();
    await new CancelTransaction(deps).execute({ ...ids, transactionId: tx.id });
    connector.approve(tx.providerTransactionId ?? '');
    await webhook('evt_late', tx.providerTransactionId ?? '');
    expect((await deps.transactions.get('default', tx.id))?.status).toBe('authorization_failed');
    expect(connector.order(tx.providerTransactionId ?? '').status).toBe('canceled');
  });

  it('expires approvals nobody completed, via the janitor', async () => {
    const { deps, create, clock } = await setup();
    const tx = await create();
    clock.advance(31 * 60_000);
    expect(await new ExpireStaleApprovals(deps).execute()).toEqual([tx.id]);
    expect((await deps.transactions.get('default', tx.id))?.toData()).toMatchObject({
      status: 'authorization_failed',
      errorCode: 'incomplete_buyer_approval',
    });
  });

  it('stores a webhook once, refuses a bad signature and an unknown connection', async () => {
    const { deps, authorized, webhook, service } = await setup();
    const tx = await authorized();
    expect((await webhook(`evt_${tx.id}`, tx.providerTransactionId ?? '')).recorded).toBe(false);
    const receive = new ReceiveConnectorWebhook(deps);
    await expect(receive.execute(service.id, { headers: {}, rawBody: '{}' })).rejects.toBeInstanceOf(
      WebhookVerificationError,
    );
    await expect(
      receive.execute('00000000-0000-4000-8000-00000000dead', { headers: {}, rawBody: '{}' }),
    ).rejects.toBeInstanceOf(PaymentServiceNotFoundError);
  });
});
