import { readFile } from 'node:fs/promises';
import { createTransactionBody, eventually } from '@kessai/devkit';
import { detailSentence } from '../src/error-sentences';
import { translator } from '../src/i18n';
import { admin, checkedPage, launch, type Page, signInAs } from './signed-in';
import { backend, useDashboardStack } from './stack';

/**
 * The merchant's settings in the dashboard, in a real browser: a Smartpay connection (key verified, the webhook
 * URL to paste into Smartpay, rotation, deactivation), API keys (the private key downloaded once), merchant
 * webhooks (secret once, deliveries, redelivery, rotation), sign-out and sign-in throttling. Screenshots and
 * axe-core on every page.
 */
const dashboard = useDashboardStack();

/** Screenshots at both widths and no serious or critical axe violation. */
const checkPage = (name: string) => checkedPage(dashboard.page, name);
const signIn = (target: Page, who: { email: string; password: string }) => signInAs(dashboard, target, who);

describe('settings in the dashboard (Chromium)', () => {
  it('signs in', async () => {
    await signIn(dashboard.page, admin);
  }, 60_000);

  it('adds a Smartpay connection (key verified first) and shows the webhook endpoint Kessai registered for it', async () => {
    await dashboard.page.getByRole('link', { name: 'Connections' }).click();
    await dashboard.page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    const form = dashboard.page.getByRole('form', { name: 'Add a Smartpay connection' });
    await form.getByLabel('Display name').fill('Smartpay (second shop)');
    await form.getByLabel('Secret key (sk_test_… or sk_live_…)').fill('not-a-key');
    await form.getByRole('button', { name: 'Verify and save' }).click();
    // Refused by the API, whose detail names the key (`/fields/0/value`): its sentence shown at the secret key field.
    const refused = await backend(dashboard, 'POST', '/payment-services/verify', {
      payment_service_definition_id: 'smartpay-smartpay',
      fields: [{ key: 'secret_key', value: 'not-a-key' }],
    });
    expect(refused.status).toBe(400);
    const sentence = detailSentence(translator('en'), refused.body.code, refused.body.details[0]);
    await form.locator('[data-field-error="secret_key"]', { hasText: sentence }).waitFor();

    // The key is verified with Smartpay (through the API's verify route) before the connection is saved.
    const calls: string[] = [];
    const record = (r: { method(): string; url(): string }) => {
      if (r.method() === 'POST') calls.push(new URL(r.url()).pathname);
    };
    dashboard.page.on('request', record);
    await form.getByLabel('Secret key (sk_test_… or sk_live_…)').fill(`sk_test_dash${Date.now()}`);
    await form.getByRole('button', { name: 'Verify and save' }).click();
    const card = dashboard.page.getByRole('article', { name: /Smartpay \(second shop\)/ });
    await card.waitFor();
    dashboard.page.off('request', record);
    expect(calls).toEqual(['/payment-services/verify', '/payment-services']);
    const services = (await backend(dashboard, 'GET', '/payment-services')).body.items;
    const added = services.find((s: { display_name: string }) => s.display_name === 'Smartpay (second shop)');
    expect(added.webhook_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(added.provider_webhook_endpoint_id).toEqual(expect.any(String));
    await dashboard.page
      .getByRole('status')
      .getByText(`registered its webhook endpoint ${added.provider_webhook_endpoint_id}`)
      .waitFor();
    await card.getByText('Registered by Kessai').waitFor();
    await card.locator('code', { hasText: added.provider_webhook_endpoint_id }).waitFor();
    await card.locator('code', { hasText: added.webhook_url }).waitFor();
    // Pasting the URL into Smartpay would make a second endpoint whose secret Kessai never sees: not asked for.
    expect(await card.getByLabel('Webhook URL to paste into Smartpay').count()).toBe(0);
    await checkPage('connections');

    // Rotate the key (verified again first), then deactivate: each lands in the API.
    await card.getByRole('button', { name: 'Rotate the secret key' }).click();
    const rotate = dashboard.page.getByRole('dialog', { name: 'New secret key for Smartpay (second shop)' });
    await rotate.getByLabel('New secret key').fill(`sk_test_rotated${Date.now()}`);
    await rotate.getByRole('button', { name: 'Confirm' }).click();
    await rotate.waitFor({ state: 'hidden' });
    await card.getByRole('button', { name: 'Deactivate' }).click();
    await dashboard.page
      .getByRole('dialog', { name: 'Deactivate Smartpay (second shop)' })
      .getByRole('button', { name: 'Confirm' })
      .click();
    await card.getByText('Inactive').waitFor();
    const after = (await backend(dashboard, 'GET', `/payment-services/${added.id}`)).body;
    expect(after.active).toBe(false);
  }, 60_000);

  it('creates an API key (the private key downloaded once), lists and revokes it', async () => {
    await dashboard.page.getByRole('link', { name: 'API keys' }).click();
    await dashboard.page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await dashboard.page.getByLabel('Key name').fill('order backend');
    // Scopes by keyboard: reading everything is ticked; writing transactions is added with Space.
    await expect(dashboard.page.getByRole('checkbox', { name: '*.read' }).isChecked()).resolves.toBe(true);
    await dashboard.page.getByRole('checkbox', { name: 'transactions.write' }).focus();
    await dashboard.page.keyboard.press('Space');
    const [download] = await Promise.all([
      dashboard.page.waitForEvent('download'),
      dashboard.page.getByRole('button', { name: 'Create and download' }).click(),
    ]);
    const pem = await readFile((await download.path()) as string, 'utf8');
    expect(pem).toContain('-----BEGIN PRIVATE KEY-----');
    const keys = (await backend(dashboard, 'GET', '/api-keys')).body.items;
    const key = keys.find((k: { name: string }) => k.name === 'order backend');
    expect(key).toBeDefined();
    expect(JSON.stringify(keys)).not.toContain('PRIVATE KEY');
    const row = dashboard.page.locator(`tr[data-api-key-id="${key.id}"]`);
    await row.locator('td[data-label="Status"]', { hasText: /^Active$/ }).waitFor();
    expect(key.scopes).toEqual(['*.read', 'transactions.write']);
    await row.locator('td[data-label="Last used"]', { hasText: /^Never$/ }).waitFor();
    await row.getByRole('button', { name: 'Rename order backend' }).click();
    const renaming = dashboard.page.getByRole('dialog');
    await renaming.getByLabel('Key name').fill('orders');
    await renaming.getByLabel('Key name').press('Enter');
    await row.locator('td[data-label="Name"]', { hasText: /^orders$/ }).waitFor();
    await checkPage('api-keys');
    await dashboard.page.setViewportSize({ width: 390, height: 844 });
    await expect(dashboard.page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await dashboard.page.setViewportSize({ width: 1280, height: 900 });
    await dashboard.page.getByLabel('Language').selectOption('ja');
    await dashboard.page.getByRole('heading', { name: 'API キー', level: 1 }).waitFor();
    await dashboard.page.getByRole('group', { name: 'スコープ' }).waitFor();
    await row.locator('td[data-label="最終利用"]', { hasText: /^未使用$/ }).waitFor();
    await checkPage('api-keys-ja');
    await dashboard.page.getByLabel('言語').selectOption('en');
    await dashboard.page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await row.getByRole('button', { name: 'Revoke', exact: true }).click();
    await dashboard.page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await row.locator('td[data-label="Status"]', { hasText: /^Revoked on / }).waitFor();
    const after = (await backend(dashboard, 'GET', '/api-keys')).body.items.find(
      (k: { id: string }) => k.id === key.id,
    );
    expect(after.revoked_at).not.toBeNull();
  }, 60_000);

  it('adds a webhook subscription, shows its secret once under its URL and its deliveries', async () => {
    await dashboard.page.getByRole('link', { name: 'Webhooks' }).click();
    await dashboard.page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await dashboard.page.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9/kessai-hooks');
    await dashboard.page.getByRole('button', { name: 'Create' }).click();
    const secret = dashboard.page.getByRole('region', {
      name: 'Signing secret of the new subscription http://127.0.0.1:9/kessai-hooks',
    });
    const secretField = secret.getByRole('textbox', { name: /Signing secret/ });
    await expect(secretField.inputValue()).resolves.toMatch(/\S{16,}/);
    const card = dashboard.page.getByRole('article', { name: 'http://127.0.0.1:9/kessai-hooks' });
    const firstSecret = await secretField.inputValue();
    await card.getByRole('button', { name: 'Show deliveries' }).click();
    await card.getByRole('heading', { name: 'Deliveries' }).waitFor();

    // An event after subscribing: its delivery (to a closed port) shows with its attempts, and can be sent again.
    const made = await backend(
      dashboard,
      'POST',
      '/transactions',
      createTransactionBody({ external_identifier: 'hooked' }),
    );
    expect(made.status).toBe(201);
    // transaction.created is not published to merchants; a cancel is (as transaction.failed).
    expect((await backend(dashboard, 'POST', `/transactions/${made.body.id}/cancel`, {})).status).toBe(200);
    const delivery = card.locator('li', { has: dashboard.page.getByRole('link', { name: made.body.id }) }).first();
    await delivery.waitFor();
    const subscriptionId = (await backend(dashboard, 'GET', '/webhook-subscriptions')).body.items[0].id;
    const deliveries = () => backend(dashboard, 'GET', `/webhook-subscriptions/${subscriptionId}/deliveries`);
    const attempted = await eventually(deliveries, (r) =>
      r.body.items.some((d: { attempts: unknown[] }) => d.attempts.length > 0),
    );
    const target = attempted.body.items.find((d: { attempts: unknown[] }) => d.attempts.length > 0);
    const redelivered = dashboard.page.waitForResponse((r) => r.url().endsWith(`/deliveries/${target.id}/redeliver`));
    await card
      .locator('li', { hasText: target.event_name })
      .filter({ has: dashboard.page.getByRole('link', { name: made.body.id }) })
      .first()
      .getByRole('button', { name: 'Redeliver' })
      .click();
    expect((await redelivered).status()).toBe(202);
    await checkPage('webhooks');

    await card.getByRole('button', { name: 'Rotate secret' }).click();
    await dashboard.page
      .getByRole('dialog', { name: 'Rotate the signing secret' })
      .getByRole('button', { name: 'Confirm' })
      .click();
    await dashboard.page.waitForFunction(
      (old) => (document.querySelector('input[name="webhook_secret"]') as HTMLInputElement | null)?.value !== old,
      firstSecret,
    );
    await card.getByText(/rotating \(previous secret valid until/).waitFor();
    const rotated = dashboard.page.getByRole('region', {
      name: 'New signing secret of http://127.0.0.1:9/kessai-hooks',
    });
    await rotated.getByRole('button', { name: 'I have kept it: dismiss' }).click();
    expect(await dashboard.page.locator('input[name="webhook_secret"]').count()).toBe(0);
  }, 60_000);

  it('signs out, and throttles repeated failed sign-ins with a message saying so', async () => {
    await dashboard.page.getByRole('button', { name: 'Sign out' }).click();
    await dashboard.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const target = 'nobody@shop.example.jp';
    let throttled = false;
    for (let attempt = 1; attempt <= 12 && !throttled; attempt++) {
      await dashboard.page.getByLabel('E-mail').fill(target);
      await dashboard.page.getByLabel('Password').fill(`wrong password ${attempt}`);
      await dashboard.page.getByRole('button', { name: 'Sign in' }).click();
      const alert = dashboard.page.locator('[data-sign-in-error]');
      await dashboard.page.waitForFunction(
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

  it("speaks the browser's language by default: a Japanese browser gets the Japanese sign-in", async () => {
    const japanese = await launch({ locale: 'ja-JP' });
    try {
      const tab = japanese.context.pages()[0] ?? (await japanese.context.newPage());
      await tab.goto(`${dashboard.url}/dashboard/`);
      await tab.getByRole('heading', { name: 'ログイン' }).waitFor();
      await expect(tab.evaluate(() => document.documentElement.lang)).resolves.toBe('ja');
      await tab.getByLabel('メールアドレス').waitFor();
    } finally {
      await japanese.close();
    }
  }, 60_000);
});
