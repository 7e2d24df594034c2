/** @jest-environment jsdom */

import { I18nContext, translator } from '../src/i18n';
import { TransactionPage } from '../src/pages/transaction';
import type { Capture, Refund, Transaction, TransactionEvent } from '../src/resources';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, show, texts } from './render';
import { aSession } from './session-fixture';
import { aTransaction } from './transaction-fixture';

const page = (items: unknown[]) => ({ items, limit: 100, next_cursor: null, previous_cursor: null });
const aCapture = (fields: Partial<Capture>): Capture => ({
  id: 'cap-1',
  status: 'succeeded',
  amount: 8_000,
  final: false,
  payment_service_capture_id: 'payment_1',
  error_code: null,
  raw_response_description: null,
  created_at: '2026-12-01T15:35:00.000Z',
  ...fields,
});
const aRefund = (fields: Partial<Refund>): Refund => ({
  id: 'ref-1',
  status: 'succeeded',
  amount: 2_000,
  reason: null,
  payment_service_refund_ids: ['refund_1'],
  error_code: null,
  raw_response_description: null,
  created_at: '2026-12-01T15:36:00.000Z',
  ...fields,
});
const anEvent = (name: string, context: Record<string, unknown> = {}): TransactionEvent => ({
  id: name,
  name,
  created_at: '2026-12-01T15:35:00.000Z',
  actor: null,
  context,
});

let api: FakeApi | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  api?.restore();
});

function answering(
  tx: Transaction,
  history: { captures?: Capture[]; refunds?: Refund[]; events?: TransactionEvent[] },
) {
  api = fakeApi({
    'GET /transactions/tx-1': { body: tx },
    'GET /transactions/tx-1/captures': { body: page(history.captures ?? []) },
    'GET /transactions/tx-1/refunds': { body: page(history.refunds ?? []) },
    'GET /transactions/tx-1/events': { body: page(history.events ?? []) },
  });
}
const fact = (name: string) => texts(view?.container as HTMLElement, `[data-fact="${name}"]`)[0];

