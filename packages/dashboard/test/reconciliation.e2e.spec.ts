import { readFile } from 'node:fs/promises';
import { createTransactionBody } from '@kessai/devkit';
import { japanDay } from '../src/resources-reconciliation';
import { admin, checkedPage, signInAs, viewer } from './signed-in';
import { backend, useDashboardStack } from './stack';

/**
 * Reconciliation in a real browser against what `pnpm start` serves: two differences made at the Smartpay sandbox
 * behind Kessai's back (a capture whose webhook never arrives, an order Kessai never saw); an admin starts a run for
 * today (Japan time) from the page, sees the first settled and the second open, acknowledges it with a note and
 * downloads the CSV; a viewer reads the same without the buttons. English and Japanese, 1280 and 390 px, axe.
 */
const dashboard = useDashboardStack({ viewer: true, signedIn: 'overview' });

const sandbox = () => {
  const running = dashboard.dev.sandbox;
  if (!running) throw new Error('the dev stack runs without its sandbox');
  return running.control;
};

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let tries = 0; tries < 100; tries++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the condition never held');
}

/** A transaction the buyer approved at the sandbox, as Kessai knows it once the webhook arrived. */
async function authorized(amount: number): Promise<{ id: string; orderId: string }> {
  const created = await backend(
    dashboard,
    'POST',
    '/transactions',
    createTransactionBody({ amount, cart_items: [{ name: 'Tea', quantity: 1, unit_amount: amount }] }),
  );
  expect(created.status).toBe(201);
  sandbox().approve(new URL(created.body.payment_method.approval_url).pathname.split('/').pop() ?? '');
  await until(
    async () => (await backend(dashboard, 'GET', `/transactions/${created.body.id}`)).body.status,
    (status) => status === 'authorization_succeeded',
  );
  return { id: created.body.id, orderId: created.body.payment_service_transaction_id };
}

