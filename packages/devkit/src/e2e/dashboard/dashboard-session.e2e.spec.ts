import { ManualClock } from '@kessai/domain';
import { FakePaymentConnector } from '@kessai/domain/testing';
import { DashboardBrowser } from '../../testing/dashboard-browser';
import { e2eStorages, type Kessai, startKessai } from '../../testing/start-kessai';

const storages = e2eStorages();
const PASSWORD = 'a long enough passphrase';
const MINUTE = 60_000;
// Each sign-in runs scrypt (32 MiB, memory-hard): on a shared machine that is a second or more.
jest.setTimeout(30_000);

/** Signing in to the dashboard and what the session cookie then opens, on both storages. */
describe.each(storages)('dashboard sessions (storage %s)', (storage) => {
  let api: Kessai;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    api = await startKessai({ connector: new FakePaymentConnector(), storage, clock });
    const create = (email: string, role: string, merchantAccountId = 'default') =>
      api.dashboard.manageUsers.create({ email, role, merchantAccountId, password: PASSWORD });
    await create('Admin@Shop.example.jp', 'admin');
    await create('viewer@shop.example.jp', 'viewer');
    await create('ops@other.example.jp', 'admin', 'other');
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it('signs in by e-mail (any case) and password: the session, and a cookie that is HttpOnly, SameSite=Strict, Path=/, not Secure over HTTP', async () => {
    const browser = DashboardBrowser.for(api);
    const signedIn = await browser.signIn(' ADMIN@shop.example.jp ', PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({
      type: 'dashboard-session',
      user: {
        id: expect.any(String),
        email: 'admin@shop.example.jp',
        role: 'admin',
        merchant_account_id: 'default',
        must_change_password: false,
      },
      merchant_account: { id: 'default', time_zone: 'Asia/Tokyo' },
      csrf_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expires_at: new Date(clock.now().getTime() + 12 * 60 * MINUTE).toISOString(),
      idle_expires_at: new Date(clock.now().getTime() + 30 * MINUTE).toISOString(),
    });
    const cookie = signedIn.headers.get('set-cookie') ?? '';
    const attributes = cookie.split('; ');
    expect(attributes[0]).toMatch(/^kessai_session=[A-Za-z0-9_-]{43}$/);
    expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=43200']));
    expect(attributes).not.toContain('Secure');
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    expect(signedIn.body.csrf_token).not.toBe(attributes[0]?.split('=')[1]);
  });

  it('answers a wrong password and an unknown e-mail alike: 401 invalid_credentials, no cookie', async () => {
    const wrong = await DashboardBrowser.for(api).signIn('admin@shop.example.jp', 'not the passphrase');
    const unknown = await DashboardBrowser.for(api).signIn('nobody@shop.example.jp', PASSWORD);
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get('set-cookie')).toBeNull();
    }
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({
      type: 'error',
      code: 'invalid_credentials',
      status: 401,
      message: 'wrong e-mail or password',
      details: [],
    });
  });

  it('refuses a sign-in body that is not {email, password} JSON with a 4xx naming the field', async () => {
    const browser = DashboardBrowser.for(api);
    const missing = await browser.request('POST', '/dashboard/api/session', {
      body: { email: 'admin@shop.example.jp' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0]).toMatchObject({ location: 'body', pointer: '/password' });
    const form = await fetch(`${api.baseUrl}/dashboard/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=admin%40shop.example.jp&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(form.status).toBe(415);
    const text = await fetch(`${api.baseUrl}/dashboard/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ email: 'admin@shop.example.jp', password: PASSWORD }),
    });
    expect(text.status).toBe(400);
    expect(text.headers.get('set-cookie')).toBeNull();
  });

  it('the cookie opens the public API as the user’s merchant account; another merchant’s header is 403', async () => {
    const created = await api.call('POST', '/webhook-subscriptions', { body: { url: 'https://93.184.216.34/hook' } });
    const browser = DashboardBrowser.for(api);
    await browser.signIn('admin@shop.example.jp', PASSWORD);
    const list = await browser.request('GET', '/webhook-subscriptions');
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(created.body.id);
    const same = await browser.request('GET', '/webhook-subscriptions', {
      headers: { 'x-gr4vy-merchant-account-id': 'default' },
    });
    expect(same.status).toBe(200);
    const other = await browser.request('GET', '/webhook-subscriptions', {
      headers: { 'x-gr4vy-merchant-account-id': 'other' },
    });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'forbidden' });

    const otherMerchant = DashboardBrowser.for(api);
    await otherMerchant.signIn('ops@other.example.jp', PASSWORD);
    const theirs = await otherMerchant.request('GET', '/webhook-subscriptions');
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
    expect((await otherMerchant.request('GET', `/webhook-subscriptions/${created.body.id}`)).status).toBe(404);
  });

  it('GET /dashboard/api/session answers the same session and CSRF token; without a cookie 401 unauthenticated', async () => {
    const browser = DashboardBrowser.for(api);
    const signedIn = await browser.signIn('viewer@shop.example.jp', PASSWORD);
    const current = await browser.request('GET', '/dashboard/api/session');
    expect(current.status).toBe(200);
    expect(current.body).toEqual(signedIn.body);
    const none = await DashboardBrowser.for(api).request('GET', '/dashboard/api/session');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ type: 'error', code: 'unauthenticated' });
    const forged = await fetch(`${api.baseUrl}/dashboard/api/session`, {
      headers: { cookie: `kessai_session=${'A'.repeat(43)}` },
    });
    expect(forged.status).toBe(401);
  });

  it('sign-out needs the CSRF token, revokes the session server-side and clears the cookie: the old cookie opens nothing', async () => {
    const browser = DashboardBrowser.for(api);
    await browser.signIn('admin@shop.example.jp', PASSWORD);
    const oldCookie = browser.cookie as string;
    const refused = await browser.request('DELETE', '/dashboard/api/session', { csrf: false });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'csrf_token_invalid' });
    expect((await browser.request('GET', '/dashboard/api/session')).status).toBe(200);

    const signedOut = await browser.request('DELETE', '/dashboard/api/session');
    expect(signedOut.status).toBe(204);
    expect(signedOut.headers.get('set-cookie')).toMatch(
      /^kessai_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/,
    );
    for (const path of ['/dashboard/api/session', '/transactions']) {
      const replayed = await fetch(`${api.baseUrl}${path}`, { headers: { cookie: oldCookie } });
      expect(replayed.status).toBe(401);
      expect(await replayed.json()).toMatchObject({ message: expect.stringContaining('signed out') });
    }
  });

  it('signing in again from the same browser ends its previous session', async () => {
    const browser = DashboardBrowser.for(api);
    await browser.signIn('viewer@shop.example.jp', PASSWORD);
    const previous = browser.cookie as string;
    await browser.signIn('viewer@shop.example.jp', PASSWORD);
    expect(browser.cookie).not.toBe(previous);
    expect((await browser.request('GET', '/transactions')).status).toBe(200);
    expect((await fetch(`${api.baseUrl}/transactions`, { headers: { cookie: previous } })).status).toBe(401);
  });

  it('a session unused for 30 minutes ends; use keeps it alive, but never past 12 hours after sign-in', async () => {
    const idle = DashboardBrowser.for(api);
    await idle.signIn('viewer@shop.example.jp', PASSWORD);
    clock.advance(29 * MINUTE);
    expect((await idle.request('GET', '/transactions')).status).toBe(200);
    clock.advance(29 * MINUTE);
    expect((await idle.request('GET', '/transactions')).status).toBe(200);
    clock.advance(31 * MINUTE);
    const expired = await idle.request('GET', '/transactions');
    expect(expired.status).toBe(401);
    expect(expired.body.message).toContain('expired');

    const busy = DashboardBrowser.for(api);
    const signedIn = await busy.signIn('viewer@shop.example.jp', PASSWORD);
    const end = Date.parse(signedIn.body.expires_at);
    while (clock.now().getTime() + 25 * MINUTE < end) {
      clock.advance(25 * MINUTE);
      expect((await busy.request('GET', '/dashboard/api/session')).status).toBe(200);
    }
    clock.set(new Date(end));
    const over = await busy.request('GET', '/dashboard/api/session');
    expect(over.status).toBe(401);
    expect(over.body).toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('expired') });
    expect(over.headers.get('set-cookie')).toMatch(/^kessai_session=; .*Max-Age=0/);
  }, 30_000);

  it('the page’s own polls (X-Kessai-Background: 1) do not keep an unattended session alive', async () => {
    const tab = DashboardBrowser.for(api);
    await tab.signIn('viewer@shop.example.jp', PASSWORD);
    const poll = (path: string) => tab.request('GET', path, { headers: { 'x-kessai-background': '1' } });
    for (const minutes of [10, 10, 9]) {
      clock.advance(minutes * MINUTE);
      expect((await poll('/transactions')).status).toBe(200);
      expect((await poll('/dashboard/api/session')).status).toBe(200);
    }
    clock.advance(MINUTE);
    const ended = await poll('/transactions');
    expect(ended.status).toBe(401);
    expect(ended.body.message).toContain('expired');
  });

  it('a request with a bearer token is judged by the token alone, cookie or not', async () => {
    const viewer = DashboardBrowser.for(api);
    await viewer.signIn('viewer@shop.example.jp', PASSWORD);
    const withToken = await viewer.request('POST', '/webhook-subscriptions', {
      body: { url: 'https://93.184.216.34/bearer' },
      headers: { authorization: `Bearer ${await api.token()}` },
      csrf: false,
    });
    expect(withToken.status).toBe(201);
    const badToken = await viewer.request('GET', '/transactions', { headers: { authorization: 'Bearer nope' } });
    expect(badToken.status).toBe(401);
  });
});

