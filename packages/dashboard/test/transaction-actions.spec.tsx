/** @jest-environment jsdom */
import { ActionButtons } from '../src/pages/transaction-actions';
import type { Transaction } from '../src/resources';
import { type Rendered, show, texts } from './render';
import { aTransaction } from './transaction-fixture';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
});

async function actionsShown(tx: Transaction, canWrite: boolean): Promise<string[]> {
  view = await show(<ActionButtons tx={tx} canWrite={canWrite} onDone={() => undefined} />);
  return Array.from(view.container.querySelectorAll('button[data-action]'), (button) =>
    button.getAttribute('data-action'),
  ).filter((action): action is string => action !== null);
}

describe('the actions offered for a transaction', () => {
  it.each([
    ['an authorization', ['capture', 'void', 'sync']],
    ['a partial capture', ['capture', 'refund', 'sync']],
    ['a payment awaiting the buyer', ['cancel', 'sync']],
    ['a voided authorization', ['sync']],
  ] as const)('for an admin, are the ones the API lists for %s, in its order', async (_state, listed) => {
    expect(await actionsShown(aTransaction({ actions: [...listed] }), true)).toEqual(listed);
  });

  it('are not worked out again from the amounts: a refund the API does not list is not offered', async () => {
    // Captured and not yet refunded, but a refund still processing claims it all: only the API knows that.
    const claimed = aTransaction({ status: 'capture_succeeded', captured_amount: 12_000, actions: ['sync'] });
    expect(await actionsShown(claimed, true)).toEqual(['sync']);
  });

  it('for a viewer, are sync only, whatever the API lists (sync changes nothing Smartpay has not)', async () => {
    expect(await actionsShown(aTransaction({ actions: ['capture', 'void', 'sync'] }), false)).toEqual(['sync']);
  });

  it('names each action in words', async () => {
    await actionsShown(aTransaction(), true);
    expect(texts(view!.container, 'button[data-action]')).toEqual(['Capture', 'Void', 'Sync with Smartpay']);
  });
});
