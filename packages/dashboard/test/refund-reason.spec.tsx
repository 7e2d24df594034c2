/** @jest-environment jsdom */
import { act } from 'preact/test-utils';
import { ActionButtons } from '../src/pages/transaction-actions';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, settle, show, texts, useModalDialogs } from './render';
import { aTransaction } from './transaction-fixture';

useModalDialogs();

let api: FakeApi | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  api?.restore();
});

const captured = aTransaction({ status: 'capture_succeeded', captured_amount: 12_000 });
const refundAnswer = { status: 201, body: { type: 'refund', id: 'ref-1' } };

async function openRefund() {
  api = fakeApi({ 'POST /transactions/tx-1/refunds': refundAnswer });
  view = await show(<ActionButtons tx={captured} canWrite onDone={() => undefined} />);
  await act(() => view?.container.querySelector<HTMLButtonElement>('button[data-action="refund"]')?.click());
}
const choose = (value: string) =>
  act(() => {
    const select = view?.container.querySelector('select[name="reason_choice"]') as HTMLSelectElement;
    select.value = value;
    select.dispatchEvent(new Event('change'));
  });
const typeReason = (value: string) =>
  act(() => {
    const input = view?.container.querySelector('input[name="reason"]') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
const confirm = async () => {
  await act(() => view?.container.querySelector<HTMLButtonElement>('button[data-confirm]')?.click());
  await settle();
};

describe('the refund reason', () => {
  it('offers the common reasons in words and sends the one chosen as its code with the refund', async () => {
    await openRefund();
    expect(texts(view?.container as HTMLElement, 'select[name="reason_choice"] option')).toEqual([
      'No reason given',
      'Requested by the customer',
      'Goods returned',
      'Duplicate payment',
      'Fraudulent payment',
      'Order changed or cancelled',
      'Other (type it)',
    ]);
    await choose('returned_goods');
    await confirm();
    expect(api?.bodies).toEqual([{ request: 'POST /transactions/tx-1/refunds', body: { reason: 'returned_goods' } }]);
  });

  it('sends a reason typed under Other as typed, and no reason when none is chosen', async () => {
    await openRefund();
    await choose('other');
    await typeReason('  Shipped to the wrong address ');
    await confirm();
    expect(api?.bodies.map((sent) => sent.body)).toEqual([{ reason: 'Shipped to the wrong address' }]);
    view?.unmount();
    api?.restore();
    await openRefund();
    await confirm();
    expect(api?.bodies.map((sent) => sent.body)).toEqual([{}]);
  });

  it('refuses a typed reason longer than the API keeps (100 characters) at its field, before asking', async () => {
    await openRefund();
    await choose('other');
    await typeReason('x'.repeat(101));
    await confirm();
    expect(texts(view?.container as HTMLElement, '[data-field-error="reason"]')).toEqual([
      'A reason can be at most 100 characters.',
    ]);
    expect(api?.requests).toEqual([]);
  });
});
