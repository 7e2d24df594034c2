/** @jest-environment jsdom */

import { act } from 'preact/test-utils';
import { TransactionsPage } from '../src/pages/transactions';
import type { Person } from '../src/resources';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, settle, show, texts } from './render';
import { aSession } from './session-fixture';
import { aTransaction } from './transaction-fixture';

const page = (items: unknown[]) => ({ items, limit: 20, next_cursor: null, previous_cursor: null });
const buyer = { email_address: 'hanako@example.jp' } as Person;

let api: FakeApi | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  api?.restore();
});

describe('the transaction list', () => {
  it('says it is loading until the list answers', async () => {
    api = fakeApi({ 'GET /transactions': () => new Promise(() => undefined) });
    view = await show(<TransactionsPage />, aSession());
    expect(texts(view.container, '[role=status]')).toContain('Loading…');
  });

  it('shows a row per transaction: when, money state, amounts in yen, external id, buyer e-mail and a link to it', async () => {
    api = fakeApi({
      'GET /transactions': {
        body: page([
          aTransaction({
            id: 'tx-1',
            amount: 12_000,
            buyer: { display_name: null, external_identifier: null, billing_details: buyer },
          }),
          aTransaction({ id: 'tx-2', status: 'buyer_approval_pending', amount: 1_234_567, external_identifier: null }),
        ]),
      },
    });
    view = await show(<TransactionsPage />, aSession());

    const rows = Array.from(view.container.querySelectorAll('tbody tr'), (row) => texts(row, 'td'));
    expect(rows).toEqual([
      [
        '2026-12-02 00:30:00 GMT+9',
        'Uncaptured',
        '¥12,000',
        '¥0',
        '¥0',
        '¥12,000 to capture',
        'order-1001',
        'hanako@example.jp',
        'tx-1',
      ],
      [
        '2026-12-02 00:30:00 GMT+9',
        'Awaiting authorization Awaiting buyer approval',
        '¥1,234,567',
        '¥0',
        '¥0',
        '¥0',
        '—',
        '—',
        'tx-2',
      ],
    ]);
    expect(view.container.querySelector('[data-transaction-id="tx-2"] a')?.getAttribute('href')).toBe(
      '/dashboard/transactions/tx-2',
    );
    expect(view.container.querySelectorAll('[data-transaction-id="tx-2"] a')).toHaveLength(1);
    expect(view.container.querySelector('[data-transaction-id="tx-1"] [data-money-state]')?.className).toBe(
      'money money-uncaptured',
    );
    expect(texts(view.container, '[role=status]')).not.toContain('Loading…');
  });

  it('shows an amount in another currency as the API gives it, in minor units with its code', async () => {
    api = fakeApi({ 'GET /transactions': { body: page([aTransaction({ amount: 1999, currency: 'USD' })]) } });
    view = await show(<TransactionsPage />, aSession());
    expect(texts(view.container, 'tbody td[data-amount="amount"]')).toEqual(['1999 USD']);
  });

  it('shows what was captured and refunded and what is left: a partly refunded capture reads so, not "Captured"', async () => {
    api = fakeApi({
      'GET /transactions': {
        body: page([
          aTransaction({ id: 'tx-1', status: 'capture_succeeded', captured_amount: 8_000, refunded_amount: 2_000 }),
          aTransaction({ id: 'tx-2', status: 'capture_pending' }),
        ]),
      },
    });
    view = await show(<TransactionsPage />, aSession());
    const row = view.container.querySelector('[data-transaction-id="tx-1"]') as HTMLElement;
    expect(texts(row, '[data-money-state]')).toEqual(['Partially refunded']);
    expect(texts(row, 'td.num')).toEqual(['¥12,000', '¥8,000', '¥2,000', '¥6,000 to refund']);
    const pending = view.container.querySelector('[data-transaction-id="tx-2"]') as HTMLElement;
    expect(texts(pending, 'td')[1]).toBe('Uncaptured Capture pending');
  });

  it('reads a cancelled payment as Cancelled, in a neutral badge, not as a failed authorization', async () => {
    const cancelled = aTransaction({
      status: 'authorization_failed',
      error_code: 'canceled_buyer_approval',
      canceled_at: '2026-12-01T15:40:00.000Z',
      authorized_amount: 0,
      authorized_at: null,
    });
    api = fakeApi({ 'GET /transactions': { body: page([cancelled]) } });
    view = await show(<TransactionsPage />, aSession());
    expect(texts(view.container, 'tbody [data-money-state]')).toEqual(['Cancelled']);
    expect(view.container.querySelector('tbody [data-money-state]')?.className).toBe('money money-cancelled');
    expect(view.container.querySelector('tbody')?.textContent).not.toContain('Failed');
  });

  it('offers Cancelled among the statuses and asks the API for a failed authorization with the cancel code', async () => {
    api = fakeApi({ 'GET /transactions': { body: page([aTransaction()]) } });
    view = await show(<TransactionsPage />, aSession());
    const select = view.container.querySelector('select[name="status"]') as HTMLSelectElement;
    expect(texts(select, 'option')).toContain('Cancelled');
    await act(() => {
      select.value = 'cancelled';
      select.dispatchEvent(new Event('change'));
    });
    const form = view.container.querySelector('form') as HTMLFormElement;
    await act(() => form.requestSubmit());
    await settle();
    expect(api.requests.at(-1)).toContain('status=authorization_failed');
    expect(api.requests.at(-1)).toContain('error_code=canceled_buyer_approval');
  });

  it('tells a new account how its first transaction arrives when there is none at all', async () => {
    api = fakeApi({ 'GET /transactions': { body: page([]) } });
    view = await show(<TransactionsPage />, aSession());
    expect(texts(view.container, '[data-empty="none-yet"] h2')).toEqual(['No transactions yet.']);
    expect(view.container.textContent).toContain('POST /transactions');
    expect(view.container.querySelector('[data-empty="none-yet"] a')?.getAttribute('href')).toBe('/docs/');
    expect(view.container.textContent).not.toContain('No transactions match.');
    expect(view.container.querySelector('table')).toBeNull();
  });

  it('says no transaction matches when filters are set', async () => {
    api = fakeApi({ 'GET /transactions': { body: page([]) } });
    view = await show(<TransactionsPage />, aSession());
    const search = view.container.querySelector('input[name="search"]') as HTMLInputElement;
    await act(() => {
      search.value = 'order-404';
      search.dispatchEvent(new Event('input'));
    });
    const form = view.container.querySelector('form') as HTMLFormElement;
    await act(() => form.requestSubmit());
    await settle();
    expect(view.container.textContent).toContain('No transactions match.');
    expect(view.container.querySelector('[data-empty="none-yet"]')).toBeNull();
  });

  it("shows a refused filter's sentence once, next to its field, and nothing above the form", async () => {
    api = fakeApi({
      'GET /transactions': {
        status: 400,
        body: {
          code: 'bad_request',
          message: 'The request is invalid.',
          details: [
            { location: 'query', pointer: '/amount_gte', message: 'must be a whole number', type: 'invalid_type' },
          ],
        },
      },
    });
    view = await show(<TransactionsPage />, aSession());
    expect(texts(view.container, '[data-field-error="amount_gte"]')).toEqual([
      'This value has the wrong type (an amount is a whole number of yen).',
    ]);
    expect(view.container.querySelector('input[name="amount_gte"]')?.getAttribute('aria-invalid')).toBe('true');
    expect(texts(view.container, '[role=alert]')).toEqual([]);
  });
});
