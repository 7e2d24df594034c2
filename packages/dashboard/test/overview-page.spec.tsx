/** @jest-environment jsdom */

import type { Overview } from '../src/overview-resource';
import { OverviewPage } from '../src/pages/overview';
import { type FakeApi, fakeApi } from './fake-api';
import { type Rendered, show, texts } from './render';
import { aSession } from './session-fixture';

const day = (date: string, amounts: [number, number, number] = [0, 0, 0]) => ({
  date,
  created_count: amounts[0] > 0 ? 1 : 0,
  approved_count: amounts[0] > 0 ? 1 : 0,
  authorized_amount: amounts[0],
  captured_amount: amounts[1],
  refunded_amount: amounts[2],
});

function anOverview(fields: Partial<Overview> = {}): Overview {
  // 30 days, 2026-11-08 … 2026-12-07 (today), sales only today.
  const days = Array.from({ length: 30 }, (_, i) =>
    day(new Date(Date.UTC(2026, 10, 8 + i)).toISOString().slice(0, 10), i === 29 ? [36_000, 19_000, 3_000] : undefined),
  );
  return {
    type: 'analytics-overview',
    time_zone: 'Asia/Tokyo',
    generated_at: '2026-12-07T03:00:00.000Z',
    days,
    today: {
      created_count: 5,
      approved_count: 3,
      authorized_amount: 36_000,
      captured_amount: 19_000,
      refunded_amount: 3_000,
      approval_conversion: 0.6,
    },
    last_30_days: {
      created_count: 8,
      approved_count: 6,
      authorized_amount: 1_236_000,
      captured_amount: 19_000,
      refunded_amount: 3_000,
      approval_conversion: 0.75,
    },
    money_states: {
      pending: 1,
      uncaptured: 2,
      partially_captured: 0,
      captured: 1,
      partially_refunded: 1,
      refunded: 0,
      voided: 0,
      cancelled: 1,
      failed: 2,
    },
    needs_attention: {
      unknown_outcomes: 1,
      partly_made_refunds: 0,
      expiring_approvals: 2,
      failed_webhook_deliveries: 3,
    },
    ...fields,
  };
}

let api: FakeApi | undefined;
let view: Rendered | undefined;
beforeAll(() => {
  // jsdom has no matchMedia, which Chartist asks for; the page is drawn as in a desktop browser.
  window.matchMedia = ((query: string) => ({
    matches: false,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia;
});
afterEach(() => {
  view?.unmount();
  view = undefined;
  api?.restore();
});

describe('the overview page', () => {
  it("asks for the merchant's time zone and shows today's and the 30 days' figures in yen, with the conversion", async () => {
    api = fakeApi({ 'GET /analytics/overview': { body: anOverview() } });
    view = await show(<OverviewPage />, aSession());

    expect(api.requests).toEqual(['GET /analytics/overview?time_zone=Asia%2FTokyo']);
    const figures = (period: string) => texts(view?.container as HTMLElement, `[data-period="${period}"] dd`);
    expect(figures('today')).toEqual(['¥36,000', '¥19,000', '¥3,000', '60%3 approved of 5 created']);
    expect(figures('last-30-days')).toEqual(['¥1,236,000', '¥19,000', '¥3,000', '75%6 approved of 8 created']);
  });

  it('counts each money state in words, in the order the list badges use', async () => {
    api = fakeApi({ 'GET /analytics/overview': { body: anOverview() } });
    view = await show(<OverviewPage />, aSession());

    const rows = Array.from(view.container.querySelectorAll('[data-money-state]'), (row) => texts(row, 'dt, dd'));
    expect(rows).toEqual([
      ['Awaiting authorization', '1'],
      ['Uncaptured', '2'],
      ['Partially captured', '0'],
      ['Captured', '1'],
      ['Partially refunded', '1'],
      ['Refunded', '0'],
      ['Voided', '0'],
      ['Cancelled', '1'],
      ['Failed', '2'],
    ]);
  });

  it('lists what needs attention, each count linked to where it is dealt with', async () => {
    api = fakeApi({ 'GET /analytics/overview': { body: anOverview() } });
    view = await show(<OverviewPage />, aSession());

    const items = Array.from(view.container.querySelectorAll('[data-attention]'), (item) => [
      item.getAttribute('data-attention'),
      item.querySelector('.count')?.textContent,
      item.querySelector('a')?.getAttribute('href'),
    ]);
    expect(items).toEqual([
      ['unknown-outcomes', '1', '/dashboard/transactions?attention=unknown_outcome'],
      ['partly-made-refunds', '0', '/dashboard/transactions?attention=partly_made_refund'],
      ['expiring-approvals', '2', '/dashboard/transactions?attention=expiring_approval'],
      ['failed-deliveries', '3', '/dashboard/webhooks'],
    ]);
    expect(view.container.textContent).not.toContain('Nothing is waiting for you.');
  });

  it('draws each chart hidden from screen readers, with its numbers in a table a keyboard opens', async () => {
    api = fakeApi({ 'GET /analytics/overview': { body: anOverview() } });
    view = await show(<OverviewPage />, aSession());

    const charts = Array.from(view.container.querySelectorAll('figure.chart'));
    expect(charts.map((c) => c.querySelector('figcaption')?.textContent)).toEqual([
      'Volume today',
      'Volume by day, last 30 days',
    ]);
    for (const chart of charts) {
      expect(chart.querySelector('.ct-chart')?.getAttribute('aria-hidden')).toBe('true');
      expect(chart.querySelector('details summary')?.textContent).toBe('Show the numbers as a table');
    }
    const lastDay = Array.from(charts[1]?.querySelectorAll('tbody tr') ?? []).at(-1);
    expect(texts(lastDay as Element, 'th, td')).toEqual(['Mon, December 7, 2026', '¥36,000', '¥19,000', '¥3,000']);
    const firstDay = charts[1]?.querySelector('tbody tr th')?.textContent;
    expect(firstDay).toBe('Sun, November 8, 2026');
    expect(charts[1]?.querySelectorAll('tbody tr')).toHaveLength(30);
  });

  it('says so when nothing waits, and shows a dash for a conversion of nothing created', async () => {
    const none = { unknown_outcomes: 0, partly_made_refunds: 0, expiring_approvals: 0, failed_webhook_deliveries: 0 };
    const empty = { ...anOverview().today, created_count: 0, approved_count: 0, approval_conversion: null };
    api = fakeApi({ 'GET /analytics/overview': { body: anOverview({ needs_attention: none, today: empty }) } });
    view = await show(<OverviewPage />, aSession());

    expect(view.container.textContent).toContain('Nothing is waiting for you.');
    expect(texts(view.container, '[data-period="today"] [data-figure="conversion"] .figure')).toEqual(['—']);
  });
});
