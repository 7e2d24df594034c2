import { FakePaymentConnector } from '@kessai/domain/testing';
import { DashboardBrowser } from '../../testing/dashboard-browser';
import { e2eStorages, type Kessai, startKessai } from '../../testing/start-kessai';

const storages = e2eStorages();
const PASSWORD = 'a long enough passphrase';
jest.setTimeout(60_000);

/** An admin manages the team and reads the audit trail through the dashboard's session routes. */
describe.each(storages)('the dashboard team (storage %s)', (storage) => {
  let api: Kessai;
  let admin: DashboardBrowser;
  let viewer: DashboardBrowser;
  let viewerId: string;

  beforeAll(async () => {
    api = await startKessai({ connector: new FakePaymentConnector(), storage });
    await api.dashboard.manageUsers.create({
      email: 'admin@team.example.jp',
      role: 'admin',
      merchantAccountId: 'default',
      password: PASSWORD,
    });
    viewerId = (
      await api.dashboard.manageUsers.create({
        email: 'viewer@team.example.jp',
        role: 'viewer',
        merchantAccountId: 'default',
        password: PASSWORD,
      })
    ).id;
    await api.dashboard.manageUsers.create({
      email: 'admin@elsewhere.example.jp',
      role: 'admin',
      merchantAccountId: 'other',
      password: PASSWORD,
    });
    admin = DashboardBrowser.for(api);
    viewer = DashboardBrowser.for(api);
    await admin.signIn('admin@team.example.jp', PASSWORD);
    await viewer.signIn('viewer@team.example.jp', PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it('lists the merchant account’s users to an admin; a viewer’s reads and forced changes are refused', async () => {
    const team = await admin.request('GET', '/dashboard/api/team');
    expect(team.status).toBe(200);
    expect(team.body.items.map((user: { email: string }) => user.email)).toEqual([
      'admin@team.example.jp',
      'viewer@team.example.jp',
    ]);
    expect((await viewer.request('GET', '/dashboard/api/team')).status).toBe(403);
    expect((await viewer.request('GET', '/dashboard/api/audit')).status).toBe(403);
    const forced = await viewer.request('PATCH', `/dashboard/api/team/${viewerId}`, { body: { role: 'admin' } });
    expect(forced.status).toBe(403);
    const invite = await viewer.request('POST', '/dashboard/api/team', {
      body: { email: 'sneaky@team.example.jp', role: 'admin' },
    });
    expect(invite.status).toBe(403);
    expect((await admin.request('GET', '/dashboard/api/team')).body.items).toHaveLength(2);
  });

  it('refuses a change without the session’s CSRF token', async () => {
    const refused = await admin.request('PATCH', `/dashboard/api/team/${viewerId}`, {
      body: { role: 'admin' },
      csrf: false,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('csrf_token_invalid');
  });

  it('invites a user whose one-time password, answered once, signs them in', async () => {
    const invited = await admin.request('POST', '/dashboard/api/team', {
      body: { email: 'New@Team.example.jp', role: 'viewer' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email: 'new@team.example.jp', role: 'viewer', deactivated_at: null });
    const newcomer = DashboardBrowser.for(api);
    const first = await newcomer.signIn('new@team.example.jp', invited.body.one_time_password);
    expect(first.status).toBe(200);
    expect(first.body.user.must_change_password).toBe(true);
    // Nothing but the session and the password change until the one-time password is replaced.
    const refused = await newcomer.request('GET', '/transactions');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('password_change_required');
    expect((await newcomer.request('GET', '/dashboard/api/session')).status).toBe(200);
    const wrong = await newcomer.request('POST', '/dashboard/api/session/password', {
      body: { current_password: 'not the one at all', new_password: 'my very own passphrase' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([
      expect.objectContaining({ pointer: '/current_password', type: 'wrong_password' }),
    ]);
    const changed = await newcomer.request('POST', '/dashboard/api/session/password', {
      body: { current_password: invited.body.one_time_password, new_password: 'my very own passphrase' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user.must_change_password).toBe(false);
    expect((await newcomer.request('GET', '/transactions')).status).toBe(200);
    const again = await admin.request('POST', '/dashboard/api/team', {
      body: { email: 'new@team.example.jp', role: 'viewer' },
    });
    expect(again.status).toBe(409);
  });

  it('keeps the last admin: demoting or deactivating themselves is a 400 naming the rule', async () => {
    const me = (await admin.request('GET', '/dashboard/api/session')).body.user.id;
    const demote = await admin.request('PATCH', `/dashboard/api/team/${me}`, { body: { role: 'viewer' } });
    expect(demote.status).toBe(400);
    expect(demote.body.details[0].type).toBe('last_admin');
    expect((await admin.request('POST', `/dashboard/api/team/${me}/deactivate`)).status).toBe(400);
  });

  it('deactivates a user: their session ends at once and they cannot sign in again; another merchant’s is not found', async () => {
    const doomed = DashboardBrowser.for(api);
    const invited = await admin.request('POST', '/dashboard/api/team', {
      body: { email: 'leaving@team.example.jp', role: 'admin' },
    });
    await doomed.signIn('leaving@team.example.jp', invited.body.one_time_password);
    expect((await doomed.request('GET', '/dashboard/api/session')).status).toBe(200);
    const deactivated = await admin.request('POST', `/dashboard/api/team/${invited.body.id}/deactivate`);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.deactivated_at).not.toBeNull();
    expect((await doomed.request('GET', '/dashboard/api/session')).status).toBe(401);
    expect((await doomed.request('GET', '/transactions')).status).toBe(401);
    const retry = await DashboardBrowser.for(api).signIn('leaving@team.example.jp', invited.body.one_time_password);
    expect(retry.status).toBe(401);
    const theirs = DashboardBrowser.for(api);
    await theirs.signIn('admin@elsewhere.example.jp', PASSWORD);
    expect((await theirs.request('POST', `/dashboard/api/team/${viewerId}/deactivate`)).status).toBe(404);
  });

  it('lists sign-ins and what admins did, newest first and paged, each merchant account its own', async () => {
    const promoted = await admin.request('PATCH', `/dashboard/api/team/${viewerId}`, { body: { role: 'admin' } });
    expect(promoted.body.role).toBe('admin');
    const page = await admin.request('GET', '/dashboard/api/audit?limit=2');
    expect(page.status).toBe(200);
    expect(page.body.items).toMatchObject([
      {
        type: 'dashboard-audit-entry',
        actor: { email: 'admin@team.example.jp' },
        action: 'dashboard_user.role_changed',
        target: 'viewer@team.example.jp',
        detail: 'admin',
      },
      { action: 'dashboard_user.deactivated', target: 'leaving@team.example.jp' },
    ]);
    const next = await admin.request('GET', `/dashboard/api/audit?limit=2&cursor=${page.body.next_cursor}`);
    expect(next.body.items).toMatchObject([
      { action: 'dashboard.signed_in', actor: { email: 'leaving@team.example.jp' } },
      { action: 'dashboard_user.invited', target: 'leaving@team.example.jp', detail: 'admin' },
    ]);
    const theirs = DashboardBrowser.for(api);
    await theirs.signIn('admin@elsewhere.example.jp', PASSWORD);
    const theirTrail = (await theirs.request('GET', '/dashboard/api/audit')).body.items;
    expect(theirTrail.map((entry: { actor: { email: string } }) => entry.actor.email)).toEqual([
      'admin@elsewhere.example.jp',
      'admin@elsewhere.example.jp',
    ]);
  });

  it('writes a dashboard user’s API key creation and revocation to the audit log', async () => {
    const created = await admin.request('POST', '/api-keys', { body: { name: 'audited', scopes: ['*.read'] } });
    expect((await admin.request('DELETE', `/api-keys/${created.body.id}`)).status).toBe(204);
    const trail = (await admin.request('GET', '/dashboard/api/audit?limit=2')).body.items;
    expect(trail).toMatchObject([
      { action: 'api_key.revoked', actor: { email: 'admin@team.example.jp' }, target: created.body.id },
      { action: 'api_key.created', target: created.body.id, detail: 'audited' },
    ]);
  });
});
