/** @jest-environment jsdom */
import { act } from 'preact/test-utils';
import { messages } from '../src/i18n';
import { ReconciliationPage } from '../src/pages/reconciliation';
import { ReconciliationRunPage } from '../src/pages/reconciliation-run';
import { DIFFERENCE_KINDS, japanDay } from '../src/resources-reconciliation';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, settle, show, texts, useModalDialogs } from './render';
import { aSession } from './session-fixture';

const page = (items: unknown[]) => ({ items, limit: 20, next_cursor: null, previous_cursor: null });
const SERVICE = '0f8fad5b-d9cb-469f-a165-70867728950e';
const services = {
  body: page([{ id: SERVICE, display_name: 'Smartpay Tokyo', active: true, is_deleted: false, position: 0 }]),
};
const noKinds = Object.fromEntries(DIFFERENCE_KINDS.map((kind) => [kind, 0]));
const run = (overrides: Record<string, unknown> = {}) => ({
  type: 'reconciliation-run',
  id: 'run-1',
  payment_service_id: SERVICE,
  date: '2026-12-06',
  status: 'completed',
  trigger: 'api',
  requested_by: { type: 'dashboard_user', id: 'user-1', display: 'ops@shop.example.jp' },
  transaction_count: 1002,
  provider_order_count: 1003,
  provider_calls: 1013,
  kessai: { captured_amount: 1_234_000, refunded_amount: 5_000 },
  provider: { captured_amount: 1_245_000, refunded_amount: 6_200 },
  counts_by_kind: { ...noKinds, unknown_capture: 1, unknown_order: 2 },
  open_count: 2,
  resolved_count: 1,
  acknowledged_count: 0,
  in_flight_count: 0,
  failure_reason: null,
  created_at: '2026-12-07T01:00:00.000Z',
  started_at: '2026-12-07T01:00:01.000Z',
  completed_at: '2026-12-07T01:00:09.000Z',
  updated_at: '2026-12-07T01:00:09.000Z',
  ...overrides,
});
const item = (overrides: Record<string, unknown> = {}) => ({
  type: 'reconciliation-item',
  id: 'item-1',
  run_id: 'run-1',
  payment_service_id: SERVICE,
  date: '2026-12-06',
  kind: 'unknown_order',
  status: 'open',
  transaction_id: null,
  provider_order_id: 'order_test_1',
  kessai_amount: null,
  provider_amount: 17_000,
  detail: 'an order made with the connection key that Kessai has no transaction for',
  resolution: null,
  acknowledgement: null,
  created_at: '2026-12-07T01:00:05.000Z',
  updated_at: '2026-12-07T01:00:05.000Z',
  ...overrides,
});

useModalDialogs();

let api: FakeApi | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  api?.restore();
  history.replaceState(null, '', '/');
});

const type = (element: HTMLInputElement | HTMLTextAreaElement, value: string) =>
  act(() => {
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });

