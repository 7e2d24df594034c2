import type { ScriptedStep } from '../../testing/fake-payment-connector';
import { REFUND_REST_AFTER_MS } from '../timing-policy';
import { totals } from '../totals';
import { refundsOf } from '../transaction-state';
import { CaptureTransaction } from './capture-transaction';
import { RefundTransaction } from './refund-transaction';
import { SyncTransaction } from './sync-transaction';
import { providerTotals, setup } from './use-case-harness';

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
    return { ...context, tx, refundId: refund.id, sync, refundCalls, orderId: tx.summary().providerOrderId ?? '' };
  }

  it('sends the rest once, only after the last call has long ended, and ends matching the provider', async () => {
    const { clock, connector, sync, refundCalls, refundId, orderId } = await partlyRefunded();
    clock.advance(REFUND_REST_AFTER_MS - 1_000);
    const waiting = (await sync()).transaction;
    expect(refundsOf(waiting.state)[0]).toMatchObject({
      status: 'processing',
      amount: 6_000,
      refundedAtProvider: 2_000,
    });
    // What the provider already returned counts as refunded by the first sync, while the rest waits.
    expect(totals(waiting.state).refunded).toBe(providerTotals(connector, orderId).refunded);
    expect(refundCalls()).toBe(1);
    clock.advance(1_000);
    const finished = (await sync()).transaction;
    expect(refundsOf(finished.state)).toEqual([
      expect.objectContaining({
        id: refundId,
        status: 'succeeded',
        amount: 6_000,
        providerRefundIds: expect.any(Array),
      }),
    ]);
    expect(refundsOf(finished.state)[0]?.providerRefundIds).toHaveLength(2);
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
    expect(results.filter((r) => refundsOf(r.transaction.state)[0]?.status === 'succeeded').length).toBeGreaterThan(0);
  });

  it('settles at what the provider refunded when it refuses the rest, and releases the rest to refund anew', async () => {
    const { deps, ids, tx, clock, connector, sync, orderId } = await partlyRefunded(['decline']);
    clock.advance(REFUND_REST_AFTER_MS);
    const settled = (await sync()).transaction;
    expect(refundsOf(settled.state)[0]).toMatchObject({
      status: 'succeeded',
      amount: 2_000,
      failure: { rawResponseDescription: expect.stringContaining('refunded 2000 of the 6000 asked') },
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
    expect(refundsOf((await sync()).transaction.state)[0]?.status).toBe('processing');
    expect(refundCalls()).toBe(3);
    clock.advance(REFUND_REST_AFTER_MS);
    expect(refundsOf((await sync()).transaction.state)[0]).toMatchObject({ status: 'succeeded', amount: 6_000 });
    expect(refundCalls()).toBe(4);
  });
});
