import { FakePaymentConnector } from '@kessai/domain/testing';
import fc from 'fast-check';
import { DashboardBrowser } from '../../testing/dashboard-browser';
import {
  awkwardText,
  deeplyNestedJson,
  hostileSegment,
  loneSurrogateText,
  nonObjectBody,
} from '../../testing/hostile-input';
import { e2eStorages, type Kessai, startKessai } from '../../testing/start-kessai';

const storages = e2eStorages();
const PASSWORD = 'a long enough passphrase';
const RUNS = 300;
jest.setTimeout(180_000);

/**
 * Generated requests against the dashboard's routes and the session cookie: bodies, cookies, CSRF and merchant
 * headers, key ids. No answer is a 5xx, every error is in the envelope, and a refused request makes no API key.
 */
describe.each(storages)('fuzzing the dashboard routes (storage %s)', (storage) => {
  let api: Kessai;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    api = await startKessai({ connector: new FakePaymentConnector(), storage });
    await api.dashboard.manageUsers.create({
      email: 'admin@shop.example.jp',
      role: 'admin',
      merchantAccountId: 'default',
      password: PASSWORD,
    });
    const browser = DashboardBrowser.for(api);
    await browser.signIn('admin@shop.example.jp', PASSWORD);
    cookie = browser.cookie as string;
    csrf = browser.csrfToken as string;
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  const keyCount = async () => (await api.services.apiKeys.listFor('default', { limit: 100 })).items.length;
  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string(), awkwardText, loneSurrogateText, fc.constant(null));
  const bodyFrom = (base: Record<string, unknown>) =>
    fc.oneof(
      {
        arbitrary: fc
          .tuple(fc.constantFrom(...Object.keys(base), 'extra'), value, fc.boolean())
          .map(([key, v, remove]) => {
            const copy: Record<string, unknown> = { ...base };
            if (remove) delete copy[key];
            else copy[key] = v;
            return JSON.stringify(copy);
          }),
        weight: 5,
      },
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 100 }),
      nonObjectBody,
      deeplyNestedJson,
    );
  const expectEnvelope = (response: { statusCode: number; json(): unknown }) => {
    expect(response.statusCode).toBeLessThan(500);
    if (response.statusCode >= 400)
      expect(response.json()).toEqual(
        expect.objectContaining({ type: 'error', code: expect.any(String), status: response.statusCode }),
      );
  };

  it('POST /dashboard/api/session: any body, no 5xx, no cookie unless signed in', async () => {
    await fc.assert(
      fc.asyncProperty(bodyFrom({ email: 'admin@shop.example.jp', password: 'wrong passphrase' }), async (payload) => {
        const response = await api.app.inject({
          method: 'POST',
          url: '/dashboard/api/session',
          payload,
          headers: { 'content-type': 'application/json' },
        });
        expectEnvelope(response);
        if (response.statusCode !== 200) expect(response.headers['set-cookie']).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /api-keys with the session: any body, CSRF token and merchant header; a refused one makes no key', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyFrom({ name: 'fuzz', scopes: ['*.read'] }),
        fc.constantFrom('valid', 'valid', 'none', 'garbage', 'other-session'),
        fc.option(fc.oneof(fc.constant('default'), fc.constant('other'), fc.string({ maxLength: 60 })), {
          nil: undefined,
        }),
        async (payload, token, merchant) => {
          const before = await keyCount();
          const headers: Record<string, string> = { 'content-type': 'application/json', cookie };
          if (token === 'valid') headers['x-csrf-token'] = csrf;
          if (token === 'garbage') headers['x-csrf-token'] = 'A'.repeat(43);
          if (token === 'other-session') headers['x-csrf-token'] = csrf.slice(1);
          if (merchant !== undefined) headers['x-gr4vy-merchant-account-id'] = merchant;
          const response = await api.app.inject({ method: 'POST', url: '/api-keys', payload, headers });
          expectEnvelope(response);
          if (response.statusCode >= 400) expect(await keyCount()).toBe(before);
          if (token !== 'valid') expect(response.statusCode).toBe(403);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('any Cookie header on an API route: 200 for the real session, else a 4xx in the envelope', async () => {
    const cookieValue = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constant(cookie),
      fc.string({ maxLength: 43 }).map((s) => `kessai_session=${s}`),
      fc.constant(`${cookie}; kessai_session=${'B'.repeat(43)}`),
      fc.constant('kessai_session'),
      fc.constant('kessai_session=;;;=;'),
    );
    await fc.assert(
      fc.asyncProperty(cookieValue, async (value) => {
        const response = await api.app.inject({ method: 'GET', url: '/transactions', headers: { cookie: value } });
        expectEnvelope(response);
        if (value === cookie) expect(response.statusCode).toBe(200);
      }),
      { numRuns: RUNS },
    );
  });

  it('DELETE /api-keys/{any id}: no 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(hostileSegment, async (segment) => {
        const response = await api.app.inject({
          method: 'DELETE',
          url: `/api-keys/${segment}`,
          headers: { cookie, 'x-csrf-token': csrf },
        });
        expectEnvelope(response);
      }),
      { numRuns: RUNS },
    );
  });
});
