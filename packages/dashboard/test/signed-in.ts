import { launch, type Page, type RunningBrowser, screenshots, seriousViolations } from './browser';

export { launch, type Page, type RunningBrowser };

export const admin = { email: 'ops-admin@shop.example.jp', password: 'correct horse battery staple 1' };
export const viewer = { email: 'ops-viewer@shop.example.jp', password: 'correct horse battery staple 2' };

/** Screenshots of the page at both widths, and no serious or critical axe violation in it. */
export async function checkedPage(page: Page, name: string): Promise<void> {
  await screenshots(page, name);
  expect(await seriousViolations(page)).toEqual([]);
}

/**
 * Signs in through the form, as a person does, and waits for the page it lands on (the overview); then, unless told
 * to stay there, goes to the transactions page through the navigation.
 */
export async function signInAs(
  stack: { url: string },
  page: Page,
  who: { email: string; password: string },
  stay: 'overview' | 'transactions' = 'transactions',
) {
  await page.goto(`${stack.url}/dashboard/`);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  if (stay === 'overview') return;
  await page.getByRole('navigation').getByRole('link', { name: 'Transactions' }).click();
  await page.getByRole('heading', { name: 'Transactions', level: 1 }).waitFor();
}
