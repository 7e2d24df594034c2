import type { Page } from 'playwright-core';
import { launchChromium, type RunningChromium, seriousViolations } from '../../testing/chromium';
import type { DevKessai } from '../../testing/dev-kessai';
import { startKessai } from '../../testing/start-kessai';

/**
 * The embed as a buyer meets it: the dev stack's demo shop (another origin than the API's) makes a checkout session
 * and an embed token with the merchant's key, its checkout page loads embed.js from the API, the buyer chooses
 * Smartpay, approves on the sandbox's hosted page and comes back; the shop's form receives the transaction, and the
 * shop's server confirms it with its own key. In Chromium (Debian's), in Japanese and in English.
 */
describe('the embed on the demo shop, in Chromium', () => {
  let stack: DevKessai;
  let chromium: RunningChromium;
  beforeAll(async () => {
    stack = await startKessai({ processes: 'dev' });
    chromium = await launchChromium({ locale: 'ja-JP' });
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await stack?.close();
  });

  /** The transactions the page's embed created (their ids, from the API's answers), as they happen. */
  function createdTransactions(page: Page): string[] {
    const ids: string[] = [];
    page.on('response', async (response) => {
      const request = response.request();
      if (request.method() === 'POST' && new URL(response.url()).pathname === '/transactions')
        ids.push((await response.json().catch(() => ({}))).id);
    });
    return ids;
  }

  const LANGS = [
    {
      lang: 'ja',
      checkout: 'レジに進む',
      pay: '￥11,000 を支払う',
      approved: 'お支払いが承認されました。注文を確定してください。',
      placeOrder: '注文を確定する',
      confirmed: 'ご注文ありがとうございます',
    },
    {
      lang: 'en',
      checkout: 'Go to checkout',
      pay: 'Pay ¥11,000',
      approved: 'Payment approved. Please place your order.',
      placeOrder: 'Place order',
      confirmed: 'Thank you for your order',
    },
  ] as const;

  it.each(LANGS)(
    '$lang: the embed offers Smartpay, the buyer approves on the sandbox, the form receives authorization_succeeded',
    async (t) => {
      const page = await chromium.context.newPage();
      const created = createdTransactions(page);
      const shop = new URL(stack.dev.shop.url);
      expect(shop.origin).not.toBe(new URL(stack.dev.apiUrl).origin);
      await page.goto(`${shop}?lang=${t.lang}`);
      await page.getByRole('button', { name: t.checkout }).click();

      const smartpay = page.getByRole('radio', { name: 'Smartpay' });
      await smartpay.waitFor();
      expect(await smartpay.isChecked()).toBe(true);
      expect(await page.locator('.kessai-embed').getAttribute('lang')).toBe(t.lang);
      expect(await seriousViolations(page)).toEqual([]);

      // A double click, then the back button from Smartpay's page and Pay again: one transaction throughout.
      await page.getByRole('button', { name: t.pay }).dblclick();
      const approve = page.getByRole('button', { name: 'Approve', exact: true });
      await approve.waitFor();
      const approvalUrl = page.url();
      await page.goBack();
      await page.getByRole('button', { name: t.pay }).click();
      await approve.waitFor();
      expect(page.url()).toBe(approvalUrl);
      expect(created).toHaveLength(2);
      expect(new Set(created).size).toBe(1);
      await approve.click();

      // Back on the shop's checkout page: the form holds what the API says of the transaction.
      await page.getByText(t.approved).waitFor();
      expect(new URL(page.url()).origin).toBe(shop.origin);
      expect(new URL(page.url()).searchParams.has('transaction_id')).toBe(false);
      const field = (name: string) => page.locator(`#order input[type=hidden][name=${name}]`).inputValue();
      expect(await field('kessai_transaction_id')).toBe(created[0]);
      expect(await field('kessai_transaction_status')).toBe('authorization_succeeded');
      expect(await page.evaluate('document.body.dataset.lastEvent')).toBe('transactionCreated');
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: t.placeOrder }).click();
      await page.getByRole('heading', { name: t.confirmed }).waitFor();
      expect(await page.locator('#transaction-id').textContent()).toBe(created[0]);
      expect(await page.locator('#transaction-status').textContent()).toBe('authorization_succeeded');
      await page.close();
    },
    90_000,
  );

  it('without a shipping address the embed says why Smartpay is not offered', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${stack.dev.shop.url}?lang=en`);
    await page.getByLabel('Buy without a shipping address (Smartpay is not offered)').check();
    await page.getByRole('button', { name: 'Go to checkout' }).click();
    await page.getByText('Smartpay is not available: it needs a shipping address.').waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  }, 60_000);
});
