/** @jest-environment jsdom */

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { I18nContext, translator } from '../src/i18n';
import { TransactionsPage } from '../src/pages/transactions';
import type { Person } from '../src/resources';
import { SessionContext, sessionState } from '../src/session';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, settle, show, texts } from './render';
import { aSession } from './session-fixture';
import { aTransaction } from './transaction-fixture';

const page = (items: unknown[]) => ({ items, limit: 20, next_cursor: null, previous_cursor: null });
const buyer = { email_address: 'hanako@example.jp' } as Person;

let api: FakeApi | undefined;
let view: Rendered | undefined;
// The list keeps its filters in the URL: each test starts on the plain list.
beforeEach(() => history.replaceState(null, '', '/dashboard/transactions'));
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

  describe('filters kept in the URL', () => {
    const field = (name: string) => view?.container.querySelector(`[name="${name}"]`) as HTMLInputElement;
    const typeInto = (name: string, value: string) =>
      act(() => {
        field(name).value = value;
        field(name).dispatchEvent(new Event('input', { bubbles: true }));
      });
    const submit = () => act(() => (view as Rendered).container.querySelector('form')?.requestSubmit());

    it('puts applied filters in the URL, amounts read as yen typed, and asks the API for them', async () => {
      api = fakeApi({ 'GET /transactions': { body: page([aTransaction()]) } });
      view = await show(<TransactionsPage />, aSession());
      await typeInto('search', 'yamada@example');
      await typeInto('amount_gte', '¥5,000');
      await typeInto('amount_lte', '１２０００円');
      await submit();
      await settle();
      expect(location.search).toBe('?amount_min=5000&amount_max=12000&search=yamada%40example');
      expect(api.requests.at(-1)).toBe(
        'GET /transactions?amount_gte=5000&amount_lte=12000&search=yamada%40example&limit=20',
      );
    });

    it('reads the filters from the URL it opens on (a reload, a shared link) and follows back and forward', async () => {
      history.replaceState(null, '', '/dashboard/transactions?status=capture_succeeded&search=order-10');
      api = fakeApi({ 'GET /transactions': { body: page([aTransaction()]) } });
      view = await show(<TransactionsPage />, aSession());
      expect(field('search').value).toBe('order-10');
      expect((view.container.querySelector('select[name="status"]') as HTMLSelectElement).value).toBe(
        'capture_succeeded',
      );
      expect(api.requests.at(-1)).toBe('GET /transactions?status=capture_succeeded&search=order-10&limit=20');

      await typeInto('search', 'hanako');
      await submit();
      await settle();
      expect(location.search).toBe('?status=capture_succeeded&search=hanako');
      // jsdom goes back in a task of its own, then fires popstate.
      await act(async () => {
        const back = new Promise((resolve) => addEventListener('popstate', resolve, { once: true }));
        history.back();
        await back;
      });
      await settle();
      expect(field('search').value).toBe('order-10');
      expect(api.requests.at(-1)).toBe('GET /transactions?status=capture_succeeded&search=order-10&limit=20');
    });

    it('keeps what someone types before the page has finished mounting', async () => {
      api = fakeApi({ 'GET /transactions': { body: page([aTransaction()]) } });
      const container = document.createElement('div');
      document.body.append(container);
      // Outside act: Preact runs the mount's effects after the next paint, as in a browser.
      render(
        <I18nContext.Provider value={{ locale: 'en', t: translator('en'), setLocale: () => undefined }}>
          <SessionContext.Provider value={sessionState(aSession())}>
            <TransactionsPage />
          </SessionContext.Provider>
        </I18nContext.Provider>,
        container,
      );
      const search = container.querySelector('input[name="search"]') as HTMLInputElement;
      search.value = 'tanaka@';
      search.dispatchEvent(new Event('input', { bubbles: true }));
      await act(() => new Promise((resolve) => setTimeout(resolve, 150)));
      expect(search.value).toBe('tanaka@');
      act(() => render(null, container));
      container.remove();
    });

    it('refuses an amount that is not one at its field, before asking the API', async () => {
      api = fakeApi({ 'GET /transactions': { body: page([aTransaction()]) } });
      view = await show(<TransactionsPage />, aSession());
      const asked = api.requests.length;
      await typeInto('amount_gte', '12.5');
      await submit();
      expect(texts(view.container, '[data-field-error="amount_gte"]')).toEqual([
        'Yen have no decimals: enter whole yen, e.g. 12000.',
      ]);
      expect(field('amount_gte').getAttribute('aria-invalid')).toBe('true');
      expect(api.requests).toHaveLength(asked);
      expect(location.search).toBe('');
    });

    it('offers the list as a CSV download with the filters applied', async () => {
      history.replaceState(null, '', '/dashboard/transactions?search=hanako&amount_min=5000&cursor=abc');
      api = fakeApi({ 'GET /transactions': { body: page([aTransaction()]) } });
      view = await show(<TransactionsPage />, aSession());
      const link = view.container.querySelector('a[data-export="csv"]') as HTMLAnchorElement;
      expect(link.textContent).toBe('Export CSV');
      expect(link.getAttribute('href')).toBe('/transactions/export.csv?amount_gte=5000&search=hanako');
      expect(link.getAttribute('download')).toBe('transactions.csv');
    });
  });
});
