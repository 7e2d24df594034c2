import { InMemoryAuditLog } from '../in-memory/in-memory-audit-log';
import { InMemoryDashboardSessionStore } from '../in-memory/in-memory-dashboard-session-store';
import { InMemoryDashboardUserRepository } from '../in-memory/in-memory-dashboard-user-repository';
import { InMemorySignInAttemptLog } from '../in-memory/in-memory-sign-in-attempt-log';
import { RandomIdGenerator } from '../shared/random-id-generator';
import { ManualClock } from '../shared/system-clock';
import { FastTestPasswordHasher } from '../testing/fast-test-password-hasher';
import { DEFAULT_SESSION_POLICY } from './dashboard-session';
import { DashboardSessionAccess } from './dashboard-session-access';
import { DashboardSignIn } from './dashboard-sign-in';
import { ManageDashboardUsers } from './manage-dashboard-users';
import { ManageTeam } from './manage-team';
import { DEFAULT_THROTTLE_POLICY } from './sign-in-throttle';

const PASSWORD = 'a long enough passphrase';

async function setup() {
  const deps = {
    users: new InMemoryDashboardUserRepository(),
    sessions: new InMemoryDashboardSessionStore(),
    attempts: new InMemorySignInAttemptLog(),
    hasher: new FastTestPasswordHasher(),
    clock: new ManualClock(new Date('2026-03-01T09:00:00.000Z')),
    ids: new RandomIdGenerator(),
    sessionPolicy: DEFAULT_SESSION_POLICY,
    throttlePolicy: DEFAULT_THROTTLE_POLICY,
    audit: new InMemoryAuditLog(),
  };
  const users = new ManageDashboardUsers(deps);
  const make = (email: string, role: 'admin' | 'viewer', merchantAccountId = 'default') =>
    users.create({ email, role, merchantAccountId, password: PASSWORD });
  const admin = await make('admin@shop.jp', 'admin');
  return {
    deps,
    make,
    admin,
    team: new ManageTeam(deps),
    signIn: new DashboardSignIn(deps),
    access: new DashboardSessionAccess(deps),
  };
}
const from = (email: string, password = PASSWORD) => ({ email, password, address: '198.51.100.7' });

