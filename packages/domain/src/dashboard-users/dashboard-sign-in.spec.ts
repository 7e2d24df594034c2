import { PasswordCheckBusyError } from '../errors';
import { InMemoryDashboardSessionStore } from '../in-memory/in-memory-dashboard-session-store';
import { InMemoryDashboardUserRepository } from '../in-memory/in-memory-dashboard-user-repository';
import { InMemorySignInAttemptLog } from '../in-memory/in-memory-sign-in-attempt-log';
import { RandomIdGenerator } from '../shared/random-id-generator';
import { ManualClock } from '../shared/system-clock';
import { FastTestPasswordHasher } from '../testing/fast-test-password-hasher';
import type { DashboardAuthDependencies } from './dashboard-auth-dependencies';
import { DEFAULT_SESSION_POLICY } from './dashboard-session';
import { DashboardSessionAccess } from './dashboard-session-access';
import { DashboardSignIn } from './dashboard-sign-in';
import { ManageDashboardUsers } from './manage-dashboard-users';
import { hashSessionToken } from './session-token';
import { DEFAULT_THROTTLE_POLICY } from './sign-in-throttle';

const MINUTE = 60_000;
const PASSWORD = 'a long enough passphrase';

function setup() {
  const hasher = new FastTestPasswordHasher();
  const deps: DashboardAuthDependencies = {
    users: new InMemoryDashboardUserRepository(),
    sessions: new InMemoryDashboardSessionStore(),
    attempts: new InMemorySignInAttemptLog(),
    hasher,
    clock: new ManualClock(new Date('2026-03-01T09:00:00.000Z')),
    ids: new RandomIdGenerator(),
    sessionPolicy: DEFAULT_SESSION_POLICY,
    throttlePolicy: DEFAULT_THROTTLE_POLICY,
  };
  return {
    deps,
    hasher,
    clock: deps.clock as ManualClock,
    signIn: new DashboardSignIn(deps),
    access: new DashboardSessionAccess(deps),
    users: new ManageDashboardUsers(deps),
  };
}
const from = (email: string, password = PASSWORD, address = '198.51.100.7') => ({ email, password, address });

