import type { ProviderClaim } from '../../connectors/provider-claim';
import { capturesOf } from '../transaction-state';
import { CaptureTransaction } from './capture-transaction';
import { ProcessConnectorWebhook } from './process-connector-webhook';
import { ReceiveConnectorWebhook } from './receive-connector-webhook';
import { setup } from './use-case-harness';

describe('processing a provider webhook whose fact the transaction already holds', () => {
  async function harness() {
    const context = await setup();
    const { deps, connector, service } = context;
    const receive = async (eventId: string, type: string, orderId: string, claim?: ProviderClaim) =>
      (
        await new ReceiveConnectorWebhook(deps).execute(service.id, {
          headers: { 'x-fake-signature': 'valid' },
          rawBody: JSON.stringify({ eventId, type, orderId, claim }),
        })
      ).inboxId;
    const process = (inboxId: string) => new ProcessConnectorWebhook(deps).execute(inboxId);
    const processed = async (inboxId: string) => (await deps.inbox.get(inboxId))?.processedAt != null;
    const reads = () => connector.calls.filter((call) => call.operation === 'fetchStatus').length;
    /** An authorized transaction and its provider order. */
    const authorizedOrder = async () => {
      const tx = await context.authorized();
      return { tx, order: tx.summary().providerOrderId ?? '' };
    };
    /** Captures `amount` through Kessai; the provider payment id it recorded. */
    const captured = async (transactionId: string, amount: number) => {
      await new CaptureTransaction(deps).execute({ ...context.ids, transactionId, amount });
      const stored = await deps.transactions.get('default', transactionId);
      return (stored ? capturesOf(stored.state) : []).at(-1)?.providerCaptureId ?? '';
    };
    return { ...context, receive, process, processed, reads, authorizedOrder, captured };
  }

  it('marks it processed without reading the provider: an authorization, a capture Kessai made and recorded', async () => {
    const { authorizedOrder, captured, receive, process, processed, reads } = await harness();
    const { tx, order } = await authorizedOrder();
    const before = reads();
    const again = await receive('evt_authorized_again', 'order.authorized', order, { kind: 'order_authorized' });
    expect(await process(again)).toBe('processed');
    const claim: ProviderClaim = {
      kind: 'capture_made',
      providerCaptureId: await captured(tx.id, 4_000),
      amount: 4_000,
    };
    const made = await receive('evt_payment', 'payment.created', order, claim);
    expect(await process(made)).toBe('processed');
    expect([reads() - before, await processed(again), await processed(made)]).toEqual([0, true, true]);
  });

  it('marks every held event waiting about the order in one write', async () => {
    const { deps, authorizedOrder, receive, process, processed, reads } = await harness();
    const { order } = await authorizedOrder();
    const before = reads();
    const marking = jest.spyOn(deps.inbox, 'markProcessed');
    const first = await receive('evt_first', 'order.authorized', order, { kind: 'order_authorized' });
    const second = await receive('evt_second', 'order.authorized', order, { kind: 'order_authorized' });
    expect(await process(second)).toBe('processed');
    expect([await processed(first), await processed(second), reads() - before]).toEqual([true, true, 0]);
    expect(marking.mock.calls.map(([ids]) => [...ids].sort())).toEqual([[first, second].sort()]);
  });

  it('reads the provider once when any waiting event states what the transaction lacks, and answers them all', async () => {
    const { authorizedOrder, receive, process, processed, reads } = await harness();
    const { order } = await authorizedOrder();
    const before = reads();
    const held = await receive('evt_held', 'order.authorized', order, { kind: 'order_authorized' });
    const unknown = { kind: 'capture_made', providerCaptureId: 'payment_test_elsewhere', amount: 100 } as const;
    const lacking = await receive('evt_lacking', 'payment.created', order, unknown);
    expect(await process(lacking)).toBe('processed');
    expect([reads() - before, await processed(held), await processed(lacking)]).toEqual([1, true, true]);
  });

  it('reads the provider for a fact stated with another amount, or by an event with no claim', async () => {
    const { authorizedOrder, captured, receive, process, reads } = await harness();
    const { tx, order } = await authorizedOrder();
    const providerCaptureId = await captured(tx.id, 4_000);
    const before = reads();
    const other = { kind: 'capture_made', providerCaptureId, amount: 3_999 } as const;
    await process(await receive('evt_other_amount', 'payment.created', order, other));
    await process(await receive('evt_no_claim', 'order.updated', order));
    expect(reads() - before).toBe(2);
  });
});