describe('the reconciliation words', () => {
  it('words every kind in both languages', () => {
    for (const kind of DIFFERENCE_KINDS) {
      expect(messages.ja[`recon.kind.${kind}`]).not.toBe(messages.en[`recon.kind.${kind}`]);
      expect(messages.en[`recon.kind.${kind}`]).not.toContain('_');
    }
  });

  it('asks for a Japan day: yesterday is the day before in Tokyo, whatever the UTC date', () => {
    // 2026-12-06 16:30 UTC is already the 7th in Tokyo.
    expect(japanDay(new Date('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
    expect(japanDay(new Date('2026-12-06T16:30:00Z'), 1)).toBe('2026-12-06');
  });
});

describe('the reconciliation runs page', () => {
  it('lists each run with its connection, the kinds found in words, the yen on both sides and open vs resolved', async () => {
    api = fakeApi({
      'GET /reconciliation-runs': {
        body: page([
          run(),
          run({ id: 'run-2', status: 'running', counts_by_kind: null, kessai: null, open_count: null }),
        ]),
      },
      'GET /payment-services': services,
    });
    view = await show(<ReconciliationPage />, aSession());
    const cell = (id: string, label: string) =>
      texts(view!.container, `tr[data-run-id="${id}"] td[data-label="${label}"]`)[0];
    expect(cell('run-1', 'Day (Japan time)')).toBe('Reconciliation of 2026-12-06');
    expect(view.container.querySelector('tr[data-run-id="run-1"] a')?.getAttribute('href')).toBe(
      '/dashboard/reconciliation/run-1',
    );
    expect(cell('run-1', 'Connection')).toBe('Smartpay Tokyo');
    expect(cell('run-1', 'Status')).toBe('Completed');
    expect(texts(view.container, 'tr[data-run-id="run-1"] [data-kind]')).toEqual([
      'Capture Kessai does not know: 1',
      'Order Kessai never saw: 2',
    ]);
    expect(cell('run-1', 'Kessai')).toBe('captured ¥1,234,000, refunded ¥5,000');
    expect(cell('run-1', 'Smartpay')).toBe('captured ¥1,245,000, refunded ¥6,200');
    expect(cell('run-1', 'Open / resolved')).toBe('2 open, 1 resolved');
    expect(cell('run-2', 'Status')).toBe('Running…');
    expect(cell('run-2', 'Differences')).toBe('—');
    expect(cell('run-2', 'Kessai')).toBe('—');
  });

  it('lets an admin start a run for a connection and a Japan day', async () => {
    api = fakeApi({
      'GET /reconciliation-runs': { body: page([]) },
      'GET /payment-services': services,
      'POST /reconciliation-runs': { status: 202, body: run({ id: 'run-9', status: 'pending' }) },
    });
    view = await show(<ReconciliationPage />, aSession());
    expect(texts(view.container, 'p')).toContain('No reconciliation has run yet.');
    const date = view.container.querySelector<HTMLInputElement>('input[name="date"]')!;
    expect(date.value).toBe(japanDay(new Date(), 1));
    await type(date, '2026-12-01');
    await act(() => {
      view!.container
        .querySelector('form.recon-start')
        ?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(api.bodies).toEqual([
      { request: 'POST /reconciliation-runs', body: { payment_service_id: SERVICE, date: '2026-12-01' } },
    ]);
    expect(location.pathname).toBe('/dashboard/reconciliation/run-9');
  });

  it('shows a refused day at the date field, in words', async () => {
    api = fakeApi({
      'GET /reconciliation-runs': { body: page([]) },
      'GET /payment-services': services,
      'POST /reconciliation-runs': {
        status: 400,
        body: {
          code: 'bad_request',
          message: 'date 2099-01-01 has not begun in Japan yet',
          details: [{ location: 'body', pointer: '/date', type: 'invalid_field', message: 'not begun' }],
        },
      },
    });
    view = await show(<ReconciliationPage />, aSession());
    await act(() => {
      view!.container
        .querySelector('form.recon-start')
        ?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(texts(view.container, '[data-field-error="date"]')).toEqual([messages.en['error.rule.invalid_field']]);
  });

  it('offers a viewer the runs but no start', async () => {
    api = fakeApi({ 'GET /reconciliation-runs': { body: page([run()]) }, 'GET /payment-services': services });
    view = await show(<ReconciliationPage />, aSession('viewer'));
    expect(view.container.querySelector('form.recon-start')).toBeNull();
    expect(view.container.querySelectorAll('tr[data-run-id]')).toHaveLength(1);
  });
});

describe('a reconciliation run’s page', () => {
  const at = (search = '') => history.pushState(null, '', `/dashboard/reconciliation/run-1${search}`);

  it('shows what the run compared and its differences, filtered by kind and status from the URL', async () => {
    at('?kind=unknown_order&status=open');
    api = fakeApi({
      'GET /reconciliation-runs/run-1': { body: run() },
      'GET /reconciliation-runs/run-1/items': { body: page([item()]) },
      'GET /payment-services': services,
    });
    view = await show(<ReconciliationRunPage id="run-1" />, aSession());
    expect(texts(view.container, 'h1')).toEqual(['Reconciliation of 2026-12-06']);
    expect(texts(view.container, '[data-fact="kessai-captured"]')).toEqual(['¥1,234,000']);
    expect(texts(view.container, '[data-fact="smartpay-captured"]')).toEqual(['¥1,245,000']);
    expect(texts(view.container, '[data-fact="open"]')).toEqual(['2']);
    expect(api.requests).toContain('GET /reconciliation-runs/run-1/items?kind=unknown_order&status=open&limit=20');
    const row = 'tr[data-item-id="item-1"]';
    expect(texts(view.container, `${row} td[data-label="Kind"]`)).toEqual(['Order Kessai never saw unknown_order']);
    expect(texts(view.container, `${row} td[data-label="Smartpay"]`)).toEqual(['¥17,000']);
    expect(texts(view.container, `${row} td[data-label="Kessai"]`)).toEqual(['—']);
    expect(view.container.querySelector<HTMLSelectElement>('select[name="kind"]')?.value).toBe('unknown_order');
    expect(view.container.querySelector('a[data-export="csv"]')?.getAttribute('href')).toBe(
      '/reconciliation-runs/run-1/items.csv?kind=unknown_order&status=open',
    );

    await act(() => {
      const status = view!.container.querySelector<HTMLSelectElement>('select[name="status"]')!;
      status.value = 'acknowledged';
      status.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(location.search).toBe('?kind=unknown_order&status=acknowledged');
  });

  it('acknowledges an open difference with a note, then shows who, when and why', async () => {
    at();
    let acknowledged = false;
    const done = item({
      status: 'acknowledged',
      resolution: 'acknowledged',
      acknowledgement: {
        actor: { type: 'dashboard_user', id: 'user-1', display: 'ops@shop.example.jp' },
        note: 'test order made by the shop owner in Smartpay',
        acknowledged_at: '2026-12-07T02:03:04.000Z',
      },
    });
    api = fakeApi({
      'GET /reconciliation-runs/run-1': { body: run() },
      'GET /reconciliation-runs/run-1/items': () => ({ body: page([acknowledged ? done : item()]) }),
      'POST /reconciliation-runs/run-1/items/item-1/acknowledge': () => {
        acknowledged = true;
        return { body: done };
      },
      'GET /payment-services': services,
    });
    view = await show(<ReconciliationRunPage id="run-1" />, aSession());
    await act(() =>
      view!.container
        .querySelector<HTMLButtonElement>('button[aria-label="Acknowledge: Order Kessai never saw"]')
        ?.click(),
    );
    await type(
      view.container.querySelector<HTMLTextAreaElement>('dialog textarea[name="note"]')!,
      'test order made by the shop owner in Smartpay',
    );
    await act(() => view!.container.querySelector<HTMLButtonElement>('dialog button[data-confirm]')?.click());
    await settle();
    expect(api.bodies).toEqual([
      {
        request: 'POST /reconciliation-runs/run-1/items/item-1/acknowledge',
        body: { note: 'test order made by the shop owner in Smartpay' },
      },
    ]);
    expect(view.container.querySelector('dialog')).toBeNull();
    const resolution = texts(view.container, 'tr[data-item-id="item-1"] td[data-label="Resolution"]')[0];
    expect(resolution).toMatch(
      /^Acknowledged by ops@shop\.example\.jp on 2026-12-07 11:03:04 GMT\+9: “test order made by the shop owner in Smartpay”$/,
    );
    expect(texts(view.container, 'tr[data-item-id="item-1"] td[data-label="Status"]')).toEqual(['Acknowledged']);
    expect(view.container.querySelector('tr[data-item-id="item-1"] button')).toBeNull();
  });

  it('says why an acknowledgement was refused: a difference no longer open, an empty note at its field', async () => {
    at();
    const refusals = [
      {
        status: 400,
        body: {
          code: 'bad_request',
          message: 'note',
          details: [{ location: 'body', pointer: '/note', type: 'too_small', message: 'too small' }],
        },
      },
      {
        status: 409,
        body: {
          code: 'bad_request',
          message: 'not open',
          details: [{ location: 'body', type: 'reconciliation_item_not_open', message: 'not open' }],
        },
      },
    ];
    api = fakeApi({
      'GET /reconciliation-runs/run-1': { body: run() },
      'GET /reconciliation-runs/run-1/items': { body: page([item()]) },
      'POST /reconciliation-runs/run-1/items/item-1/acknowledge': () => refusals.shift()!,
      'GET /payment-services': services,
    });
    view = await show(<ReconciliationRunPage id="run-1" />, aSession());
    await act(() => view!.container.querySelector<HTMLButtonElement>('tr[data-item-id="item-1"] button')?.click());
    const confirm = () => view!.container.querySelector<HTMLButtonElement>('dialog button[data-confirm]')?.click();
    // Spaces pass the browser's `required`; the API says the note is empty.
    await type(view.container.querySelector<HTMLTextAreaElement>('dialog textarea[name="note"]')!, '   ');
    await act(confirm);
    await settle();
    expect(texts(view.container, 'dialog [data-field-error="note"]')).toHaveLength(1);
    expect(view.container.querySelector('dialog textarea')?.getAttribute('aria-invalid')).toBe('true');
    await act(confirm);
    await settle();
    expect(texts(view.container, 'dialog [role="alert"]')).toEqual([
      `Error: ${messages.en['error.rule.reconciliation_item_not_open']}`,
    ]);
  });

  it('runs the same day again for an admin and follows the new run', async () => {
    at();
    api = fakeApi({
      'GET /reconciliation-runs/run-1': { body: run() },
      'GET /reconciliation-runs/run-1/items': { body: page([]) },
      'GET /payment-services': services,
      'POST /reconciliation-runs': { status: 202, body: run({ id: 'run-2', status: 'pending' }) },
    });
    view = await show(<ReconciliationRunPage id="run-1" />, aSession());
    const again = [...view.container.querySelectorAll('button')].find((b) => b.textContent === 'Run this day again');
    await act(() => again?.click());
    await settle();
    expect(api.bodies).toEqual([
      { request: 'POST /reconciliation-runs', body: { payment_service_id: SERVICE, date: '2026-12-06' } },
    ]);
    expect(location.pathname).toBe('/dashboard/reconciliation/run-2');
  });

  it('says money still moving is not a difference, and offers no acknowledgement for it', async () => {
    at();
    api = fakeApi({
      'GET /reconciliation-runs/run-1': { body: run() },
      'GET /reconciliation-runs/run-1/items': {
        body: page([item({ id: 'item-2', kind: 'in_flight', transaction_id: 'tx-1', kessai_amount: 3_000 })]),
      },
      'GET /payment-services': services,
    });
    view = await show(<ReconciliationRunPage id="run-1" />, aSession());
    const row = 'tr[data-item-id="item-2"]';
    expect(texts(view.container, `${row} td[data-label="Kind"]`)).toEqual(['Money still moving in_flight']);
    expect(texts(view.container, `${row} td[data-label="Resolution"]`)).toEqual([messages.en['recon.inFlight']]);
    expect(view.container.querySelector(`${row} a`)?.getAttribute('href')).toBe('/dashboard/transactions/tx-1');
    expect(view.container.querySelector(`${row} button`)).toBeNull();
  });

  it('offers a viewer the differences and the CSV but no acknowledgement', async () => {
    at();
    api = fakeApi({
      'GET /reconciliation-runs/run-1': { body: run() },
      'GET /reconciliation-runs/run-1/items': { body: page([item()]) },
      'GET /payment-services': services,
    });
    view = await show(<ReconciliationRunPage id="run-1" />, aSession('viewer'));
    expect(view.container.querySelectorAll('tr[data-item-id]')).toHaveLength(1);
    expect(view.container.querySelectorAll('button')).toHaveLength(0);
    expect(view.container.querySelector('a[data-export="csv"]')).not.toBeNull();
  });
});
