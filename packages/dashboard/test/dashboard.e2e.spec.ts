import { readFile } from 'node:fs/promises';
import { createTransactionBody } from '../../http/src/testing/requests';
import { eventually } from '../../http/src/testing/stack';
import { launch, type Page, type RunningBrowser, screenshots, seriousViolations } from './browser';
import { backend, createUser, type DashboardStack, startDashboardStack } from './stack';

/**
 * The dashboard in a real browser (Debian's Chromium, headless) against what `pnpm start` serves: sign-in, a
 * transaction made by the merchant's backend showing up and going live, capture and refund from the UI with the
 * totals checked at the API and at the Smartpay sandbox, connections, webhooks, API keys, a viewer, CSRF and
 * sign-in throttling. Every page is screenshotted at 1280 and 390 px and checked by axe-core.
 */
const admin = { email: 'ops-admin@shop.example.jp', password: 'correct horse battery staple 1' };
const viewer = { email: 'ops-viewer@shop.example.jp', password: 'correct horse battery staple 2' };

let stack: DashboardStack;
let browser: RunningBrowser;
let page: Page;
let transactionId: string;
let pendingId: string;

beforeAll(async () => {
  stack = await startDashboardStack();
  await createUser(stack, admin.email, 'admin', admin.password);
  await createUser(stack, viewer.email, 'viewer', viewer.password);
  browser = await launch({ locale: 'en-US' });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Screenshots at both widths and no serious or critical axe violation. */
async function checkPage(name: string) {
  await screenshots(page, name);
  expect(await seriousViolations(page)).toEqual([]);
}

async function signIn(target: Page, who: { email: string; password: string }) {
  await target.goto(`${stack.url}/dashboard/`);
  await target.getByLabel('E-mail').fill(who.email);
  await target.getByLabel('Password').fill(who.password);
  await target.getByRole('button', { name: 'Sign in' }).click();
  await target.getByRole('heading', { name: 'Transactions', level: 1 }).waitFor();
}

const fact = (name: string) => page.locator(`[data-fact="${name}"]`);

describe('the dashboard in Chromium', () => {
  it('signs in with e-mail and password', async () => {
    await page.goto(`${stack.url}/dashboard/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await checkPage('sign-in');
    await signIn(page, admin);
    await page.getByText(`Signed in as ${admin.email}`).waitFor();
  }, 60_000);

  it('shows a transaction the backend creates, live: pending, then authorized once the buyer approves', async () => {
    const created = await backend(
      stack,
      'POST',
      '/transactions',
      createTransactionBody({
        external_identifier: `dash-${Date.now()}`,
        payment_method: {
          method: 'smartpay',
          redirect_url: `${stack.url}/dev/thanks`,
          country: 'JP',
          currency: 'JPY',
        },
      }),
    );
    expect(created.status).toBe(201);
    transactionId = created.body.id;
    // The list polls the API: the new row appears without a reload.
    const row = page.locator(`tr[data-transaction-id="${transactionId}"]`);
    await row.locator('[data-status="buyer_approval_pending"]').waitFor();
    await expect(row.textContent()).resolves.toContain('¥12,000');
    await checkPage('transactions');

    // The API's filters: a search by external id finds it alone; a bad amount gets the API's message by its field.
    const other = await backend(
      stack,
      'POST',
      '/transactions',
      createTransactionBody({ external_identifier: 'other-order' }),
    );
    expect(other.status).toBe(201);
    pendingId = other.body.id;
    await page.locator(`tr[data-transaction-id="${other.body.id}"]`).waitFor();
    const filters = page.getByRole('form', { name: 'Filters' });
    await filters.getByLabel('Search (ID, external ID, buyer e-mail)').fill(created.body.external_identifier);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForFunction(
      (id) =>
        [...document.querySelectorAll('tr[data-transaction-id]')].every(
          (tr) => tr.getAttribute('data-transaction-id') === id,
        ),
      transactionId,
    );
    await expect(page.locator('tr[data-transaction-id]').count()).resolves.toBe(1);
    await filters.getByLabel('Amount at least (¥)').fill('a lot');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    const badAmount = await backend(stack, 'GET', '/transactions?amount_gte=a%20lot');
    expect(badAmount.status).toBe(400);
    await filters.locator('[data-field-error="amount_gte"]', { hasText: badAmount.body.details[0].message }).waitFor();
    await filters.getByRole('button', { name: 'Reset' }).click();
    await row.waitFor();

    await row.getByRole('link').click();
    await page.getByRole('heading', { name: `Transaction ${transactionId}` }).waitFor();
    await expect(page.getByLabel('Approval URL (buyer has not approved yet)').inputValue()).resolves.toBe(
      created.body.payment_method.approval_url,
    );

    // The buyer approves on the sandbox's hosted page, in a tab of their own.
    const buyer = await browser.context.newPage();
    await buyer.goto(created.body.payment_method.approval_url);
    await buyer.getByRole('button', { name: 'Approve', exact: true }).click();
    await buyer.waitForURL((url) => url.pathname === '/dev/thanks');
    await buyer.close();

    // The webhook moves the transaction on; the open page shows it without a reload.
    await page.locator('.big-status [data-status="authorization_succeeded"]').waitFor();
    await expect(fact('authorized').textContent()).resolves.toBe('¥12,000');
    const order = (await backend(stack, 'GET', `/transactions/${transactionId}`)).body.payment_service_transaction_id;
    await expect(fact('smartpay-order').textContent()).resolves.toBe(order);
    await expect(page.getByLabel('Approval URL (buyer has not approved yet)').count()).resolves.toBe(0);
  }, 60_000);

  it('captures part and refunds part from the dashboard; the API and the sandbox agree on the totals', async () => {
    // A dialog takes the focus, Escape closes it, and the focus goes back to the button that opened it.
    await page.getByRole('button', { name: 'Sync with Smartpay' }).click();
    const sync = page.getByRole('dialog', { name: 'Sync with Smartpay' });
    await page.waitForFunction(() => document.activeElement?.closest('dialog') !== null);
    await page.keyboard.press('Escape');
    await sync.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-action') === 'sync');

    await page.getByRole('button', { name: 'Capture', exact: true }).click();
    const capture = page.getByRole('dialog', { name: 'Capture a payment' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'amount');
    await capture.getByLabel('Amount (¥)').fill('7000');
    await expect(capture.getByLabel('Final capture (the rest is released)').isChecked()).resolves.toBe(false);
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/capture'));
    await capture.getByRole('button', { name: 'Capture', exact: true }).click();
    const headers = (await posted).headers();
    expect(headers['idempotency-key']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(headers['x-csrf-token']).toBeTruthy();
    await capture.waitFor({ state: 'hidden' });
    await page.locator('[data-fact="captured"]', { hasText: '¥7,000' }).waitFor();

    // A refused refund: the API's own message, next to the field its pointer names.
    await page.getByRole('button', { name: 'Refund', exact: true }).click();
    const refund = page.getByRole('dialog', { name: 'Refund' });
    await refund.getByLabel('Amount (¥)').fill('1.5');
    await refund.getByRole('button', { name: 'Refund', exact: true }).click();
    const refused = await backend(stack, 'POST', `/transactions/${transactionId}/refunds`, { amount: 1.5 });
    expect(refused.status).toBe(400);
    const message = refused.body.details.find((d: { pointer: string }) => d.pointer === '/amount').message;
    await refund.locator('[data-field-error="amount"]', { hasText: message }).waitFor();

    await refund.getByLabel('Amount (¥)').fill('3000');
    await refund.getByLabel('Reason').fill('requested_by_customer');
    await refund.getByRole('button', { name: 'Refund', exact: true }).click();
    await refund.waitFor({ state: 'hidden' });
    await page.locator('[data-fact="refunded"]', { hasText: '¥3,000' }).waitFor();

    const tx = (await backend(stack, 'GET', `/transactions/${transactionId}`)).body;
    expect(tx).toMatchObject({ status: 'capture_succeeded', captured_amount: 7000, refunded_amount: 3000 });
    const sandboxOrder = stack.dev.sandbox?.control.order(tx.payment_service_transaction_id);
    expect(sandboxOrder?.totals).toMatchObject({ capturedAmount: 7000, refundedAmount: 3000 });
    await expect(fact('captured').textContent()).resolves.toBe('¥7,000');

    // Who did it: the timeline names the dashboard user, as the events API does.
    const events = (await backend(stack, 'GET', `/transactions/${transactionId}/events`)).body.items;
    const captured = events.find((e: { name: string }) => e.name === 'transaction.captured');
    expect(captured.actor).toMatchObject({ type: 'dashboard_user', display: admin.email });
    await page
      .locator('[data-event="transaction.captured"] [data-actor="dashboard_user"]', { hasText: admin.email })
      .waitFor();
    const created = events.find((e: { name: string }) => e.name === 'transaction.created');
    expect(created.actor).toMatchObject({ type: 'api_key' });
    await page
      .locator('[data-event="transaction.created"] [data-actor="api_key"]', { hasText: created.actor.display })
      .waitFor();
    await checkPage('transaction-detail');
  }, 60_000);

  it('refuses a state change without the CSRF token (the cookie alone is not enough)', async () => {
    const answer = await page.evaluate(async (id) => {
      const response = await fetch(`/transactions/${id}/capture`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ amount: 1000, final: false }),
      });
      return { status: response.status, body: await response.json() };
    }, transactionId);
    expect(answer).toMatchObject({ status: 403, body: { code: 'csrf_token_invalid' } });
    expect((await backend(stack, 'GET', `/transactions/${transactionId}`)).body.captured_amount).toBe(7000);
  });

  it('cancels a transaction still awaiting the buyer, as the API answers it', async () => {
    await page.goto(`${stack.url}/dashboard/transactions/${pendingId}`);
    await page.locator('.big-status [data-status="buyer_approval_pending"]').waitFor();
    await expect(
      page.locator('[data-action]').evaluateAll((b) => b.map((e) => e.getAttribute('data-action'))),
    ).resolves.toEqual(['cancel', 'sync']);
    await page.getByRole('button', { name: 'Cancel transaction' }).click();
    await page
      .getByRole('dialog', { name: 'Cancel the pending transaction' })
      .getByRole('button', { name: 'Cancel transaction' })
      .click();
    const status = (
      await eventually(
        () => backend(stack, 'GET', `/transactions/${pendingId}`),
        (r) => r.body.status !== 'buyer_approval_pending',
      )
    ).body.status;
    await page.locator(`.big-status [data-status="${status}"]`).waitFor();
    await expect(page.getByLabel('Approval URL (buyer has not approved yet)').count()).resolves.toBe(0);
  }, 60_000);

  it('adds a Smartpay connection (key verified first) and shows the webhook URL to paste into Smartpay', async () => {
    await page.getByRole('link', { name: 'Connections' }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Add a Smartpay connection' });
    await form.getByLabel('Display name').fill('Smartpay (second shop)');
    await form.getByLabel('Secret key (sk_test_… or sk_live_…)').fill('not-a-key');
    await form.getByRole('button', { name: 'Verify and save' }).click();
    await form.locator('.field-error, [role="alert"]').first().waitFor();

    await form.getByLabel('Secret key (sk_test_… or sk_live_…)').fill(`sk_test_dash${Date.now()}`);
    await form.getByRole('button', { name: 'Verify and save' }).click();
    const card = page.getByRole('article', { name: /Smartpay \(second shop\)/ });
    await card.waitFor();
    const services = (await backend(stack, 'GET', '/payment-services')).body.items;
    const added = services.find((s: { display_name: string }) => s.display_name === 'Smartpay (second shop)');
    expect(added.webhook_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    await expect(card.getByLabel('Webhook URL to paste into Smartpay').inputValue()).resolves.toBe(added.webhook_url);
    await card.getByRole('button', { name: 'Copy' }).click();
    await card.getByText('Copied').waitFor();
    await checkPage('connections');

    // Rotate the key (verified again first), then deactivate: each lands in the API.
    await card.getByRole('button', { name: 'Rotate the secret key' }).click();
    const rotate = page.getByRole('dialog', { name: 'New secret key for Smartpay (second shop)' });
    await rotate.getByLabel('New secret key').fill(`sk_test_rotated${Date.now()}`);
    await rotate.getByRole('button', { name: 'Confirm' }).click();
    await rotate.waitFor({ state: 'hidden' });
    await card.getByRole('button', { name: 'Deactivate' }).click();
    await page
      .getByRole('dialog', { name: 'Deactivate Smartpay (second shop)' })
      .getByRole('button', { name: 'Confirm' })
      .click();
    await card.getByText('Inactive').waitFor();
    const after = (await backend(stack, 'GET', `/payment-services/${added.id}`)).body;
    expect(after.active).toBe(false);
  }, 60_000);

  it('creates an API key (the private key downloaded once), lists and revokes it', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await page.getByLabel('Key name').fill('order backend');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Create and download' }).click(),
    ]);
    const pem = await readFile((await download.path()) as string, 'utf8');
    expect(pem).toContain('-----BEGIN PRIVATE KEY-----');
    const keys = (await backend(stack, 'GET', '/api-keys')).body.items;
    const key = keys.find((k: { name: string }) => k.name === 'order backend');
    expect(key).toBeDefined();
    expect(JSON.stringify(keys)).not.toContain('PRIVATE KEY');
    const row = page.locator(`tr[data-api-key-id="${key.id}"]`);
    await row.waitFor();
    await checkPage('api-keys');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked').waitFor();
    const after = (await backend(stack, 'GET', '/api-keys')).body.items.find((k: { id: string }) => k.id === key.id);
    expect(after.revoked_at).not.toBeNull();
  }, 60_000);

  it('adds a webhook subscription, shows its secret once and its deliveries', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9/kessai-hooks');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByLabel(/Signing secret/).inputValue()).resolves.toMatch(/\S{16,}/);
    const card = page.getByRole('article', { name: 'http://127.0.0.1:9/kessai-hooks' });
    const firstSecret = await page.getByLabel(/Signing secret/).inputValue();
    await card.getByRole('button', { name: 'Show deliveries' }).click();
    await card.getByRole('heading', { name: 'Deliveries' }).waitFor();

    // An event after subscribing: its delivery (to a closed port) shows with its attempts, and can be sent again.
    const made = await backend(
      stack,
      'POST',
      '/transactions',
      createTransactionBody({ external_identifier: 'hooked' }),
    );
    expect(made.status).toBe(201);
    // transaction.created is not published to merchants; a cancel is (as transaction.failed).
    expect((await backend(stack, 'POST', `/transactions/${made.body.id}/cancel`, {})).status).toBe(200);
    const delivery = card.locator('li', { has: page.getByRole('link', { name: made.body.id }) }).first();
    await delivery.waitFor();
    const subscriptionId = (await backend(stack, 'GET', '/webhook-subscriptions')).body.items[0].id;
    const deliveries = () => backend(stack, 'GET', `/webhook-subscriptions/${subscriptionId}/deliveries`);
    const attempted = await eventually(deliveries, (r) =>
      r.body.items.some((d: { attempts: unknown[] }) => d.attempts.length > 0),
    );
    const target = attempted.body.items.find((d: { attempts: unknown[] }) => d.attempts.length > 0);
    const redelivered = page.waitForResponse((r) => r.url().endsWith(`/deliveries/${target.id}/redeliver`));
    await card
      .locator('li', { hasText: target.event_name })
      .filter({ has: page.getByRole('link', { name: made.body.id }) })
      .first()
      .getByRole('button', { name: 'Redeliver' })
      .click();
    expect((await redelivered).status()).toBe(202);
    await checkPage('webhooks');

    await card.getByRole('button', { name: 'Rotate secret' }).click();
    await page
      .getByRole('dialog', { name: 'Rotate the signing secret' })
      .getByRole('button', { name: 'Confirm' })
      .click();
    await page.waitForFunction(
      (old) => (document.querySelector('input[name="webhook_secret"]') as HTMLInputElement | null)?.value !== old,
      firstSecret,
    );
    await card.getByText(/rotating \(previous secret valid until/).waitFor();
  }, 60_000);

  it('speaks Japanese when asked, and remembers it', async () => {
    await page.getByRole('link', { name: 'Transactions' }).click();
    await page.locator(`tr[data-transaction-id="${transactionId}"] [data-status="capture_succeeded"]`).waitFor();
    await page.locator(`tr[data-transaction-id="${pendingId}"] [data-status="authorization_failed"]`).waitFor();
    // Dates in the merchant's time zone (the session's, Asia/Tokyo): what the API says, nine hours ahead of UTC.
    const tokyo = (iso: string) =>
      new Date(Date.parse(iso) + 9 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    await eventually(
      async () => ({
        api: `${tokyo((await backend(stack, 'GET', `/transactions/${transactionId}`)).body.updated_at)} GMT+9`,
        shown: await page.locator(`tr[data-transaction-id="${transactionId}"] td`).first().textContent(),
      }),
      ({ api, shown }) => api === shown,
    );
    await checkPage('transactions-later');
    await page.getByLabel('Language').selectOption('ja');
    await page.getByRole('heading', { name: '取引', level: 1 }).waitFor();
    await page.goto(`${stack.url}/dashboard/transactions/${transactionId}`);
    await page.getByRole('heading', { name: `取引 ${transactionId}` }).waitFor();
    await expect(page.locator('[data-fact="captured"]').textContent()).resolves.toBe('¥7,000');
    await checkPage('transaction-detail-ja');
    await page.getByLabel('言語').selectOption('en');
    await page.getByRole('heading', { name: `Transaction ${transactionId}` }).waitFor();
  }, 60_000);

  it('a viewer sees the transaction but cannot capture: no action offered, and the API refuses a forced one', async () => {
    const other = await launch({ locale: 'en-US' });
    try {
      const tab = other.context.pages()[0] ?? (await other.context.newPage());
      await signIn(tab, viewer);
      await tab.goto(`${stack.url}/dashboard/transactions/${transactionId}`);
      await tab.locator('.big-status [data-status="capture_succeeded"]').waitFor();
      await tab.getByText(/Your role is read only/).waitFor();
      await expect(
        tab.locator('[data-action]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-action'))),
      ).resolves.toEqual(['sync']);
      await expect(tab.getByRole('button', { name: 'Capture', exact: true }).count()).resolves.toBe(0);
      const forced = await tab.evaluate(async (id) => {
        const session = await (await fetch('/dashboard/api/session')).json();
        const response = await fetch(`/transactions/${id}/capture`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf_token },
          body: JSON.stringify({ amount: 1000, final: false }),
        });
        return { status: response.status, body: await response.json() };
      }, transactionId);
      expect(forced).toMatchObject({ status: 403, body: { code: 'forbidden' } });
      expect((await backend(stack, 'GET', `/transactions/${transactionId}`)).body.captured_amount).toBe(7000);

      // The session ends elsewhere (signed out in another tab): the next refresh gets a 401 and asks to sign in.
      const ended = await tab.evaluate(async () => {
        const session = await (await fetch('/dashboard/api/session')).json();
        const response = await fetch('/dashboard/api/session', {
          method: 'DELETE',
          headers: { 'x-csrf-token': session.csrf_token },
        });
        return response.status;
      });
      expect(ended).toBe(204);
      await tab.getByText('Your session ended. Please sign in again.').waitFor();
      await tab.getByRole('heading', { name: 'Sign in' }).waitFor();
    } finally {
      await other.close();
    }
  }, 60_000);

  it('signs out, and throttles repeated failed sign-ins with a message saying so', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const target = 'nobody@shop.example.jp';
    let throttled = false;
    for (let attempt = 1; attempt <= 12 && !throttled; attempt++) {
      await page.getByLabel('E-mail').fill(target);
      await page.getByLabel('Password').fill(`wrong password ${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.locator('[data-sign-in-error]');
      await page.waitForFunction(
        (n) => document.querySelector('[data-sign-in-error]')?.getAttribute('data-attempt') === String(n),
        attempt,
      );
      const text = (await alert.textContent()) ?? '';
      throttled = text.startsWith('Too many failed attempts');
      if (!throttled) expect(text).toBe('Wrong e-mail or password.');
    }
    expect(throttled).toBe(true);
    await checkPage('sign-in-throttled');
  }, 60_000);
});
