import { createTestDatabase, type TestDatabase } from '@kessai/adapters-postgres/testing';
import { FakePaymentConnector } from '@kessai/domain/testing';
import { DashboardBrowser } from '../../testing/dashboard-browser';
import { type Kessai, startKessai } from '../../testing/start-kessai';

const PASSWORD = 'a long enough passphrase';
jest.setTimeout(120_000);

/** Two API instances on one PostgreSQL, as behind a load balancer: sessions and throttling hold across them. */
describe('dashboard sessions across two API instances on one database', () => {
  let db: TestDatabase;
  let left: Kessai;
  let right: Kessai;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { STORAGE: 'postgres', DATABASE_URL: db.connectionString };
    left = await startKessai({ connector: new FakePaymentConnector(), env });
    right = await startKessai({ connector: new FakePaymentConnector(), env });
    for (const email of ['admin@shop.example.jp', 'target@shop.example.jp', 'burst@shop.example.jp'])
      await left.dashboard.manageUsers.create({
        email,
        role: 'admin',
        merchantAccountId: 'default',
        password: PASSWORD,
      });
  }, 120_000);
  afterAll(async () => {
    await left?.close();
    await right?.close();
    await db?.drop();
  });

  /** The same browser (cookie and CSRF token) sent to the other instance. */
  const over = (browser: DashboardBrowser, api: Kessai) =>
    Object.assign(new DashboardBrowser(api.baseUrl), { cookie: browser.cookie, csrfToken: browser.csrfToken });

  it('a session opened on one instance works on the other, and a sign-out on one ends it on both', async () => {
    const onLeft = DashboardBrowser.for(left);
    await onLeft.signIn('admin@shop.example.jp', PASSWORD);
    const onRight = over(onLeft, right);
    expect((await onRight.request('GET', '/dashboard/api/session')).status).toBe(200);
    const created = await onRight.request('POST', '/webhook-subscriptions', {
      body: { url: 'https://93.184.216.34/h' },
    });
    expect(created.status).toBe(201);
    expect((await onRight.request('DELETE', '/dashboard/api/session')).status).toBe(204);
    expect((await onLeft.request('GET', '/transactions')).status).toBe(401);
  });

  it('failures counted on one instance lock the e-mail on the other', async () => {
    for (let i = 0; i < 5; i++) {
      const api = i % 2 === 0 ? left : right;
      expect((await DashboardBrowser.for(api).signIn('target@shop.example.jp', `wrong ${i} passphrase`)).status).toBe(
        401,
      );
    }
    for (const api of [left, right]) {
      const locked = await DashboardBrowser.for(api).signIn('target@shop.example.jp', PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.headers.get('retry-after')).toEqual(expect.stringMatching(/^\d+$/));
    }
  });

  it('30 guesses at once for one e-mail, spread over both instances, get 5 password checks; the rest 429', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        DashboardBrowser.for(i % 2 === 0 ? left : right).signIn('burst@shop.example.jp', `wrong ${i} passphrase`),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    expect((await DashboardBrowser.for(right).signIn('burst@shop.example.jp', PASSWORD)).status).toBe(429);
  });
});