const noSidewaysScroll = async () => {
  await dashboard.page.setViewportSize({ width: 390, height: 844 });
  await expect(dashboard.page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  await dashboard.page.setViewportSize({ width: 1280, height: 900 });
};

const today = japanDay(new Date());
const note = `a test order the shop owner made in Smartpay's dashboard (${Date.now().toString(36)})`;
let runId: string;

describe('reconciliation with Smartpay in the dashboard (Chromium)', () => {
  it('starts a run for today, shows a capture settled by sync and an unknown order open', async () => {
    const capturedBehind = await authorized(11_000);
    await sandbox().waitForWebhooks();
    // Processing a webhook reads the whole order: let Kessai finish with its own, so what follows stays unseen.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    sandbox().captureBehind(capturedBehind.orderId, undefined, { dropWebhook: true });
    const { secretKey } = sandbox().order(capturedBehind.orderId);
    const unseen = sandbox().createUnseenOrder(secretKey, 17_000);
    await sandbox().waitForWebhooks();

    await dashboard.page.getByRole('navigation').getByRole('link', { name: 'Reconciliation' }).click();
    await dashboard.page.getByRole('heading', { name: 'Reconciliation', level: 1 }).waitFor();
    const start = dashboard.page.getByRole('form', { name: 'Start a run' });
    await start.getByLabel('Connection').selectOption({ index: 0 });
    await start.getByLabel('Day (Japan time)').fill(today);
    await start.getByRole('button', { name: 'Start the run' }).click();

    await dashboard.page.getByRole('heading', { name: `Reconciliation of ${today}`, level: 1 }).waitFor();
    runId = decodeURIComponent(new URL(dashboard.page.url()).pathname.split('/').pop() ?? '');
    await dashboard.page.locator('[data-run-status="completed"]').waitFor({ timeout: 30_000 });
    const unknownOrder = dashboard.page.locator('tr[data-kind="unknown_order"][data-status="open"]');
    await unknownOrder.waitFor();
    await expect(unknownOrder.locator('td[data-label="Smartpay order"]').textContent()).resolves.toBe(unseen.id);
    await expect(unknownOrder.locator('td[data-label="Smartpay"]').textContent()).resolves.toBe('¥17,000');
    const settled = dashboard.page.locator('tr[data-kind="unknown_capture"][data-status="resolved"]');
    await settled.waitFor();
    await expect(settled.locator('td[data-label="Resolution"]').textContent()).resolves.toBe(
      'Settled: Smartpay’s facts were applied',
    );
    await expect(dashboard.page.locator('[data-fact="open"]').textContent()).resolves.toBe('1');
    await expect(dashboard.page.locator('[data-fact="resolved"]').textContent()).resolves.toBe('1');
    // Sync applied Smartpay's capture: both sides now count it.
    await expect(dashboard.page.locator('[data-fact="smartpay-captured"]').textContent()).resolves.toBe('¥11,000');
    await expect(dashboard.page.locator('[data-fact="kessai-captured"]').textContent()).resolves.toBe('¥11,000');
    await checkedPage(dashboard.page, 'reconciliation-run');
    await noSidewaysScroll();
  }, 90_000);

  it('filters by kind and status in the URL and acknowledges the open difference with a note', async () => {
    await dashboard.page.getByLabel('Kind').selectOption('unknown_order');
    await dashboard.page.getByLabel('Status', { exact: true }).selectOption('open');
    await dashboard.page.waitForFunction(
      () =>
        [...document.querySelectorAll('tr[data-item-id]')].map((tr) => tr.getAttribute('data-kind')).join() ===
        'unknown_order',
    );
    expect(new URL(dashboard.page.url()).search).toBe('?kind=unknown_order&status=open');

    await dashboard.page.getByRole('button', { name: 'Acknowledge: Order Kessai never saw' }).click();
    const dialog = dashboard.page.getByRole('dialog', { name: 'Acknowledge this difference: Order Kessai never saw' });
    await dialog.waitFor();
    await dialog.getByLabel('Why it may stay as it is').fill(note);
    await checkedPage(dashboard.page, 'reconciliation-acknowledge');
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Still filtered to open ones: it leaves the list. All statuses show it acknowledged, with who, when and why.
    await dashboard.page.getByLabel('Status', { exact: true }).selectOption('');
    const row = dashboard.page.locator('tr[data-kind="unknown_order"][data-status="acknowledged"]');
    await row.waitFor();
    await expect(row.locator('td[data-label="Resolution"]').textContent()).resolves.toMatch(
      new RegExp(`^Acknowledged by ${admin.email.replace(/\./g, '\\.')} on ${today} \\d\\d:\\d\\d:\\d\\d GMT\\+9: “`),
    );
    await expect(row.locator(`[data-note]`).getAttribute('data-note')).resolves.toBe(note);
    const items = (await backend(dashboard, 'GET', `/reconciliation-runs/${runId}/items?kind=unknown_order`)).body
      .items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      status: 'acknowledged',
      resolution: 'acknowledged',
      acknowledgement: { note, actor: { type: 'dashboard_user', display: admin.email } },
    });
    await checkedPage(dashboard.page, 'reconciliation-acknowledged');
    await noSidewaysScroll();
  }, 60_000);

  it('downloads the filtered differences as CSV: UTF-8 with a BOM, the header, the acknowledged order', async () => {
    const [download] = await Promise.all([
      dashboard.page.waitForEvent('download'),
      dashboard.page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`reconciliation-${today}.csv`);
    const bytes = await readFile((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,date,kind,status,transaction_id,provider_order_id,kessai_amount,provider_amount,detail,resolution,acknowledged_by,acknowledged_at,note,created_at',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,${today},unknown_order,acknowledged,`);
    expect(lines[1]).toContain(`,acknowledged,${admin.email},`);
    expect(lines[1]).toContain(note);
  }, 30_000);

  it('lists the runs: a second one over the day finds the same items and counts the acknowledgement, in English and Japanese', async () => {
    await dashboard.page.getByRole('link', { name: 'All reconciliation runs' }).click();
    const first = dashboard.page.locator(`tr[data-run-id="${runId}"]`);
    await first.waitFor();
    // A run counts its day's items as they are now: the acknowledgement came after it ended.
    await expect(first.locator('td[data-label="Open / resolved"]').textContent()).resolves.toBe('0 open, 2 resolved');
    await first.getByRole('link').click();
    await dashboard.page.getByRole('button', { name: 'Run this day again' }).click();
    await dashboard.page.waitForURL(
      (url) => url.pathname.startsWith('/dashboard/reconciliation/') && !url.pathname.endsWith(runId),
    );
    await dashboard.page.locator('[data-run-status="completed"]').waitFor({ timeout: 30_000 });
    const secondId = decodeURIComponent(new URL(dashboard.page.url()).pathname.split('/').pop() ?? '');
    const itemIds = async (id: string) =>
      (await backend(dashboard, 'GET', `/reconciliation-runs/${id}/items`)).body.items.map(
        (item: { id: string }) => item.id,
      );
    expect(await itemIds(secondId)).toEqual(await itemIds(runId));
    await dashboard.page.getByRole('link', { name: 'All reconciliation runs' }).click();
    const row = dashboard.page.locator(`tr[data-run-id="${secondId}"]`);
    await row.waitFor();
    // Newest first. From 05:00 Japan time the day's scheduled run (of yesterday) may be listed too.
    const listed = await dashboard.page
      .locator('tr[data-run-id]')
      .evaluateAll((rows) => rows.map((tr) => tr.getAttribute('data-run-id')));
    expect(listed.filter((id) => id === secondId || id === runId)).toEqual([secondId, runId]);
    await expect(row.locator('td[data-label="Status"]').textContent()).resolves.toBe('Completed');
    await expect(row.locator('td[data-label="Open / resolved"]').textContent()).resolves.toBe('0 open, 2 resolved');
    await expect(row.locator('[data-kind]').allTextContents()).resolves.toEqual([
      'Capture Kessai does not know: 1',
      'Order Kessai never saw: 1',
    ]);
    await expect(row.locator('td[data-label="Smartpay"]').textContent()).resolves.toBe('captured ¥11,000, refunded ¥0');
    await checkedPage(dashboard.page, 'reconciliation');
    await noSidewaysScroll();

    await dashboard.page.getByLabel('Language').selectOption('ja');
    await dashboard.page.getByRole('heading', { name: '照合', level: 1 }).waitFor();
    await row.locator('[data-kind="unknown_order"]', { hasText: 'Kessai にない注文: 1' }).waitFor();
    await checkedPage(dashboard.page, 'reconciliation-ja');
    await noSidewaysScroll();
    await first.getByRole('link').click();
    await dashboard.page.getByRole('heading', { name: `${today} の照合`, level: 1 }).waitFor();
    await dashboard.page.locator('tr[data-kind="unknown_order"] td', { hasText: `${admin.email} が ` }).waitFor();
    await checkedPage(dashboard.page, 'reconciliation-run-ja');
    await noSidewaysScroll();
    await dashboard.page.getByLabel('言語').selectOption('en');
  }, 60_000);

  it('shows a viewer the runs and differences, with no start and no acknowledgement', async () => {
    await dashboard.page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(dashboard, dashboard.page, viewer, 'overview');
    await dashboard.page.goto(`${dashboard.url}/dashboard/reconciliation/${runId}`);
    await dashboard.page.locator('tr[data-kind="unknown_order"][data-status="acknowledged"]').waitFor();
    await expect(dashboard.page.getByRole('button', { name: /Acknowledge|Run this day again/ }).count()).resolves.toBe(
      0,
    );
    await dashboard.page.getByRole('link', { name: 'All reconciliation runs' }).click();
    await dashboard.page.locator(`tr[data-run-id="${runId}"]`).waitFor();
    await expect(dashboard.page.getByRole('form', { name: 'Start a run' }).count()).resolves.toBe(0);
    // The API refuses a viewer's start even when forced.
    const forced = await dashboard.page.evaluate(async () => {
      const session = await (await fetch('/dashboard/api/session')).json();
      const reply = await fetch('/reconciliation-runs', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf_token },
        body: JSON.stringify({ payment_service_id: '0f8fad5b-d9cb-469f-a165-70867728950e', date: '2026-01-01' }),
      });
      return reply.status;
    });
    expect(forced).toBe(403);
  }, 60_000);
});
