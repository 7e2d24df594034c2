import { createTransactionBody, eventually } from '@kessai/devkit';
import { amountSentence, detailSentence } from '../src/error-sentences';
import { translator } from '../src/i18n';
import { admin, checkedPage, launch, type Page, signInAs, viewer } from './signed-in';
import { backend, useDashboardStack } from './stack';

/**
 * Payments in the dashboard, in a real browser (Debian's Chromium, headless) against what `pnpm start` serves:
 * sign-in, a transaction made by the merchant's backend showing up and going live when the buyer approves on the
 * sandbox's page, capture and refund from the UI with the totals checked at the API and at the Smartpay sandbox,
 * cancel, CSRF, Japanese, a viewer. Every page is screenshotted at 1280 and 390 px and checked by axe-core.
 */
const dashboard = useDashboardStack({ viewer: true });

/** Screenshots at both widths and no serious or critical axe violation. */
const checkPage = (name: string) => checkedPage(dashboard.page, name);
const signIn = (target: Page, who: { email: string; password: string }) => signInAs(dashboard, target, who);
let transactionId: string;
let pendingId: string;

const fact = (name: string) => dashboard.page.locator(`[data-fact="${name}"]`);

describe('transactions in the dashboard (Chromium)', () => {
  it('signs in with e-mail and password', async () => {
    await dashboard.page.goto(`${dashboard.url}/dashboard/`);
    await dashboard.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await checkPage('sign-in');
    await signIn(dashboard.page, admin);
    await dashboard.page.getByText(`Signed in as ${admin.email}`).waitFor();
  }, 60_000);

  it('shows a transaction the backend creates, live: pending, then authorized once the buyer approves', async () => {
    const created = await backend(
      dashboard,
      'POST',
      '/transactions',
      createTransactionBody({
        external_identifier: `dash-${Date.now()}`,
        payment_method: {
          method: 'smartpay',
          redirect_url: `${dashboard.url}/dev/thanks`,
          country: 'JP',
          currency: 'JPY',
        },
      }),
    );
    expect(created.status).toBe(201);
    transactionId = created.body.id;
    // The list polls the API: the new row appears without a reload.
    const row = dashboard.page.locator(`tr[data-transaction-id="${transactionId}"]`);
    await row.locator('[data-status="buyer_approval_pending"]').waitFor();
    await expect(row.textContent()).resolves.toContain('¥12,000');
    await checkPage('transactions');

    // The API's filters: a search by external id finds it alone; a bad amount gets the API's message by its field.
    const other = await backend(
      dashboard,
      'POST',
      '/transactions',
      createTransactionBody({ external_identifier: 'other-order' }),
    );
    expect(other.status).toBe(201);
    pendingId = other.body.id;
    await dashboard.page.locator(`tr[data-transaction-id="${other.body.id}"]`).waitFor();
    const filters = dashboard.page.getByRole('form', { name: 'Filters' });
    await filters
      .getByLabel('Search (ID, Smartpay order ID, or part of an external ID or buyer e-mail)')
      .fill(created.body.external_identifier);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await dashboard.page.waitForFunction(
      (id) =>
        [...document.querySelectorAll('tr[data-transaction-id]')].every(
          (tr) => tr.getAttribute('data-transaction-id') === id,
        ),
      transactionId,
    );
    await expect(dashboard.page.locator('tr[data-transaction-id]').count()).resolves.toBe(1);
    // An amount the dashboard cannot read is refused at its field before the API is asked; one the API refuses
    // (a hand-edited link) gets the API's sentence there too.
    await filters.getByLabel('Amount at least (¥)').fill('a lot');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await filters
      .locator('[data-field-error="amount_gte"]', { hasText: amountSentence(translator('en'), 'notANumber') })
      .waitFor();
    const badAmount = await backend(dashboard, 'GET', '/transactions?amount_gte=a%20lot');
    expect(badAmount.status).toBe(400);
    const badAmountSentence = detailSentence(translator('en'), badAmount.body.code, badAmount.body.details[0]);
    await dashboard.page.goto(`${dashboard.url}/dashboard/transactions?amount_min=a%20lot`);
    await filters.locator('[data-field-error="amount_gte"]', { hasText: badAmountSentence }).waitFor();
    await filters.getByRole('button', { name: 'Reset' }).click();
    await row.waitFor();

    await row.getByRole('link').click();
    await dashboard.page.getByRole('heading', { name: `Transaction ${transactionId}` }).waitFor();
    await expect(dashboard.page.getByLabel('Approval URL (buyer has not approved yet)').inputValue()).resolves.toBe(
      created.body.payment_method.approval_url,
    );

    // The buyer approves on the sandbox's hosted page, in a tab of their own.
    const buyer = await dashboard.browser.context.newPage();
    await buyer.goto(created.body.payment_method.approval_url);
    await buyer.getByRole('button', { name: 'Approve', exact: true }).click();
    await buyer.waitForURL((url) => url.pathname === '/dev/thanks');
    await buyer.close();

    // The webhook moves the transaction on; the open page shows it without a reload.
    await dashboard.page.locator('.big-status [data-status="authorization_succeeded"]').waitFor();
    await expect(fact('authorized').textContent()).resolves.toBe('¥12,000');
    const order = (await backend(dashboard, 'GET', `/transactions/${transactionId}`)).body
      .payment_service_transaction_id;
    await expect(fact('smartpay-order').textContent()).resolves.toBe(order);
    await expect(dashboard.page.getByLabel('Approval URL (buyer has not approved yet)').count()).resolves.toBe(0);
  }, 60_000);

  it('captures part and refunds part from the dashboard; the API and the sandbox agree on the totals', async () => {
    // A dialog takes the focus, Escape closes it, and the focus goes back to the button that opened it.
    await dashboard.page.getByRole('button', { name: 'Sync with Smartpay' }).click();
    const sync = dashboard.page.getByRole('dialog', { name: 'Sync with Smartpay' });
    await dashboard.page.waitForFunction(() => document.activeElement?.closest('dialog') !== null);
    await dashboard.page.keyboard.press('Escape');
    await sync.waitFor({ state: 'hidden' });
    await dashboard.page.waitForFunction(() => document.activeElement?.getAttribute('data-action') === 'sync');

    await dashboard.page.getByRole('button', { name: 'Capture', exact: true }).click();
    const capture = dashboard.page.getByRole('dialog', { name: 'Capture a payment' });
    await dashboard.page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'amount');
    await capture.getByLabel('Amount (¥)').fill('7000');
    await expect(capture.getByLabel('Final capture (the rest is released)').isChecked()).resolves.toBe(false);
    const posted = dashboard.page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/capture'));
    await capture.getByRole('button', { name: 'Capture', exact: true }).click();
    const headers = (await posted).headers();
    expect(headers['idempotency-key']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(headers['x-csrf-token']).toBeTruthy();
    await capture.waitFor({ state: 'hidden' });
    await dashboard.page.locator('[data-fact="captured"]', { hasText: '¥7,000' }).waitFor();

    // Refusals in words, once, at the amount field: what the dashboard cannot read, then what the API refuses.
    await dashboard.page.getByRole('button', { name: 'Refund', exact: true }).click();
    const refund = dashboard.page.getByRole('dialog', { name: 'Refund' });
    await refund.getByLabel('Amount (¥)').fill('1.5');
    await refund.getByRole('button', { name: 'Refund', exact: true }).click();
    await refund
      .locator('[data-field-error="amount"]', { hasText: amountSentence(translator('en'), 'decimal') })
      .waitFor();
    await refund.getByLabel('Amount (¥)').fill('¥9,000');
    await refund.getByRole('button', { name: 'Refund', exact: true }).click();
    await refund
      .locator('[data-field-error="amount"]', { hasText: '¥9,000 is more than the ¥7,000 left to refund.' })
      .waitFor();
    await expect(refund.locator('[role=alert]').count()).resolves.toBe(0);

    await refund.getByLabel('Amount (¥)').fill('3,000円');
    await refund.getByLabel('Reason', { exact: true }).selectOption('requested_by_customer');
    await refund.getByRole('button', { name: 'Refund', exact: true }).click();
    await refund.waitFor({ state: 'hidden' });
    await dashboard.page.locator('[data-fact="refunded"]', { hasText: '¥3,000' }).waitFor();
    // The reason is kept by the API as sent and shown in words.
    const refunds = (await backend(dashboard, 'GET', `/transactions/${transactionId}/refunds`)).body.items;
    expect(refunds.map((r: { reason: string }) => r.reason)).toEqual(['requested_by_customer']);
    await dashboard.page.locator('[data-refund-id]', { hasText: 'Reason: Requested by the customer' }).waitFor();

    const tx = (await backend(dashboard, 'GET', `/transactions/${transactionId}`)).body;
    expect(tx).toMatchObject({ status: 'capture_succeeded', captured_amount: 7000, refunded_amount: 3000 });
    // Partly captured (not final) and partly refunded: what is left to capture and to refund, in words.
    await dashboard.page
      .locator('.big-status [data-money-state="partially_refunded"]', { hasText: 'Partially refunded' })
      .waitFor();
    await expect(fact('capturable').textContent()).resolves.toBe('¥5,000');
    await expect(fact('refundable').textContent()).resolves.toBe('¥4,000');
    const sandboxOrder = dashboard.dev.sandbox?.control.order(tx.payment_service_transaction_id);
    expect(sandboxOrder?.totals).toMatchObject({ capturedAmount: 7000, refundedAmount: 3000 });
    await expect(fact('captured').textContent()).resolves.toBe('¥7,000');

    // Who did it: the timeline names the dashboard user, as the events API does.
    const events = (await backend(dashboard, 'GET', `/transactions/${transactionId}/events`)).body.items;
    const captured = events.find((e: { name: string }) => e.name === 'transaction.captured');
    expect(captured.actor).toMatchObject({ type: 'dashboard_user', display: admin.email });
    await dashboard.page
      .locator('[data-event="transaction.captured"] [data-actor="dashboard_user"]', { hasText: admin.email })
      .waitFor();
    const created = events.find((e: { name: string }) => e.name === 'transaction.created');
    expect(created.actor).toMatchObject({ type: 'api_key' });
    await dashboard.page
      .locator('[data-event="transaction.created"] [data-actor="api_key"]', { hasText: created.actor.display })
      .waitFor();
    await checkPage('transaction-detail');
  }, 60_000);

  it('refuses a state change without the CSRF token (the cookie alone is not enough)', async () => {
    const answer = await dashboard.page.evaluate(async (id) => {
      const response = await fetch(`/transactions/${id}/capture`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ amount: 1000, final: false }),
      });
      return { status: response.status, body: await response.json() };
    }, transactionId);
    expect(answer).toMatchObject({ status: 403, body: { code: 'csrf_token_invalid' } });
    expect((await backend(dashboard, 'GET', `/transactions/${transactionId}`)).body.captured_amount).toBe(7000);
  });

  it('cancels a transaction still awaiting the buyer, as the API answers it', async () => {
    await dashboard.page.goto(`${dashboard.url}/dashboard/transactions/${pendingId}`);
    await dashboard.page.locator('.big-status [data-status="buyer_approval_pending"]').waitFor();
    await expect(
      dashboard.page.locator('[data-action]').evaluateAll((b) => b.map((e) => e.getAttribute('data-action'))),
    ).resolves.toEqual(['cancel', 'sync']);
    await dashboard.page.getByRole('button', { name: 'Cancel transaction' }).click();
    await dashboard.page
      .getByRole('dialog', { name: 'Cancel the pending transaction' })
      .getByRole('button', { name: 'Cancel transaction' })
      .click();
    const status = (
      await eventually(
        () => backend(dashboard, 'GET', `/transactions/${pendingId}`),
        (r) => r.body.status !== 'buyer_approval_pending',
      )
    ).body.status;
    expect(status).toBe('authorization_failed');
    // The API serves a cancel as a failed authorization; the dashboard reads it as Cancelled, in a neutral badge.
    await dashboard.page.locator('.big-status [data-money-state="cancelled"]', { hasText: 'Cancelled' }).waitFor();
    await dashboard.page.locator('.big-status [data-status="cancelled"]', { hasText: 'Cancelled' }).waitFor();
    await expect(fact('error').textContent()).resolves.toBe('Cancelled before the buyer approved.');
    await dashboard.page.locator('[data-event="transaction.canceled"] strong', { hasText: 'Cancelled' }).waitFor();
    await expect(dashboard.page.locator('.big-status').textContent()).resolves.not.toContain('Failed');
    await expect(dashboard.page.getByLabel('Approval URL (buyer has not approved yet)').count()).resolves.toBe(0);
  }, 60_000);

  it('speaks Japanese when asked, and remembers it', async () => {
    await dashboard.page.getByRole('link', { name: 'Transactions', exact: true }).click();
    const paid = dashboard.page.locator(`tr[data-transaction-id="${transactionId}"]`);
    const cancelled = dashboard.page.locator(`tr[data-transaction-id="${pendingId}"]`);
    await paid.locator('[data-money-state="partially_refunded"]', { hasText: 'Partially refunded' }).waitFor();
    const amounts = (row: typeof paid) => row.locator('td.num').allTextContents();
    await expect(amounts(paid)).resolves.toEqual(['¥12,000', '¥7,000', '¥3,000', '¥4,000 to refund']);
    await cancelled.locator('[data-money-state="cancelled"]', { hasText: 'Cancelled' }).waitFor();
    await expect(amounts(cancelled)).resolves.toEqual(['¥12,000', '¥0', '¥0', '¥0']);
    // The status filter's Cancelled finds the cancelled payment alone.
    const filters = dashboard.page.getByRole('form', { name: 'Filters' });
    await filters.getByLabel('Status').selectOption('cancelled');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await dashboard.page.waitForFunction(
      (id) =>
        [...document.querySelectorAll('tr[data-transaction-id]')]
          .map((tr) => tr.getAttribute('data-transaction-id'))
          .join() === id,
      pendingId,
    );
    await filters.getByRole('button', { name: 'Reset' }).click();
    await paid.waitFor();
    // Dates in the merchant's time zone (the session's, Asia/Tokyo): what the API says, nine hours ahead of UTC.
    const tokyo = (iso: string) =>
      new Date(Date.parse(iso) + 9 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    await eventually(
      async () => ({
        api: `${tokyo((await backend(dashboard, 'GET', `/transactions/${transactionId}`)).body.updated_at)} GMT+9`,
        shown: await dashboard.page.locator(`tr[data-transaction-id="${transactionId}"] td`).first().textContent(),
      }),
      ({ api, shown }) => api === shown,
    );
    await checkPage('transactions-later');
    await dashboard.page.getByLabel('Language').selectOption('ja');
    await dashboard.page.getByRole('heading', { name: '取引', level: 1 }).waitFor();
    await paid.locator('[data-money-state="partially_refunded"]', { hasText: '一部返金済み' }).waitFor();
    await expect(amounts(paid)).resolves.toEqual(['¥12,000', '¥7,000', '¥3,000', '返金可能 ¥4,000']);
    await cancelled.locator('[data-money-state="cancelled"]', { hasText: 'キャンセル済み' }).waitFor();
    await dashboard.page.goto(`${dashboard.url}/dashboard/transactions/${transactionId}`);
    await dashboard.page.getByRole('heading', { name: `取引 ${transactionId}` }).waitFor();
    await expect(dashboard.page.locator('[data-fact="captured"]').textContent()).resolves.toBe('¥7,000');
    await dashboard.page
      .locator('.big-status [data-money-state="partially_refunded"]', { hasText: '一部返金済み' })
      .waitFor();
    await expect(fact('capturable').textContent()).resolves.toBe('¥5,000');
    await expect(fact('refundable').textContent()).resolves.toBe('¥4,000');
    await expect(dashboard.page.locator('dt', { hasText: '与信日時' }).count()).resolves.toBe(1);
    await dashboard.page
      .locator('[data-event="transaction.capture-pending"] strong', { hasText: '売上確定を依頼' })
      .waitFor();
    await checkPage('transaction-detail-ja');
    await dashboard.page.getByLabel('言語').selectOption('en');
    await dashboard.page.getByRole('heading', { name: `Transaction ${transactionId}` }).waitFor();
  }, 60_000);

  it('a viewer sees the transaction but cannot capture: no action offered, and the API refuses a forced one', async () => {
    const other = await launch({ locale: 'en-US' });
    try {
      const tab = other.context.pages()[0] ?? (await other.context.newPage());
      await signIn(tab, viewer);
      await tab.goto(`${dashboard.url}/dashboard/transactions/${transactionId}`);
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
      expect((await backend(dashboard, 'GET', `/transactions/${transactionId}`)).body.captured_amount).toBe(7000);

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
});
