/** @jest-environment jsdom */

import { TransactionsPage } from '../src/pages/transactions';
import type { Person } from '../src/resources';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, show, texts } from './render';
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

  it('shows a row per transaction: when, status, amount in yen, external id, buyer e-mail and a link to it', async () => {
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
        'Authorized authorization_succeeded',
        '¥12,000',
        'order-1001',
        'hanako@example.jp',
        'tx-1',
      ],
      ['2026-12-02 00:30:00 GMT+9', 'Awaiting buyer approval buyer_approval_pending', '¥1,234,567', '—', '—', 'tx-2'],
    ]);
    expect(view.container.querySelector('[data-transaction-id="tx-2"] a')?.getAttribute('href')).toBe(
      '/dashboard/transactions/tx-2',
    );
    expect(view.container.querySelector('[data-transaction-id="tx-1"] [data-status]')?.className).toBe(
      'status status-authorization_succeeded',
    );
    expect(texts(view.container, '[role=status]')).not.toContain('Loading…');
  });

  it('shows an amount in another currency as the API gives it, in minor units with its code', async () => {
    api = fakeApi({ 'GET /transactions': { body: page([aTransaction({ amount: 1999, currency: 'USD' })]) } });
    view = await show(<TransactionsPage />, aSession());
    expect(texts(view.container, 'tbody td.num')).toEqual(['1999 USD']);
  });

  it('says so when no transaction matches', async () => {
    api = fakeApi({ 'GET /transactions': { body: page([]) } });
    view = await show(<TransactionsPage />, aSession());
    expect(view.container.textContent).toContain('No transactions match.');
    expect(view.container.querySelector('table')).toBeNull();
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
