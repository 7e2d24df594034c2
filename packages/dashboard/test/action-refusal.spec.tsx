/** @jest-environment jsdom */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { I18nContext, translator } from '../src/i18n';
import { ActionButtons } from '../src/pages/transaction-actions';
import { type FakeApi, fakeApi } from './fake-api';
import { settle, texts, useModalDialogs } from './render';
import { aTransaction } from './transaction-fixture';

useModalDialogs();

let api: FakeApi | undefined;
let container: HTMLElement | undefined;
afterEach(() => {
  api?.restore();
  if (container) act(() => render(null, container as HTMLElement));
  container?.remove();
});

const refunded = aTransaction({ status: 'capture_succeeded', captured_amount: 8_000, refunded_amount: 2_000 });
const refusal = {
  status: 400,
  body: {
    type: 'error',
    code: 'bad_request',
    status: 400,
    message: 'cannot refund 7000: only 6000 of the captured 8000 JPY is left to refund',
    details: [
      {
        location: 'body',
        pointer: '/amount',
        message: 'cannot refund 7000: only 6000 of the captured 8000 JPY is left to refund',
        type: 'amount_exceeds_refundable',
      },
    ],
  },
};

/** The refund dialog in the Japanese UI, with `typed` in its amount field, sent. */
async function refundInJapanese(typed: string): Promise<HTMLElement> {
  container = document.createElement('div');
  document.body.append(container);
  const i18n = { locale: 'ja' as const, t: translator('ja'), setLocale: () => undefined };
  await act(() =>
    render(
      <I18nContext.Provider value={i18n}>
        <ActionButtons tx={refunded} canWrite onDone={() => undefined} />
      </I18nContext.Provider>,
      container as HTMLElement,
    ),
  );
  await act(() => container?.querySelector<HTMLButtonElement>('button[data-action="refund"]')?.click());
  const input = container.querySelector<HTMLInputElement>('input[name="amount"]');
  if (!input) throw new Error('no amount field');
  await act(() => {
    input.value = typed;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(() => container?.querySelector<HTMLFormElement>('dialog form')?.requestSubmit());
  await settle();
  return container;
}

describe('a refused action in the Japanese UI', () => {
  it('shows the refusal once, at the amount field, in Japanese with the yen written out', async () => {
    api = fakeApi({ 'POST /transactions/tx-1/refunds': refusal });
    const view = await refundInJapanese('７，０００円');
    expect(api.requests).toEqual(['POST /transactions/tx-1/refunds']);
    expect(texts(view, '[data-field-error="amount"]')).toEqual(['7,000円は、返金できる残額 6,000円 を超えています。']);
    expect(texts(view, '[role=alert]')).toEqual([]);
    expect(view.textContent).not.toContain('cannot refund');
    expect(view.querySelector('input[name="amount"]')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses an amount it cannot read before asking the API, saying why in Japanese', async () => {
    api = fakeApi({ 'POST /transactions/tx-1/refunds': refusal });
    const view = await refundInJapanese('1.5');
    expect(api.requests).toEqual([]);
    expect(texts(view, '[data-field-error="amount"]')).toEqual([
      '円に小数はありません。12000 のように円の整数で入力してください。',
    ]);
  });
});
