import type { Page } from 'playwright-core';
import { launchChromium, type RunningChromium, seriousViolations } from '../../testing/chromium';
import type { DevKessai } from '../../testing/dev-kessai';
import { startKessai } from '../../testing/start-kessai';

/**
 * The embed as a buyer meets it: the dev stack's demo shop (another origin than the API's) makes a checkout session
 * and an embed token with the merchant's key, its checkout page loads embed.js from the API, the buyer chooses
 * Smartpay, approves on the sandbox's hosted page and comes back; the shop's form receives the transaction, and the
 * shop's server confirms it with its own key; a double click, the back button and a closed tab make one transaction.
 * In Chromium (Debian's), in Japanese and in English, with axe finding no serious violation.
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

  /** Counts into `sent` the POST /transactions the page's embed sends (it leaves before their bodies can be read). */
  function watchCreates(page: Page, sent: string[]): void {
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/transactions') sent.push(request.url());
    });
  }

  /** The merchant's transactions, newest first, as its own server reads them (the dev token). */
  async function merchantTransactions(): Promise<Array<{ id: string; status: string }>> {
    const answer = await fetch(`${stack.dev.apiUrl}/transactions?limit=100`, {
      headers: { authorization: `Bearer ${stack.dev.token}` },
    });
    return ((await answer.json()) as { items: Array<{ id: string; status: string }> }).items;
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
      const first = await chromium.context.newPage();
      const creates: string[] = [];
      watchCreates(first, creates);
      const before = (await merchantTransactions()).length;
      const shop = new URL(stack.dev.shop.url);
      expect(shop.origin).not.toBe(new URL(stack.dev.apiUrl).origin);
      await first.goto(`${shop}?lang=${t.lang}`);
      await first.getByRole('button', { name: t.checkout }).click();

      const smartpay = first.getByRole('radio', { name: 'Smartpay' });
      await smartpay.waitFor();
      expect(await smartpay.isChecked()).toBe(true);
      expect(await first.locator('.kessai-embed').getAttribute('lang')).toBe(t.lang);
      expect(await seriousViolations(first)).toEqual([]);
      const checkoutUrl = first.url();

      // A double click, the back button from Smartpay's page and Pay again, then the tab closed and the checkout
      // page opened again: one transaction throughout, one approval page.
      await first.getByRole('button', { name: t.pay }).dblclick();
      const approveOn = (page: Page) => page.getByRole('button', { name: 'Approve', exact: true });
      await approveOn(first).waitFor();
      const approvalUrl = first.url();
      await first.goBack();
      await first.getByRole('button', { name: t.pay }).click();
      await approveOn(first).waitFor();
      expect(first.url()).toBe(approvalUrl);
      await first.close();
      const page = await chromium.context.newPage();
      watchCreates(page, creates);
      await page.goto(checkoutUrl);
      await page.getByRole('button', { name: t.pay }).click();
      await approveOn(page).waitFor();
      expect(page.url()).toBe(approvalUrl);
      expect(creates).toHaveLength(3);
      await approveOn(page).click();

      // Back on the shop's checkout page: the form holds what the API says of the transaction.
      await page.getByText(t.approved).waitFor();
      expect(new URL(page.url()).origin).toBe(shop.origin);
      expect(new URL(page.url()).searchParams.has('transaction_id')).toBe(false);
      const [made, ...older] = await merchantTransactions();
      expect(older).toHaveLength(before);
      expect(made?.status).toBe('authorization_succeeded');
      const field = (name: string) => page.locator(`#order input[type=hidden][name=${name}]`).inputValue();
      expect(await field('gr4vy_transaction_id')).toBe(made?.id);
      expect(await field('gr4vy_transaction_status')).toBe('authorization_succeeded');
      expect(await page.evaluate('document.body.dataset.lastEvent')).toBe('transactionCreated');
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: t.placeOrder }).click();
      await page.getByRole('heading', { name: t.confirmed }).waitFor();
      expect(await page.locator('#transaction-id').textContent()).toBe(made?.id);
      expect(await page.locator('#transaction-status').textContent()).toBe('authorization_succeeded');
      await page.close();
    },
    90_000,
  );

  it('embed.js is served at a stable URL to any origin, cached briefly and revalidated by its ETag', async () => {
    const url = `${stack.dev.apiUrl}/embed/v1/embed.js`;
    const first = await fetch(url, { headers: { origin: stack.dev.shop.origin } });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(first.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await first.text()).toMatch(/^var Kessai=/);
    const etag = first.headers.get('etag') as string;
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

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
