/** @jest-environment jsdom */
import { act } from 'preact/test-utils';
import { type MoneyHistory, moneyOf } from '../src/money-state';
import { ActionButtons } from '../src/pages/transaction-actions';
import type { Transaction } from '../src/resources';
import { type Rendered, show, texts, useModalDialogs } from './render';
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

describe('the amount a capture or refund dialog offers when left empty', () => {
  useModalDialogs();

  async function hintOf(kind: 'capture' | 'refund', tx: Transaction, history?: MoneyHistory): Promise<string> {
    view = await show(<ActionButtons tx={tx} canWrite money={moneyOf(tx, history)} onDone={() => undefined} />);
    await act(() => view?.container.querySelector<HTMLButtonElement>(`button[data-action="${kind}"]`)?.click());
    return texts(view.container, 'dialog .hint').join(' ');
  }

  it('leaves out what refunds still processing hold: the API would refuse it', async () => {
    const tx = aTransaction({
      status: 'capture_succeeded',
      captured_amount: 8_000,
      refunded_amount: 2_000,
      actions: ['refund', 'sync'],
    });
    const history: MoneyHistory = {
      captures: [{ status: 'succeeded', amount: 8_000, final: false }],
      refunds: [
        { status: 'succeeded', amount: 2_000 },
        { status: 'processing', amount: 3_000 },
      ],
      released: false,
    };
    expect(await hintOf('refund', tx, history)).toContain('¥3,000');
    view?.unmount();
    expect(await hintOf('refund', tx)).toContain('¥6,000');
  });

  it('leaves out what captures still pending hold', async () => {
    const tx = aTransaction({
      status: 'capture_pending',
      authorized_amount: 10_000,
      captured_amount: 0,
      actions: ['capture', 'sync'],
    });
    const history: MoneyHistory = {
      captures: [{ status: 'pending', amount: 4_000, final: false }],
      refunds: [],
      released: false,
    };
    expect(await hintOf('capture', tx, history)).toContain('¥6,000');
  });
});
