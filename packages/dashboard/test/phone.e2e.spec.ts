import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransactionBody } from '@kessai/devkit';
import { SCREENSHOTS } from './browser';
import { type Page } from './signed-in';
import { backend, useDashboardStack } from './stack';

/**
 * Every page on a 390 × 844 phone, in English and Japanese: nothing wider than the screen (no sideways scrolling),
 * with a long external id in the list. Screenshots into screenshots/phone-<page>-<language>.png.
 */
const dashboard = useDashboardStack({
  width: 390,
  signedIn: 'transactions',
  async prepare() {
    await mkdir(SCREENSHOTS, { recursive: true });
    const created = await backend(
      dashboard,
      'POST',
      '/transactions',
      createTransactionBody({
        external_identifier: `phone-order-with-a-long-reference-${Date.now()}`,
      }),
    );
    expect(created.status).toBe(201);
    transactionId = created.body.id;
    const hook = await backend(dashboard, 'POST', '/webhook-subscriptions', {
      url: 'http://127.0.0.1:9/kessai-hooks/a-fairly-long-path-for-the-merchant-endpoint',
    });
    expect(hook.status).toBe(201);
    expect(
      (
        await backend(dashboard, 'POST', '/api-keys', {
          name: 'Order system (production)',
          scopes: ['*.read', '*.write'],
        })
      ).status,
    ).toBe(201);
    await dashboard.page.setViewportSize({ width: 390, height: 844 });
  },
});
let transactionId: string;

const pages = [
  { name: 'transactions', path: 'transactions', ready: () => `tr[data-transaction-id="${transactionId}"]` },
  { name: 'transaction', path: () => `transactions/${transactionId}`, ready: () => '[data-fact="amount"]' },
  { name: 'connections', path: 'connections', ready: () => 'article[data-payment-service-id]' },
  { name: 'webhooks', path: 'webhooks', ready: () => 'main article' },
  { name: 'api-keys', path: 'api-keys', ready: () => 'main table tbody tr' },
] as const;

/**
 * What does not fit: elements reaching past the right edge, and boxes whose content is wider than they are and
 * scrolled or cut off inside them (a page can be 390 px wide while a table in it scrolls sideways). A text field's
 * own long value and the visually hidden are not layout.
 */
const notFitting = (target: Page) =>
  target.evaluate(() => {
    const edge = document.documentElement.clientWidth + 0.5;
    const name = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.classList.length ? `.${[...element.classList].join('.')}` : ''}`;
    const found: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      if (element.closest('input, textarea, select, .visually-hidden, dialog:not([open])')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0) continue;
      if (box.right > edge) found.push(`${name(element)} reaches ${Math.round(box.right)} px`);
      else if (getComputedStyle(element).overflowX !== 'visible' && element.scrollWidth > element.clientWidth + 1)
        found.push(`${name(element)} holds ${element.scrollWidth} px in ${element.clientWidth} px`);
    }
    return found.slice(0, 10);
  });

describe('the dashboard on a 390 px phone', () => {
  for (const language of ['en', 'ja'] as const) {
    for (const view of pages) {
      it(`the ${view.name} page fits the screen in ${language === 'en' ? 'English' : 'Japanese'}, with no sideways scroll`, async () => {
        await dashboard.page.evaluate((locale) => localStorage.setItem('kessai.dashboard.locale', locale), language);
        const path = typeof view.path === 'function' ? view.path() : view.path;
        await dashboard.page.goto(`${dashboard.url}/dashboard/${path}`);
        await dashboard.page.waitForFunction((lang) => document.documentElement.lang === lang, language);
        await dashboard.page.locator(view.ready()).first().waitFor();
        await dashboard.page.screenshot({
          path: join(SCREENSHOTS, `phone-${view.name}-${language}.png`),
          fullPage: true,
        });
        expect(await notFitting(dashboard.page)).toEqual([]);
        expect(await dashboard.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      }, 60_000);
    }
  }
});
