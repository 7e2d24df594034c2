import { admin, checkedPage, launch, signInAs, viewer } from './signed-in';
import { useDashboardStack } from './stack';

/**
 * The team and the audit log in a real browser, in English and Japanese: an admin invites a user (the one-time
 * password shown once), changes a role and deactivates a user, then reads what was done; a viewer is offered
 * neither page. Screenshots at 1280 and 390 px, axe-core on every page, no sideways scrolling on a phone.
 */
const dashboard = useDashboardStack({ viewer: true });

const fitsAPhone = async () => {
  await dashboard.page.setViewportSize({ width: 390, height: 844 });
  await expect(dashboard.page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  await dashboard.page.setViewportSize({ width: 1280, height: 900 });
};

describe('the team and the audit log (Chromium)', () => {
  it('lets an admin invite a user, change a role and deactivate a user, by keyboard', async () => {
    await signInAs(dashboard, dashboard.page, admin, 'overview');
    await dashboard.page.getByRole('link', { name: 'Team' }).click();
    await dashboard.page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    await dashboard.page.getByLabel('E-mail').fill('colleague@shop.example.jp');
    await dashboard.page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await dashboard.page.getByLabel('E-mail').press('Enter');
    const password = dashboard.page.getByRole('textbox', { name: 'One-time password' });
    await expect(password.inputValue()).resolves.toMatch(/^[A-Za-z0-9_-]{24}$/);
    const row = dashboard.page.locator('tr', { hasText: 'colleague@shop.example.jp' });
    await row.locator('td[data-label="Status"]', { hasText: /^Active$/ }).waitFor();
    await Promise.all([
      dashboard.page.waitForResponse((answer) => answer.request().method() === 'PATCH' && answer.status() === 200),
      row.getByLabel('Role of colleague@shop.example.jp').selectOption('admin'),
    ]);
    await checkedPage(dashboard.page, 'team');
    await fitsAPhone();
    await row.getByRole('button', { name: 'Deactivate colleague@shop.example.jp' }).focus();
    await dashboard.page.keyboard.press('Enter');
    await dashboard.page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await row.locator('td[data-label="Status"]', { hasText: /^Deactivated on / }).waitFor();
  }, 60_000);

  it('makes an invited user choose their own password before anything else, by keyboard', async () => {
    await dashboard.page.getByLabel('E-mail').fill('newcomer@shop.example.jp');
    await dashboard.page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await dashboard.page.getByLabel('E-mail').press('Enter');
    const shown = dashboard.page.locator('tr, section, div', { hasText: 'newcomer@shop.example.jp' });
    await shown.first().waitFor();
    const oneTime = await dashboard.page.getByRole('textbox', { name: 'One-time password' }).inputValue();
    expect(oneTime).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const other = await launch({ locale: 'en-US' });
    try {
      const tab = other.context.pages()[0] ?? (await other.context.newPage());
      await tab.goto(`${dashboard.url}/dashboard/`);
      await tab.getByLabel('E-mail').fill('newcomer@shop.example.jp');
      await tab.getByLabel('Password').fill(oneTime);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.getByRole('heading', { name: 'Choose your own password', level: 1 }).waitFor();
      // No page is reachable meanwhile, by link or by address.
      await expect(tab.getByRole('navigation').count()).resolves.toBe(0);
      await tab.goto(`${dashboard.url}/dashboard/transactions`);
      await tab.getByRole('heading', { name: 'Choose your own password', level: 1 }).waitFor();
      await checkedPage(tab, 'password-change');
      await tab.getByLabel('One-time password', { exact: true }).fill(oneTime);
      await tab.getByLabel('New password', { exact: true }).fill('my very own passphrase');
      await tab.getByLabel('New password again').fill('my very own passphrase');
      await tab.getByLabel('New password again').press('Enter');
      // Then the page the address names opens, and stays open after a reload (the new session's cookie).
      await tab.getByRole('heading', { name: 'Transactions', level: 1 }).waitFor();
      await tab.reload();
      await tab.getByRole('heading', { name: 'Transactions', level: 1 }).waitFor();
      await tab.getByRole('navigation', { name: 'Main' }).waitFor();
    } finally {
      await other.close();
    }
  }, 90_000);

  it('shows what was done in the audit log, in English and in Japanese', async () => {
    await dashboard.page.getByRole('link', { name: 'Audit log' }).click();
    await dashboard.page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await dashboard.page.locator('td[data-label="What"]', { hasText: 'Deactivated a user' }).first().waitFor();
    await dashboard.page.locator('td[data-label="What"]', { hasText: 'Invited a user' }).first().waitFor();
    await checkedPage(dashboard.page, 'audit');
    await fitsAPhone();
    await dashboard.page.getByLabel('Language').selectOption('ja');
    await dashboard.page.getByRole('heading', { name: '操作履歴', level: 1 }).waitFor();
    await dashboard.page.locator('td[data-label="操作"]', { hasText: 'ユーザーを無効化' }).first().waitFor();
    await checkedPage(dashboard.page, 'audit-ja');
    await dashboard.page.getByRole('link', { name: 'チーム' }).click();
    await dashboard.page.getByRole('heading', { name: 'チーム', level: 1 }).waitFor();
    await dashboard.page
      .locator('td[data-label="ステータス"]', { hasText: /無効化/ })
      .first()
      .waitFor();
    await checkedPage(dashboard.page, 'team-ja');
    await fitsAPhone();
    await dashboard.page.getByLabel('言語').selectOption('en');
    await dashboard.page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
  }, 60_000);

  it('offers a viewer neither page', async () => {
    const other = await launch({ locale: 'en-US' });
    try {
      const tab = other.context.pages()[0] ?? (await other.context.newPage());
      await signInAs(dashboard, tab, viewer, 'overview');
      await expect(tab.getByRole('navigation').getByRole('link', { name: 'Team' }).count()).resolves.toBe(0);
      await expect(tab.getByRole('navigation').getByRole('link', { name: 'Audit log' }).count()).resolves.toBe(0);
    } finally {
      await other.close();
    }
  }, 60_000);
});