describe('the transaction page', () => {
  it('shows the money state and what is left to capture and to refund after a partial capture and refund', async () => {
    answering(aTransaction({ status: 'capture_succeeded', captured_amount: 8_000, refunded_amount: 2_000 }), {
      captures: [aCapture({ final: false })],
      refunds: [aRefund({})],
    });
    view = await show(<TransactionPage id="tx-1" />, aSession());
    expect(texts(view.container, '.big-status')).toEqual(['Partially refunded Captured']);
    expect([fact('captured'), fact('refunded'), fact('capturable'), fact('refundable')]).toEqual([
      '¥8,000',
      '¥2,000',
      '¥4,000',
      '¥6,000',
    ]);
  });

  it('leaves nothing to capture after a final partial capture, and says the rest was released', async () => {
    answering(aTransaction({ status: 'capture_succeeded', captured_amount: 8_000 }), {
      captures: [aCapture({ final: true })],
    });
    view = await show(<TransactionPage id="tx-1" />, aSession());
    expect(fact('capturable')).toBe('¥0');
    expect(view.container.textContent).toContain('The rest of the authorization was released');
  });

  it('reads a cancelled payment as Cancelled with its reason in words, in neutral badges', async () => {
    answering(
      aTransaction({
        status: 'authorization_failed',
        error_code: 'canceled_buyer_approval',
        canceled_at: '2026-12-01T15:40:00.000Z',
        authorized_amount: 0,
        authorized_at: null,
      }),
      { events: [anEvent('transaction.canceled', { source: 'api' })] },
    );
    view = await show(<TransactionPage id="tx-1" />, aSession());
    expect(texts(view.container, '.big-status')).toEqual(['Cancelled Cancelled']);
    expect(view.container.querySelector('.big-status [data-status]')?.className).toBe('status status-cancelled');
    expect(fact('error')).toBe('Cancelled before the buyer approved.');
    expect(texts(view.container, '[data-event] strong')).toEqual(['Cancelled by Kessai / Smartpay']);
    expect(texts(view.container, '[data-event] .hint')).toEqual(['API']);
  });

  it('speaks words for statuses, history events and error codes, not codes', async () => {
    answering(aTransaction({ status: 'capture_pending' }), {
      captures: [aCapture({ status: 'failed', error_code: 'service_error', final: true })],
      events: [
        anEvent('transaction.capture-pending', { source: 'api' }),
        anEvent('transaction.capture-failed', { source: 'webhook' }),
      ],
    });
    view = await show(<TransactionPage id="tx-1" />, aSession());
    const shown = view.container.textContent ?? '';
    for (const code of ['capture_pending', 'transaction.capture-pending', 'service_error', 'authorize'])
      expect(shown).not.toContain(code);
    expect(texts(view.container, '[data-event] strong')).toEqual([
      'Capture failed by Kessai / Smartpay',
      'Capture requested by Kessai / Smartpay',
    ]);
    expect(texts(view.container, '[data-capture-id] .field-error')).toEqual(['Smartpay could not process it.']);
  });

  it('labels the authorization time as a time in Japanese, apart from the authorized amount', async () => {
    answering(aTransaction({}), {});
    const ja = { locale: 'ja' as const, t: translator('ja'), setLocale: () => undefined };
    view = await show(
      <I18nContext.Provider value={ja}>
        <TransactionPage id="tx-1" />
      </I18nContext.Provider>,
      aSession(),
    );
    const labelOf = (name: string) =>
      view?.container.querySelector(`[data-fact="${name}"]`)?.previousElementSibling?.textContent;
    expect(labelOf('authorized-at')).toBe('与信日時');
    expect(labelOf('authorized')).toBe('与信額');
    expect(texts(view.container, '.big-status')).toEqual(['売上未確定 与信済み']);
    expect([labelOf('capturable'), fact('capturable')]).toEqual(['売上確定可能額', '¥12,000']);
  });

  it('tells the history newest first, each event a sentence with the amount it moved and who did it', async () => {
    const ops = { type: 'dashboard_user', id: 'user-1', display: 'ops@shop.example.jp' };
    const at = (minute: number) => `2026-12-01T15:${minute}:00.000Z`;
    answering(aTransaction({ status: 'capture_succeeded', captured_amount: 5_000, refunded_amount: 2_000 }), {
      captures: [aCapture({ id: 'cap-1', amount: 5_000 })],
      refunds: [aRefund({ id: 'ref-1', amount: 2_000, reason: 'returned_goods' })],
      events: [
        { ...anEvent('transaction.created', { source: 'api' }), created_at: at(30) },
        { ...anEvent('transaction.captured', { source: 'api', subject_id: 'cap-1' }), actor: ops, created_at: at(35) },
        { ...anEvent('refund.succeeded', { source: 'webhook', subject_id: 'ref-1' }), created_at: at(40) },
      ],
    });
    view = await show(<TransactionPage id="tx-1" />, aSession());
    expect(texts(view.container, '[data-event] strong')).toEqual([
      'Refunded ¥2,000 by Kessai / Smartpay',
      'Captured ¥5,000 by ops@shop.example.jp',
      'Created by Kessai / Smartpay',
    ]);
    expect(texts(view.container, '[data-event] .hint')).toEqual([
      'Smartpay notification',
      'dashboard user · API',
      'API',
    ]);
    expect(texts(view.container, '[data-refund-id]')[0]).toContain('Reason: Goods returned');

    view.unmount();
    const ja = { locale: 'ja' as const, t: translator('ja'), setLocale: () => undefined };
    view = await show(
      <I18nContext.Provider value={ja}>
        <TransactionPage id="tx-1" />
      </I18nContext.Provider>,
      aSession(),
    );
    expect(texts(view.container, '[data-event] strong')[1]).toBe('売上確定 ¥5,000(ops@shop.example.jp)');
    expect(texts(view.container, '[data-refund-id]')[0]).toContain('理由: 返品');
  });
});
