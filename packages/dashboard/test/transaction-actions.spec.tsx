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
    ['an authorization can be captured or voided', aTransaction(), ['capture', 'void', 'sync']],
    [
      'a partial capture can capture the rest or refund what was captured',
      aTransaction({ status: 'capture_succeeded', captured_amount: 5_000 }),
      ['capture', 'refund', 'sync'],
    ],
    [
      'a whole capture can be refunded until nothing is left to refund',
      aTransaction({ status: 'capture_succeeded', captured_amount: 12_000, refunded_amount: 2_000 }),
      ['refund', 'sync'],
    ],
    [
      'a fully refunded payment can only be synced',
      aTransaction({ status: 'capture_succeeded', captured_amount: 12_000, refunded_amount: 12_000 }),
      ['sync'],
    ],
    [
      'a payment awaiting the buyer can be cancelled',
      aTransaction({ status: 'buyer_approval_pending', authorized_amount: 0 }),
      ['cancel', 'sync'],
    ],
    [
      'a payment still processing can be cancelled',
      aTransaction({ status: 'processing', authorized_amount: 0 }),
      ['cancel', 'sync'],
    ],
    ['a voided authorization can only be synced', aTransaction({ status: 'authorization_voided' }), ['sync']],
  ])('for an admin, %s', async (_rule, tx, expected) => {
    expect(await actionsShown(tx, true)).toEqual(expected);
  });

  it('a viewer is offered sync only, whatever the state (sync changes nothing Smartpay has not)', async () => {
    expect(await actionsShown(aTransaction(), false)).toEqual(['sync']);
  });

  it('names each action in words', async () => {
    await actionsShown(aTransaction(), true);
    expect(texts(view!.container, 'button[data-action]')).toEqual(['Capture', 'Void', 'Sync with Smartpay']);
  });
});
