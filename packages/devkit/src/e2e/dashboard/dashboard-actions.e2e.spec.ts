import { ManualClock } from '@kessai/domain';
import { FakePaymentConnector, smartpayService } from '@kessai/domain/testing';
import { DashboardBrowser } from '../../testing/dashboard-browser';
import { createTransactionBody } from '../../testing/requests';
import { e2eStorages, type Kessai, startKessai } from '../../testing/start-kessai';

const storages = e2eStorages();
const PASSWORD = 'a long enough passphrase';
const MINUTE = 60_000;
// Each sign-in runs scrypt (32 MiB, memory-hard): on a shared machine that is a second or more.
jest.setTimeout(60_000);

/** What a signed-in browser may change through the public API: roles, CSRF, and sign-in throttling. */
describe.each(storages)('dashboard actions (storage %s)', (storage) => {
  let api: Kessai;
  let connector: FakePaymentConnector;
  const clock = new ManualClock(new Date());
  let admin: DashboardBrowser;
  let viewer: DashboardBrowser;

  beforeAll(async () => {
    connector = new FakePaymentConnector();
    api = await startKessai({ connector, storage, clock });
    await api.services.paymentServices.add(smartpayService({ merchantAccountId: 'default' }));
    for (const [email, role] of [
      ['admin@shop.example.jp', 'admin'],
      ['viewer@shop.example.jp', 'viewer'],
      ['other@shop.example.jp', 'viewer'],
    ] as const)
      await api.dashboard.manageUsers.create({ email, role, merchantAccountId: 'default', password: PASSWORD });
    admin = DashboardBrowser.for(api);
    viewer = DashboardBrowser.for(api);
    expect((await admin.signIn('admin@shop.example.jp', PASSWORD)).status).toBe(200);
    expect((await viewer.signIn('viewer@shop.example.jp', PASSWORD)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  async function authorized(): Promise<string> {
    const created = await api.call('POST', '/transactions', { body: createTransactionBody() });
    connector.approve(created.body.payment_service_transaction_id);
    await api.call('POST', `/transactions/${created.body.id}/sync`);
    return created.body.id as string;
  }
  const captured = async (id: string) => (await api.call('GET', `/transactions/${id}`)).body.captured_amount;

  it('a viewer reads a transaction, but its capture is 403 forbidden and nothing is captured', async () => {
    const id = await authorized();
    expect((await viewer.request('GET', `/transactions/${id}`)).body.status).toBe('authorization_succeeded');
    const refused = await viewer.request('POST', `/transactions/${id}/capture`, { body: { amount: 1000 } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await captured(id)).toBe(0);
    expect((await api.call('GET', `/transactions/${id}/captures`)).body.items).toEqual([]);
  });

  it('an admin’s POST without or with a wrong X-CSRF-Token is 403 csrf_token_invalid and changes nothing', async () => {
    const id = await authorized();
    for (const csrf of [false, 'A'.repeat(43), `${admin.csrfToken}x`, ''] as const) {
      const capture = await admin.request('POST', `/transactions/${id}/capture`, { body: { amount: 1000 }, csrf });
      expect(capture.status).toBe(403);
      expect(capture.body).toMatchObject({ type: 'error', code: 'csrf_token_invalid', status: 403 });
    }
    const update = await admin.request('PUT', `/transactions/${id}`, {
      body: { external_identifier: 'x' },
      csrf: false,
    });
    expect(update.status).toBe(403);
    const subscription = await admin.request('POST', '/webhook-subscriptions', {
      body: { url: 'https://93.184.216.34/hook' },
      csrf: false,
    });
    expect(subscription.status).toBe(403);
    expect(await captured(id)).toBe(0);
    expect((await api.call('GET', `/transactions/${id}`)).body.external_identifier).toBe('order-1001');
    expect((await api.call('GET', '/webhook-subscriptions')).body.items).toEqual([]);
  });

  it('another session’s CSRF token does not do either', async () => {
    const id = await authorized();
    const refused = await admin.request('POST', `/transactions/${id}/capture`, {
      body: { amount: 1000 },
      csrf: viewer.csrfToken as string,
    });
    expect(refused.body.code).toBe('csrf_token_invalid');
    expect(await captured(id)).toBe(0);
  });

  it('an admin with the CSRF token captures, refunds and voids through the same API and rules', async () => {
    const id = await authorized();
    const capture = await admin.request('POST', `/transactions/${id}/capture`, {
      body: { amount: 5000, final: false },
    });
    expect(capture.status).toBe(200);
    expect(capture.body).toMatchObject({ captured_amount: 5000 });
    const over = await admin.request('POST', `/transactions/${id}/capture`, { body: { amount: 99_999 } });
    expect(over.status).toBe(400);
    expect(over.body.details[0]).toMatchObject({ type: 'amount_exceeds_authorized' });
    const refund = await admin.request('POST', `/transactions/${id}/refunds`, {
      body: { amount: 2000 },
      headers: { 'idempotency-key': `refund-${id}` },
    });
    expect(refund.status).toBe(201);
    const replay = await admin.request('POST', `/transactions/${id}/refunds`, {
      body: { amount: 2000 },
      headers: { 'idempotency-key': `refund-${id}` },
    });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(refund.body.id);
    const voidable = await authorized();
    expect((await admin.request('POST', `/transactions/${voidable}/void`)).body.status).toBe('authorization_voided');
  });

  it('records the signed-in user as the actor of what the session did, in GET /transactions/{id}/events', async () => {
    const id = await authorized();
    const userId = (await admin.request('GET', '/dashboard/api/session')).body.user.id;
    expect(
      (await admin.request('POST', `/transactions/${id}/capture`, { body: { amount: 3000, final: false } })).status,
    ).toBe(200);
    expect((await admin.request('POST', `/transactions/${id}/refunds`, { body: { amount: 1000 } })).status).toBe(201);
    const events = await viewer.request('GET', `/transactions/${id}/events`);
    expect(events.status).toBe(200);
    const byName = (name: string) => events.body.items.filter((event: { name: string }) => event.name === name);
    const dashboardUser = { type: 'dashboard_user', id: userId, display: 'admin@shop.example.jp' };
    expect(byName('transaction.captured').length).toBeGreaterThan(0);
    for (const event of [...byName('transaction.captured'), ...byName('refund.succeeded')])
      expect(event.actor).toEqual(dashboardUser);
    expect(byName('transaction.created')[0]?.actor).toMatchObject({ type: 'api_key' });
  });

  it('a viewer may sync (Gr4vy gives sync the read scope), with the CSRF token like any POST', async () => {
    const id = await authorized();
    const sync = await viewer.request('POST', `/transactions/${id}/sync`);
    expect(sync.status).toBe(200);
    const noToken = await viewer.request('POST', `/transactions/${id}/sync`, { csrf: false });
    expect(noToken.body.code).toBe('csrf_token_invalid');
  });

  it('five wrong passwords lock that e-mail: 429 too_many_attempts with Retry-After, even for the right password; another e-mail still signs in; the lock ends after 15 minutes', async () => {
    const attacker = DashboardBrowser.for(api);
    for (let i = 0; i < 5; i++)
      expect((await attacker.signIn('other@shop.example.jp', `wrong passphrase ${i}`)).status).toBe(401);
    const locked = await attacker.signIn('other@shop.example.jp', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ type: 'error', code: 'too_many_attempts', status: 429 });
    expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
    expect(locked.headers.get('set-cookie')).toBeNull();
    clock.advance(MINUTE);
    const stillLocked = await attacker.signIn('other@shop.example.jp', PASSWORD);
    expect(stillLocked.status).toBe(429);
    expect(Number(stillLocked.headers.get('retry-after'))).toBe(14 * 60);

    expect((await DashboardBrowser.for(api).signIn('viewer@shop.example.jp', PASSWORD)).status).toBe(200);
    clock.advance(14 * MINUTE);
    expect((await DashboardBrowser.for(api).signIn('other@shop.example.jp', PASSWORD)).status).toBe(200);
  });

  it('twenty failures from one client address slow it down to one attempt per 10 seconds, for every e-mail, without locking it out', async () => {
    clock.advance(16 * MINUTE);
    for (let i = 0; i < 20; i++)
      expect((await DashboardBrowser.for(api).signIn(`guess-${i}@shop.example.jp`, PASSWORD)).status).toBe(401);
    const slowed = await DashboardBrowser.for(api).signIn('admin@shop.example.jp', PASSWORD);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBe(10);
    clock.advance(10_000);
    expect((await DashboardBrowser.for(api).signIn('admin@shop.example.jp', PASSWORD)).status).toBe(200);
  }, 120_000);
});
