import { createTransactionBody } from '@kessai/devkit';
import { screenshots, seriousViolations } from './browser';
import { backend, useDashboardStack } from './stack';

/**
 * The overview, where a person lands after signing in: three payments the backend made (one approved by the buyer
 * and partly captured, one waiting for the buyer, one cancelled) counted by the API and shown as figures, charts
 * and counts, in English and Japanese, at 1280 and 390 px. Screenshots overview-<en|ja>-<desktop|mobile>.png.
 */
const dashboard = useDashboardStack({
  signedIn: 'overview',
  async prepare() {
    const body = (reference: string) =>
      createTransactionBody({
        external_identifier: `overview-${reference}-${Date.now()}`,
        payment_method: {
          method: 'smartpay',
          redirect_url: `${dashboard.url}/dev/thanks`,
          country: 'JP',
          currency: 'JPY',
        },
      });
    const approved = await backend(dashboard, 'POST', '/transactions', body('approved'));
    const waiting = await backend(dashboard, 'POST', '/transactions', body('waiting'));
    const cancelled = await backend(dashboard, 'POST', '/transactions', body('cancelled'));
    expect([approved.status, waiting.status, cancelled.status]).toEqual([201, 201, 201]);
    expect((await backend(dashboard, 'POST', `/transactions/${cancelled.body.id}/cancel`)).status).toBe(200);

    const buyer = await dashboard.browser.context.newPage();
    await buyer.goto(approved.body.payment_method.approval_url);
    await buyer.getByRole('button', { name: 'Approve', exact: true }).click();
    await buyer.waitForURL((url) => url.pathname === '/dev/thanks');
    await buyer.close();
    for (let tries = 0; ; tries++) {
      const tx = await backend(dashboard, 'GET', `/transactions/${approved.body.id}`);
      if (tx.body.status === 'authorization_succeeded') break;
      if (tries > 100) throw new Error(`the approval never arrived: ${tx.body.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const capture = await backend(dashboard, 'POST', `/transactions/${approved.body.id}/capture`, {
      amount: 5000,
      final: false,
    });
    expect(capture.body.status).toBe('capture_succeeded');
  },
});

const texts = (selector: string) => dashboard.page.locator(selector).allTextContents();
const fitsAPhone = async () => {
  await dashboard.page.setViewportSize({ width: 390, height: 844 });
  const width = await dashboard.page.evaluate(() => document.documentElement.scrollWidth);
  await dashboard.page.setViewportSize({ width: 1280, height: 900 });
  return width;
};

describe('the overview in the dashboard (Chromium)', () => {
  it('is where a person lands after signing in, first in the navigation and marked current', async () => {
    await expect(dashboard.page.evaluate(() => location.pathname)).resolves.toBe('/dashboard/');
    const current = dashboard.page.getByRole('navigation').locator('a[aria-current="page"]');
    await expect(current.textContent()).resolves.toBe('Overview');
  });

  it("shows today's volume, conversion and money states as the API counted them, drawn as charts", async () => {
    await dashboard.page.locator('[data-period="today"]').waitFor();
    await expect(texts('[data-period="today"] .figure')).resolves.toEqual(['¥12,000', '¥5,000', '¥0', '33.3%']);
    await expect(texts('[data-period="today"] [data-figure="conversion"] .hint')).resolves.toEqual([
      '1 approved of 3 created',
    ]);
    const states = await dashboard.page
      .locator('[data-money-state]')
      .evaluateAll((rows) =>
        rows.map((row) => [row.getAttribute('data-money-state'), row.querySelector('dd')?.textContent]),
      );
    expect(Object.fromEntries(states)).toMatchObject({
      pending: '1',
      partially_captured: '1',
      cancelled: '1',
      captured: '0',
    });
    await expect(dashboard.page.locator('[data-chart="volume-30-days"] svg .ct-bar').count()).resolves.toBe(90);
    await expect(dashboard.page.locator('[data-chart="volume-today"] svg .ct-bar').count()).resolves.toBe(3);
    await expect(texts('[data-attention] .count')).resolves.toEqual(['0', '0', '0', '0']);
  });

  it('opens a chart’s numbers as a table from the keyboard', async () => {
    const summary = dashboard.page.locator('[aria-labelledby="volume-30-days-caption"] summary');
    await summary.focus();
    await dashboard.page.keyboard.press('Enter');
    const lastRow = dashboard.page.locator('[aria-labelledby="volume-30-days-caption"] tbody tr').last();
    await lastRow.waitFor();
    await expect(lastRow.locator('td').allTextContents()).resolves.toEqual(['¥12,000', '¥5,000', '¥0']);
  });

  it('opens an attention row as the list narrowed to what it counts, the filter shown and kept in the URL', async () => {
    await dashboard.page.getByRole('link', { name: 'buyer approvals that expire within 15 minutes' }).click();
    await dashboard.page.waitForURL((url) => url.pathname === '/dashboard/transactions');
    await expect(dashboard.page.evaluate(() => location.search)).resolves.toBe('?attention=expiring_approval');
    await expect(dashboard.page.locator('#filter-attention').inputValue()).resolves.toBe('expiring_approval');
    // None of the three payments expires within 15 minutes: the list says so rather than showing all three.
    await dashboard.page.getByText('No transactions match.').waitFor();
    await dashboard.page.goBack();
    await dashboard.page.locator('[data-period="today"]').waitFor();
  });

  it('has no serious accessibility violation and fits a 390 px phone, in English and in Japanese', async () => {
    expect(await seriousViolations(dashboard.page)).toEqual([]);
    expect(await fitsAPhone()).toBeLessThanOrEqual(390);
    await screenshots(dashboard.page, 'overview-en');

    await dashboard.page.getByLabel('Language').selectOption('ja');
    await dashboard.page.getByRole('heading', { name: '概要', level: 1 }).waitFor();
    await expect(texts('[data-period="today"] [data-figure="conversion"] .hint')).resolves.toEqual([
      '作成 3 件中 1 件が承認',
    ]);
    expect(await seriousViolations(dashboard.page)).toEqual([]);
    expect(await fitsAPhone()).toBeLessThanOrEqual(390);
    await screenshots(dashboard.page, 'overview-ja');
  }, 60_000);
});