describe('an admin’s team', () => {
  it('lists the merchant account’s users only, oldest first', async () => {
    const { team, admin, make } = await setup();
    const viewer = await make('viewer@shop.jp', 'viewer');
    await make('admin@other.jp', 'admin', 'other');
    expect((await team.list(admin)).map((user) => user.email)).toEqual([admin.email, viewer.email]);
  });

  it('invites a user with a generated password that signs them in, shown once; the invitation is audited', async () => {
    const { team, admin, signIn, deps } = await setup();
    const { user, oneTimePassword } = await team.invite(admin, { email: 'New@Shop.jp', role: 'viewer' });
    expect(user).toMatchObject({ email: 'new@shop.jp', role: 'viewer', merchantAccountId: 'default' });
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(JSON.stringify(await deps.users.get(user.id))).not.toContain(oneTimePassword);
    deps.clock.advance(1_000);
    expect((await signIn.signIn(from('new@shop.jp', oneTimePassword))).outcome).toBe('signed_in');
    const audited = (await deps.audit.list('default', { limit: 10 })).items;
    expect(audited).toMatchObject([
      { action: 'dashboard.signed_in', actorEmail: 'new@shop.jp', target: 'new@shop.jp' },
      { action: 'dashboard_user.invited', actorEmail: 'admin@shop.jp', target: 'new@shop.jp', detail: 'viewer' },
    ]);
  });

  it('is managed by admins only: a viewer may not list, invite, change a role or deactivate', async () => {
    const { team, admin, make } = await setup();
    const viewer = await make('viewer@shop.jp', 'viewer');
    await expect(team.list(viewer)).rejects.toMatchObject({ code: 'admin_only' });
    await expect(team.invite(viewer, { email: 'x@shop.jp', role: 'admin' })).rejects.toMatchObject({
      code: 'admin_only',
    });
    await expect(team.setRole(viewer, viewer.id, 'admin')).rejects.toMatchObject({ code: 'admin_only' });
    await expect(team.deactivate(viewer, admin.id)).rejects.toMatchObject({ code: 'admin_only' });
  });

  it('changes a role, audited with the new role; another merchant’s user is not found', async () => {
    const { team, admin, make, deps } = await setup();
    const viewer = await make('viewer@shop.jp', 'viewer');
    const theirs = await make('viewer@other.jp', 'viewer', 'other');
    await expect(team.setRole(admin, viewer.id, 'admin')).resolves.toMatchObject({ role: 'admin' });
    expect((await deps.users.get(viewer.id))?.role).toBe('admin');
    await expect(team.setRole(admin, theirs.id, 'admin')).rejects.toMatchObject({ code: 'dashboard_user_not_found' });
    await expect(team.setRole(admin, viewer.id, 'owner')).rejects.toMatchObject({ code: 'invalid_field' });
    expect((await deps.audit.list('default', { limit: 10 })).items).toMatchObject([
      { action: 'dashboard_user.role_changed', target: 'viewer@shop.jp', detail: 'admin' },
    ]);
  });

  it('keeps one active admin: the last admin cannot demote or deactivate themselves; with another admin they can', async () => {
    const { team, admin, make } = await setup();
    await expect(team.setRole(admin, admin.id, 'viewer')).rejects.toMatchObject({ code: 'last_admin' });
    await expect(team.deactivate(admin, admin.id)).rejects.toMatchObject({ code: 'last_admin' });
    const other = await make('second@shop.jp', 'admin');
    await team.deactivate(admin, other.id);
    await expect(team.setRole(admin, admin.id, 'viewer')).rejects.toMatchObject({ code: 'last_admin' });
    const third = await make('third@shop.jp', 'admin');
    await expect(team.setRole(admin, admin.id, 'viewer')).resolves.toMatchObject({ role: 'viewer' });
    await expect(team.deactivate(third, third.id)).rejects.toMatchObject({ code: 'last_admin' });
  });

  it('deactivates a user: their sessions end, they cannot sign in again, and it is audited once', async () => {
    const { team, admin, make, signIn, access, deps } = await setup();
    const viewer = await make('viewer@shop.jp', 'viewer');
    const signedIn = await signIn.signIn(from('viewer@shop.jp'));
    if (signedIn.outcome !== 'signed_in') throw new Error(signedIn.outcome);
    await team.deactivate(admin, viewer.id);
    await team.deactivate(admin, viewer.id);
    expect((await access.resume(signedIn.token)).outcome).not.toBe('active');
    expect((await signIn.signIn(from('viewer@shop.jp'))).outcome).toBe('invalid_credentials');
    await expect(team.list(admin)).resolves.toContainEqual(
      expect.objectContaining({ id: viewer.id, deactivatedAt: new Date('2026-03-01T09:00:00.000Z') }),
    );
    const audited = (await deps.audit.list('default', { limit: 10 })).items.map((entry) => entry.action);
    expect(audited.filter((action) => action === 'dashboard_user.deactivated')).toHaveLength(1);
    expect(audited).toContain('dashboard.signed_in');
  });
});

describe('a one-time password', () => {
  it('must be changed by the invited user, proving it, to a new one that passes the rules; then their sessions end', async () => {
    const { team, admin, signIn, access, deps } = await setup();
    const { user, oneTimePassword } = await team.invite(admin, { email: 'new@shop.jp', role: 'viewer' });
    expect(user.mustChangePassword).toBe(true);
    expect(admin.mustChangePassword).toBe(false);
    const first = await signIn.signIn(from('new@shop.jp', oneTimePassword));
    if (first.outcome !== 'signed_in') throw new Error(first.outcome);
    expect(first.user.mustChangePassword).toBe(true);

    const users = new ManageDashboardUsers(deps);
    await expect(users.changeOwnPassword(user, 'not it at all, sorry', 'a brand new passphrase')).rejects.toMatchObject(
      {
        code: 'wrong_password',
        field: '/current_password',
      },
    );
    await expect(users.changeOwnPassword(user, oneTimePassword, oneTimePassword)).rejects.toMatchObject({
      code: 'weak_password',
      field: '/new_password',
    });
    await expect(users.changeOwnPassword(user, oneTimePassword, 'short')).rejects.toMatchObject({
      code: 'weak_password',
      field: '/new_password',
    });
    expect((await deps.users.get(user.id))?.mustChangePassword).toBe(true);

    await users.changeOwnPassword(user, oneTimePassword, 'a brand new passphrase');
    expect((await deps.users.get(user.id))?.mustChangePassword).toBe(false);
    expect((await access.resume(first.token)).outcome).toBe('revoked');
    expect((await signIn.signIn(from('new@shop.jp', oneTimePassword))).outcome).toBe('invalid_credentials');
    expect((await signIn.signIn(from('new@shop.jp', 'a brand new passphrase'))).outcome).toBe('signed_in');
  });
});
