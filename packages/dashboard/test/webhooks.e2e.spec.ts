import { join } from 'node:path';
import { eventually, WebhookReceiver } from '@kessai/devkit';
import { type Locale, translator } from '../src/i18n';
import { SCREENSHOTS } from './browser';
import { checkedPage } from './signed-in';
import { backend, useDashboardStack } from './stack';

/**
 * The webhooks page as a merchant uses it, in a real browser, in English and in Japanese, against a real receiver
 * on loopback that checks signatures: choose the events, send a test event and read its attempt (headers sent,
 * answer), disable and enable, delete after a confirmation; on a 390 px phone without sideways scrolling, axe-clean,
 * the switches and the confirmation worked from the keyboard.
 */
const dashboard = useDashboardStack({ signedIn: 'overview' });

const phoneFits = async () => {
  await dashboard.page.setViewportSize({ width: 390, height: 844 });
  const width = await dashboard.page.evaluate(() => document.documentElement.scrollWidth);
  await dashboard.page.setViewportSize({ width: 1280, height: 900 });
  return width;
};

describe.each(['en', 'ja'] as const)('the webhooks page in %s (Chromium)', (language: Locale) => {
  const t = translator(language);
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    await dashboard.page.evaluate((locale) => localStorage.setItem('kessai.dashboard.locale', locale), language);
    await dashboard.page.goto(`${dashboard.url}/dashboard/webhooks`);
    await dashboard.page.waitForFunction((lang) => document.documentElement.lang === lang, language);
    await dashboard.page.getByRole('heading', { name: t('hooks.title'), level: 1 }).waitFor();
  }, 60_000);
  afterAll(async () => {
    await receiver?.stop();
  });

  it('subscribes a receiver, chooses its events, and sends it a signed test event whose attempt it shows', async () => {
    await dashboard.page.getByLabel(t('hooks.url'), { exact: true }).fill(receiver.url);
    await dashboard.page.getByRole('button', { name: t('hooks.create') }).click();
    const secretRegion = dashboard.page.getByRole('region', { name: t('hooks.secretFor', { url: receiver.url }) });
    const secret = await secretRegion.getByRole('textbox').inputValue();
    receiver.secrets = [secret];
    await secretRegion.getByRole('button', { name: t('hooks.secretDismiss') }).click();
    const card = dashboard.page.getByRole('article', { name: receiver.url });
    await card.getByText(`${t('hooks.events')}: ${t('hooks.allEvents')}`).waitFor();

    await card.getByRole('button', { name: t('hooks.editEvents') }).click();
    await card.getByLabel(t('hooks.someEventsChoice')).check();
    await card.getByLabel('transaction.captured').check();
    await card.getByLabel('refund.succeeded').check();
    await card.getByRole('button', { name: t('hooks.saveEvents') }).click();
    await card.locator('p.hint code', { hasText: 'refund.succeeded' }).waitFor();
    const id = (await backend(dashboard, 'GET', '/webhook-subscriptions')).body.items.find(
      (s: { url: string }) => s.url === receiver.url,
    ).id;
    const stored = (await backend(dashboard, 'GET', `/webhook-subscriptions/${id}`)).body;
    expect(stored).toMatchObject({ all_events: false, events: ['transaction.captured', 'refund.succeeded'] });

    await card.getByRole('button', { name: t('hooks.sendTest') }).click();
    await dashboard.page
      .getByRole('status')
      .filter({ hasText: t('hooks.testDelivery').split(' ')[0] ?? '' })
      .first()
      .waitFor();
    // Only the test event: from 05:00 Japan time the day's scheduled reconciliation may complete and tell this
    // all-events subscription too, before its events were chosen.
    const tests = () => receiver.accepted.filter((delivery) => delivery.event.name === 'test');
    await eventually(
      async () => tests().length,
      (n) => n === 1,
    );
    expect(tests()[0]?.event).toMatchObject({ name: 'test', target: { id } });
    expect(receiver.rejected).toEqual([]);

    const delivery = card.locator('ul.ops > li', { hasText: t('hooks.testDelivery') }).first();
    await delivery.locator('dl.attempt dd', { hasText: /^204$/ }).waitFor({ state: 'attached', timeout: 15_000 });
    await delivery.locator('summary', { hasText: t('hooks.attempts') }).click();
    await delivery.locator('summary', { hasText: t('hooks.requestHeaders') }).click();
    await delivery.locator('pre', { hasText: 'x-gr4vy-webhook-signatures: ' }).waitFor();
    await delivery.locator('summary', { hasText: t('hooks.requestBody') }).click();
    expect(await dashboard.page.content()).not.toContain(secret);
    await dashboard.page.screenshot({ path: join(SCREENSHOTS, `webhooks-test-${language}.png`), fullPage: true });
    await checkedPage(dashboard.page, `webhooks-${language}`);
    expect(await phoneFits()).toBeLessThanOrEqual(390);
  }, 90_000);

  it('disables and enables the subscription from the keyboard, changes its URL, then deletes it after a confirmation', async () => {
    const card = dashboard.page.getByRole('article', { name: receiver.url });
    await card.getByRole('button', { name: t('hooks.disable') }).focus();
    await dashboard.page.keyboard.press('Enter');
    await card.getByText(t('hooks.disabledHint')).waitFor();
    await expect(card.getByRole('button', { name: t('hooks.sendTest') }).isDisabled()).resolves.toBe(true);
    const paused = (await backend(dashboard, 'GET', '/webhook-subscriptions')).body.items.find(
      (s: { url: string }) => s.url === receiver.url,
    );
    expect(paused.active).toBe(false);

    await card.getByRole('button', { name: t('hooks.enable') }).focus();
    await dashboard.page.keyboard.press('Enter');
    await card.getByRole('button', { name: t('hooks.disable') }).waitFor();

    // A new URL in place: the same subscription, id and secret, sent to from now on.
    const newUrl = `${receiver.url}?via=dashboard`;
    await card.getByRole('button', { name: t('hooks.editUrl') }).click();
    await card.getByLabel(t('hooks.newUrl')).fill(newUrl);
    await card.getByLabel(t('hooks.newUrl')).press('Enter');
    const moved = dashboard.page.getByRole('article', { name: newUrl });
    await moved.waitFor();
    expect((await backend(dashboard, 'GET', `/webhook-subscriptions/${paused.id}`)).body.url).toBe(newUrl);

    await moved.getByRole('button', { name: t('hooks.delete') }).focus();
    await dashboard.page.keyboard.press('Enter');
    const dialog = dashboard.page.getByRole('dialog', { name: t('hooks.deleteTitle') });
    await dialog.waitFor();
    await checkedPage(dashboard.page, `webhooks-delete-${language}`);
    await dashboard.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await backend(dashboard, 'GET', `/webhook-subscriptions/${paused.id}`)).status).toBe(200);

    await moved.getByRole('button', { name: t('hooks.delete') }).focus();
    await dashboard.page.keyboard.press('Enter');
    await dialog.waitFor();
    // The confirmation takes the focus when it opens: Enter confirms.
    await dashboard.page.keyboard.press('Enter');
    await moved.waitFor({ state: 'detached' });
    expect((await backend(dashboard, 'GET', `/webhook-subscriptions/${paused.id}`)).status).toBe(404);
  }, 90_000);
});