describe('signing in to the dashboard', () => {
  it('opens a session whose token is stored only as a hash', async () => {
    const { signIn, users, deps } = setup();
    const user = await users.create({
      email: 'ops@shop.jp',
      role: 'admin',
      merchantAccountId: 'default',
      password: PASSWORD,
    });
    const result = await signIn.signIn(from('OPS@shop.jp'));
    if (result.outcome !== 'signed_in') throw new Error(result.outcome);
    expect(result.user).toEqual(user);
    expect(result.session.tokenHash).toBe(hashSessionToken(result.token));
    expect(await deps.sessions.findByTokenHash(result.token)).toBeUndefined();
    expect(await deps.sessions.findByTokenHash(hashSessionToken(result.token))).toEqual(result.session);
  });

  it('answers a wrong password and an unknown e-mail the same, after the same hash work', async () => {
    const { signIn, users, hasher } = setup();
    await users.create({ email: 'ops@shop.jp', role: 'admin', merchantAccountId: 'default', password: PASSWORD });
    const before = hasher.verifications;
    expect(await signIn.signIn(from('ops@shop.jp', 'wrong passphrase'))).toEqual({ outcome: 'invalid_credentials' });
    expect(await signIn.signIn(from('nobody@shop.jp'))).toEqual({ outcome: 'invalid_credentials' });
    expect(hasher.verifications - before).toBe(2);
  });

  it('locks an e-mail after 5 failures for 15 minutes, before any hash, and not another e-mail', async () => {
    const { signIn, users, hasher, clock } = setup();
    await users.create({ email: 'ops@shop.jp', role: 'admin', merchantAccountId: 'default', password: PASSWORD });
    await users.create({ email: 'two@shop.jp', role: 'viewer', merchantAccountId: 'default', password: PASSWORD });
    for (let i = 0; i < 5; i++) await signIn.signIn(from('ops@shop.jp', 'wrong passphrase'));
    const verified = hasher.verifications;
    expect(await signIn.signIn(from('ops@shop.jp'))).toEqual({ outcome: 'throttled', retryAfterMs: 15 * MINUTE });
    expect(hasher.verifications).toBe(verified);
    expect((await signIn.signIn(from('two@shop.jp'))).outcome).toBe('signed_in');
    clock.advance(15 * MINUTE);
    expect((await signIn.signIn(from('ops@shop.jp'))).outcome).toBe('signed_in');
  });

  it('checks at most 5 passwords for one e-mail when 30 guesses arrive at once', async () => {
    const { signIn, users, hasher } = setup();
    await users.create({ email: 'ops@shop.jp', role: 'admin', merchantAccountId: 'default', password: PASSWORD });
    const before = hasher.verifications;
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn.signIn(from('ops@shop.jp', `wrong passphrase ${i}`))),
    );
    expect(hasher.verifications - before).toBe(5);
    expect(answers.filter((answer) => answer.outcome === 'throttled')).toHaveLength(25);
    expect((await signIn.signIn(from('ops@shop.jp'))).outcome).toBe('throttled');
  });

  it('answers busy when the hasher has no room, and does not count that attempt', async () => {
    const { signIn, users, hasher } = setup();
    await users.create({ email: 'ops@shop.jp', role: 'admin', merchantAccountId: 'default', password: PASSWORD });
    const busy = jest
      .spyOn(hasher, 'verify')
      .mockRejectedValue(new PasswordCheckBusyError('too many sign-ins at once: retry in a second'));
    for (let i = 0; i < 6; i++) expect(await signIn.signIn(from('ops@shop.jp'))).toEqual({ outcome: 'busy' });
    busy.mockRestore();
    expect((await signIn.signIn(from('ops@shop.jp'))).outcome).toBe('signed_in');
  });

  it('slows a client address down after 20 failures, whatever the e-mails, instead of locking everyone behind it out', async () => {
    const { signIn, users, clock } = setup();
    await users.create({ email: 'ops@shop.jp', role: 'admin', merchantAccountId: 'default', password: PASSWORD });
    for (let i = 0; i < 20; i++) await signIn.signIn(from(`guess-${i}@shop.jp`, 'wrong passphrase', '203.0.113.5'));
    expect(await signIn.signIn(from('ops@shop.jp', PASSWORD, '203.0.113.5'))).toEqual({
      outcome: 'throttled',
      retryAfterMs: 10_000,
    });
    expect((await signIn.signIn(from('ops@shop.jp', PASSWORD, '203.0.113.6'))).outcome).toBe('signed_in');
    clock.advance(10_000);
    expect((await signIn.signIn(from('ops@shop.jp', PASSWORD, '203.0.113.5'))).outcome).toBe('signed_in');
  });

  it('forgets an e-mail’s failures once it signs in', async () => {
    const { signIn, users } = setup();
    await users.create({ email: 'ops@shop.jp', role: 'admin', merchantAccountId: 'default', password: PASSWORD });
    for (let i = 0; i < 4; i++) await signIn.signIn(from('ops@shop.jp', 'wrong passphrase'));
    await signIn.signIn(from('ops@shop.jp'));
    for (let i = 0; i < 4; i++) await signIn.signIn(from('ops@shop.jp', 'wrong passphrase'));
    expect((await signIn.signIn(from('ops@shop.jp'))).outcome).toBe('signed_in');
  });
});