describe('dashboard sessions behind a proxy', () => {
  let trusting: Kessai;
  let direct: Kessai;
  beforeAll(async () => {
    [trusting, direct] = await Promise.all([
      startKessai({ connector: new FakePaymentConnector(), env: { TRUST_PROXY: 'true' } }),
      startKessai({ connector: new FakePaymentConnector() }),
    ]);
    for (const api of [trusting, direct])
      await api.dashboard.manageUsers.create({
        email: 'admin@shop.example.jp',
        role: 'admin',
        merchantAccountId: 'default',
        password: PASSWORD,
      });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([trusting?.close(), direct?.close()]);
  });

  it('names the cookie __Host-kessai_session and marks it Secure when a trusted proxy says the request came over HTTPS, and only then', async () => {
    const https = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' };
    const browser = DashboardBrowser.for(trusting);
    const secure = await browser.signIn('admin@shop.example.jp', PASSWORD, https);
    const attributes = secure.headers.get('set-cookie')?.split('; ') ?? [];
    expect(attributes[0]).toMatch(/^__Host-kessai_session=[A-Za-z0-9_-]{43}$/);
    expect(attributes).toEqual(expect.arrayContaining(['Secure', 'Path=/']));
    expect(attributes.some((attribute) => /^domain=/i.test(attribute))).toBe(false);
    expect((await browser.request('GET', '/dashboard/api/session', { headers: https })).status).toBe(200);
    // Over HTTPS an unprefixed cookie (another subdomain could have set it) opens nothing.
    const planted = { ...https, cookie: (browser.cookie ?? '').replace('__Host-', '') };
    expect((await DashboardBrowser.for(trusting).request('GET', '/transactions', { headers: planted })).status).toBe(
      401,
    );
    const plain = await DashboardBrowser.for(trusting).signIn('admin@shop.example.jp', PASSWORD);
    expect(plain.headers.get('set-cookie')).toMatch(/^kessai_session=/);
    expect(plain.headers.get('set-cookie')?.split('; ')).not.toContain('Secure');
    const untrusted = await DashboardBrowser.for(direct).signIn('admin@shop.example.jp', PASSWORD, https);
    expect(untrusted.status).toBe(200);
    expect(untrusted.headers.get('set-cookie')?.split('; ')).not.toContain('Secure');
  }, 30_000);
});
