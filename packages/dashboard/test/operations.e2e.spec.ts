import { readFile } from 'node:fs/promises';
import { createTransactionBody } from '@kessai/devkit';
import { admin, checkedPage } from './signed-in';
import { backend, useDashboardStack } from './stack';

/**
 * What an operations team does all day, in a real browser against what `pnpm start` serves: finds a payment by
 * part of the buyer's e-mail, keeps its filters across a reload and back, exports them as CSV and edits a
 * transaction's references, in English and Japanese, at 1280 and 390 px, by keyboard where it matters.
 */
const dashboard = useDashboardStack({ signedIn: 'transactions' });

const stamp = Date.now().toString(36);
const email = `Mika.Tanaka+${stamp}@Example.jp`;
let foundId: string;

async function create(externalIdentifier: string, emailAddress: string): Promise<string> {
  const body = createTransactionBody({ external_identifier: externalIdentifier });
  const buyer = body.buyer as { billing_details: Record<string, unknown> };
  buyer.billing_details = { ...buyer.billing_details, email_address: emailAddress };
  const created = await backend(dashboard, 'POST', '/transactions', body);
  expect(created.status).toBe(201);
  return created.body.id;
}

/** The ids of the rows the list shows, once it shows exactly `ids`. */
const listShows = (ids: string[]) =>
  dashboard.page.waitForFunction(
    (wanted) =>
      [...document.querySelectorAll('tr[data-transaction-id]')]
        .map((tr) => tr.getAttribute('data-transaction-id'))
        .join() === wanted,
    ids.join(),
  );

const noSidewaysScroll = async () => {
  await dashboard.page.setViewportSize({ width: 390, height: 844 });
  await expect(dashboard.page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  await dashboard.page.setViewportSize({ width: 1280, height: 900 });
};

describe('the list and detail an operations team lives in (Chromium)', () => {
  it('finds a payment by part of its buyer e-mail, in any case, and keeps the filters across a reload and back', async () => {
    foundId = await create(`ops-${stamp}-A`, email);
    await create(`ops-${stamp}-B`, `someone.else+${stamp}@example.jp`);
    await dashboard.page.goto(`${dashboard.url}/dashboard/transactions`);
    const filters = dashboard.page.getByRole('form', { name: 'Filters' });
    const search = filters.getByLabel('Search (ID, Smartpay order ID, or part of an external ID or buyer e-mail)');
    await search.fill(`tanaka+${stamp}@EXAMPLE`);
    await search.press('Enter');
    await listShows([foundId]);
    expect(new URL(dashboard.page.url()).searchParams.get('search')).toBe(`tanaka+${stamp}@EXAMPLE`);

    await dashboard.page.reload();
    await listShows([foundId]);
    await expect(search.inputValue()).resolves.toBe(`tanaka+${stamp}@EXAMPLE`);
    await checkedPage(dashboard.page, 'transactions-search');
    await noSidewaysScroll();

    // Part of the external id finds both; back returns to the search before.
    await search.fill(`ops-${stamp}`);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await dashboard.page.waitForFunction(() => document.querySelectorAll('tr[data-transaction-id]').length === 2);
    await dashboard.page.goBack();
    await listShows([foundId]);
    await expect(search.inputValue()).resolves.toBe(`tanaka+${stamp}@EXAMPLE`);
  }, 90_000);

  it('downloads the filtered list as CSV: UTF-8 with a BOM, the header, the one payment found', async () => {
    const [download] = await Promise.all([
      dashboard.page.waitForEvent('download'),
      dashboard.page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('transactions.csv');
    const bytes = await readFile((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,created_at,created_at_japan,status,money_state,amount,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${foundId},`);
    expect(lines[1]).toContain(`,ops-${stamp}-A,${email},`);
  }, 60_000);

  it('lets an admin edit the external id and metadata by keyboard, refusing what the API would first', async () => {
    await dashboard.page.goto(`${dashboard.url}/dashboard/transactions/${foundId}`);
    await dashboard.page.locator('[data-metadata-key="shop"]', { hasText: 'tokyo' }).waitFor();
    await dashboard.page.getByRole('button', { name: 'Edit references' }).focus();
    await dashboard.page.keyboard.press('Enter');
    const dialog = dashboard.page.getByRole('dialog', { name: 'Edit the external identifier and metadata' });
    await dialog.waitFor();
    await dialog.getByLabel('External ID', { exact: true }).fill(`ops-${stamp}-A2`);
    await dialog.getByRole('button', { name: 'Add a pair' }).click();
    await dialog.getByLabel('Key 2').fill('shop');
    await dialog.getByLabel('Value 2').fill('osaka');
    await dialog.getByLabel('Value 2').press('Enter');
    await dialog.locator('[data-field-error]', { hasText: 'This key is already used above.' }).waitFor();
    await checkedPage(dashboard.page, 'transaction-references-dialog');
    await dialog.getByLabel('Key 2').fill('gift_note');
    await dialog.getByLabel('Value 2').fill('のし付き');
    await dialog.getByLabel('Value 2').press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await dashboard.page.locator('[data-metadata-key="gift_note"]', { hasText: 'のし付き' }).waitFor();

    const tx = (await backend(dashboard, 'GET', `/transactions/${foundId}`)).body;
    expect(tx).toMatchObject({
      external_identifier: `ops-${stamp}-A2`,
      metadata: { shop: 'tokyo', gift_note: 'のし付き' },
    });
    await dashboard.page
      .locator('[data-event="transaction.updated"] [data-actor="dashboard_user"]', { hasText: admin.email })
      .waitFor();
    await checkedPage(dashboard.page, 'transaction-references');
    await noSidewaysScroll();
  }, 60_000);

  it('says the same in Japanese: the timeline, the references, the export button', async () => {
    await dashboard.page.getByLabel('Language').selectOption('ja');
    await dashboard.page.getByRole('heading', { name: '参照情報とメタデータ' }).waitFor();
    await dashboard.page
      .locator('[data-event="transaction.updated"] strong', { hasText: `(${admin.email})` })
      .waitFor();
    await checkedPage(dashboard.page, 'transaction-references-ja');
    await noSidewaysScroll();
    await dashboard.page.goto(
      `${dashboard.url}/dashboard/transactions?search=${encodeURIComponent(`ops-${stamp}-a2`)}`,
    );
    await listShows([foundId]);
    await dashboard.page.getByRole('link', { name: 'CSV をダウンロード' }).waitFor();
    await checkedPage(dashboard.page, 'transactions-search-ja');
    await noSidewaysScroll();
    await dashboard.page.getByLabel('言語').selectOption('en');
  }, 60_000);
});