describe('a session on later requests', () => {
  async function signedIn() {
    const context = setup();
    await context.users.create({
      email: 'ops@shop.jp',
      role: 'admin',
      merchantAccountId: 'default',
      password: PASSWORD,
    });
    const result = await context.signIn.signIn(from('ops@shop.jp'));
    if (result.outcome !== 'signed_in') throw new Error(result.outcome);
    return { ...context, token: result.token, userId: result.user.id };
  }

  it('resumes while active and refreshes the idle deadline by use', async () => {
    const { access, token, clock } = await signedIn();
    clock.advance(20 * MINUTE);
    const resumed = await access.resume(token);
    expect(resumed).toMatchObject({
      outcome: 'active',
      session: { idleExpiresAt: new Date(clock.now().getTime() + 30 * MINUTE) },
    });
    clock.advance(29 * MINUTE);
    expect((await access.resume(token)).outcome).toBe('active');
  });

  it('is not kept alive by background use (the page polling on its own): it ends 30 minutes after the last real use', async () => {
    const { access, token, clock } = await signedIn();
    for (let minute = 0; minute < 29; minute++) {
      clock.advance(MINUTE);
      expect((await access.resume(token, { background: true })).outcome).toBe('active');
    }
    clock.advance(MINUTE);
    expect(await access.resume(token, { background: true })).toEqual({ outcome: 'idle_expired' });
  });

  it('ends after 30 minutes unused', async () => {
    const { access, token, clock } = await signedIn();
    clock.advance(30 * MINUTE);
    expect(await access.resume(token)).toEqual({ outcome: 'idle_expired' });
  });

  it('is revoked by sign-out and by a new password', async () => {
    const first = await signedIn();
    expect(await first.access.signOut(first.token)).toBe(true);
    expect(await first.access.resume(first.token)).toEqual({ outcome: 'revoked' });
    expect(await first.access.signOut(first.token)).toBe(false);

    const second = await signedIn();
    await second.users.setPassword(second.userId, 'another long passphrase');
    expect(await second.access.resume(second.token)).toEqual({ outcome: 'revoked' });
    expect((await second.signIn.signIn(from('ops@shop.jp', 'another long passphrase'))).outcome).toBe('signed_in');
  });

  it('keeps at most 10 live sessions per user: the 11th sign-in ends the oldest', async () => {
    const { signIn, access, clock, token: first } = await signedIn();
    const later: string[] = [];
    for (let i = 0; i < 10; i++) {
      clock.advance(1_000);
      const result = await signIn.signIn(from('ops@shop.jp'));
      if (result.outcome !== 'signed_in') throw new Error(result.outcome);
      later.push(result.token);
    }
    expect(await access.resume(first)).toEqual({ outcome: 'revoked' });
    for (const token of later) expect((await access.resume(token)).outcome).toBe('active');
  });

  it('opens nothing for an unknown token', async () => {
    const { access } = await signedIn();
    expect(await access.resume('not-a-token')).toEqual({ outcome: 'none' });
  });
});

describe('managing dashboard users', () => {
  it('refuses a taken e-mail, a weak password and a bad role before hashing anything', async () => {
    const { users } = setup();
    await users.create({ email: 'ops@shop.jp', role: 'admin', merchantAccountId: 'default', password: PASSWORD });
    await expect(
      users.create({ email: 'OPS@shop.jp', role: 'viewer', merchantAccountId: 'other', password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'duplicate_record' });
    await expect(
      users.create({ email: 'b@shop.jp', role: 'viewer', merchantAccountId: 'default', password: 'short' }),
    ).rejects.toMatchObject({ code: 'weak_password' });
    await expect(
      users.create({ email: 'c@shop.jp', role: 'root', merchantAccountId: 'default', password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'invalid_field', field: '/role' });
  });

  it('refuses a new password made of the user’s own e-mail, on creation and on change', async () => {
    const { users } = setup();
    await expect(
      users.create({ email: 'ops@shop.jp', role: 'admin', merchantAccountId: 'default', password: 'ops@shop.jp-2026' }),
    ).rejects.toMatchObject({ code: 'weak_password' });
    const user = await users.create({
      email: 'ops@shop.jp',
      role: 'admin',
      merchantAccountId: 'default',
      password: PASSWORD,
    });
    await expect(users.setPassword(user.id, 'OPS@shop.jp is me')).rejects.toMatchObject({ code: 'weak_password' });
  });
});
