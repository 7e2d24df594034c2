import { randomUUID } from 'node:crypto';
import { SMARTPAY_CAPABILITIES } from '../../connectors/capability-profile';
import { WebhookVerificationError } from '../../connectors/payment-connector';
import { PaymentServiceNotFoundError } from '../../errors';
import { authorizedTransaction } from '../../testing/fixtures';
import { capturesOf } from '../transaction-state';
import { CancelTransaction } from './cancel-transaction';
import { CaptureTransaction } from './capture-transaction';
import { ExpireStaleApprovals } from './expire-stale-approvals';
import { ReceiveConnectorWebhook } from './receive-connector-webhook';
import { RefundTransaction } from './refund-transaction';
import { ResolveUnknownOutcomes } from './resolve-unknown-outcomes';
import { SyncTransaction } from './sync-transaction';
import { providerTotals, setup } from './use-case-harness';
import { VoidTransaction } from './void-transaction';

describe('use cases with in-memory adapters and the scripted fake connector', () => {
  it('creates a transaction waiting for the buyer and schedules its expiry', async () => {
    const { create, jobs } = await setup();
    const tx = await create();
    expect(tx.summary()).toMatchObject({
      status: 'buyer_approval_pending',
      approvalUrl: expect.stringMatching(/^https:/),
    });
    expect(jobs.jobs).toContainEqual(
      expect.objectContaining({ name: 'expire-approval', runAt: tx.summary().approvalExpiresAt }),
    );
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
    const orderId = tx.summary().providerOrderId ?? '';
    expect((await new SyncTransaction(deps).execute({ ...ids, transactionId: tx.id })).transaction.status).toBe(
      'authorization_succeeded',
    );
    const capture = new CaptureTransaction(deps);
    const first = await capture.execute({ ...ids, transactionId: tx.id, amount: 3000, final: false });
    expect(first.capture.status).toBe('succeeded');
    const second = await capture.execute({ ...ids, transactionId: tx.id, amount: 5000, final: true });
    expect(second.transaction.summary()).toMatchObject({ status: 'capture_succeeded', captureClosed: true });
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
    expect(capturesOf(synced.transaction.state)).toEqual([
      expect.objectContaining({ status: 'succeeded', amount: 4000 }),
    ]);
    expect(connector.order(tx.summary().providerOrderId ?? '').payments).toHaveLength(1);
    expect(connector.calls.filter((c) => c.operation === 'capture')).toHaveLength(1);
  });

  it('fails a capture the provider never received, after the grace period, and lets the merchant capture again', async () => {
    const { deps, connector, authorized, ids, clock } = await setup();
    const tx = await authorized();
    connector.next('capture', 'unknown');
    await new CaptureTransaction(deps).execute({ ...ids, transactionId: tx.id, amount: 10_000 });
    clock.advance(5 * 60_000);
    const resolved = await new ResolveUnknownOutcomes(deps).execute(60_000);
    expect(resolved[0] && capturesOf(resolved[0].state)[0]).toMatchObject({
      status: 'failed',
      failure: { errorCode: 'not_found_at_provider' },
    });
    const retry = await new CaptureTransaction(deps).execute({ ...ids, transactionId: tx.id });
    expect(retry.capture).toMatchObject({ status: 'succeeded', amount: 10_000 });
    expect(providerTotals(connector, tx.summary().providerOrderId ?? '').captured).toBe(10_000);
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
    expect(settled && capturesOf(settled.state)).toEqual([
      expect.objectContaining({ status: 'succeeded', amount: 4000 }),
    ]);
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
    expect(ours).toBe(providerTotals(connector, tx.summary().providerOrderId ?? '').captured);
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
    connector.approve(tx.summary().providerOrderId ?? '');
    await webhook('evt_late', tx.summary().providerOrderId ?? '');
    expect((await deps.transactions.get('default', tx.id))?.status).toBe('authorization_failed');
    expect(connector.order(tx.summary().providerOrderId ?? '').status).toBe('canceled');
  });

  it("marks a webhook processed in the sync's own write, and alone when the sync writes nothing or has more to do", async () => {
    const { deps, connector, create, webhook, ids } = await setup();
    const alone = jest.spyOn(deps.inbox, 'markProcessedFor');
    const processed = async (inboxId: string) => (await deps.inbox.get(inboxId))?.processedAt !== null;
    const tx = await create();
    const order = tx.summary().providerOrderId ?? '';
    connector.approve(order);
    const approved = await webhook('evt_approved', order);
    expect((await deps.transactions.get('default', tx.id))?.status).toBe('authorization_succeeded');
    expect([await processed(approved.inboxId), alone.mock.calls.length]).toEqual([true, 0]);
    const repeated = await webhook('evt_nothing_new', order);
    expect([await processed(repeated.inboxId), alone.mock.calls.length]).toEqual([true, 1]);
    // An authorization to release after the write: the webhook stays unprocessed until that is done.
    const canceled = await create();
    await new CancelTransaction(deps).execute({ ...ids, transactionId: canceled.id });
    connector.approve(canceled.summary().providerOrderId ?? '');
    const late = await webhook('evt_late', canceled.summary().providerOrderId ?? '');
    expect([await processed(late.inboxId), alone.mock.calls.length]).toEqual([true, 2]);
  });

  it('expires approvals nobody completed, via the janitor', async () => {
    const { deps, create, clock } = await setup();
    const tx = await create();
    clock.advance(31 * 60_000);
    expect(await new ExpireStaleApprovals(deps).execute()).toEqual([tx.id]);
    expect((await deps.transactions.get('default', tx.id))?.summary()).toMatchObject({
      status: 'authorization_failed',
      errorCode: 'incomplete_buyer_approval',
    });
  });

  it('stores a webhook once, refuses a bad signature and an unknown connection', async () => {
    const { deps, authorized, webhook, service } = await setup();
    const tx = await authorized();
    expect((await webhook(`evt_${tx.id}`, tx.summary().providerOrderId ?? '')).recorded).toBe(false);
    const receive = new ReceiveConnectorWebhook(deps);
    await expect(receive.execute(service.id, { headers: {}, rawBody: '{}' })).rejects.toBeInstanceOf(
      WebhookVerificationError,
    );
    await expect(
      receive.execute('00000000-0000-4000-8000-00000000dead', { headers: {}, rawBody: '{}' }),
    ).rejects.toBeInstanceOf(PaymentServiceNotFoundError);
  });
});
