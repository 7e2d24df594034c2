import { DEFAULT_SESSION_POLICY, openSession, refreshedIdleDeadline, sessionState } from './dashboard-session';

const MINUTE = 60_000;
const start = new Date('2026-03-01T09:00:00.000Z');
const after = (ms: number) => new Date(start.getTime() + ms);
const opened = () =>
  openSession(
    { id: 's', tokenHash: 'h', userId: 'u', merchantAccountId: 'default', now: start },
    DEFAULT_SESSION_POLICY,
  );

describe('a dashboard session', () => {
  it('opens with an idle deadline 30 minutes out and an absolute one 12 hours out', () => {
    expect(opened()).toMatchObject({ idleExpiresAt: after(30 * MINUTE), expiresAt: after(12 * 60 * MINUTE) });
  });

  it('is active until its idle deadline, then idle_expired; expired at the absolute end; revoked once signed out', () => {
    const session = opened();
    expect(sessionState(session, after(30 * MINUTE - 1))).toBe('active');
    expect(sessionState(session, after(30 * MINUTE))).toBe('idle_expired');
    expect(sessionState({ ...session, idleExpiresAt: after(13 * 60 * MINUTE) }, after(12 * 60 * MINUTE))).toBe(
      'expired',
    );
    expect(sessionState({ ...session, revokedAt: start }, start)).toBe('revoked');
  });

  it('moves its idle deadline on use, at most once a minute, never past the absolute end', () => {
    const session = opened();
    expect(refreshedIdleDeadline(session, after(30_000), DEFAULT_SESSION_POLICY)).toBeNull();
    expect(refreshedIdleDeadline(session, after(MINUTE), DEFAULT_SESSION_POLICY)).toEqual(after(31 * MINUTE));
    const late = { ...session, idleExpiresAt: after(11 * 60 * MINUTE + 50 * MINUTE) };
    expect(refreshedIdleDeadline(late, after(11 * 60 * MINUTE + 45 * MINUTE), DEFAULT_SESSION_POLICY)).toEqual(
      after(12 * 60 * MINUTE),
    );
  });

  it('never opens with an idle deadline past the absolute one', () => {
    const short = openSession(
      { id: 's', tokenHash: 'h', userId: 'u', merchantAccountId: 'default', now: start },
      { ...DEFAULT_SESSION_POLICY, absoluteMs: 10 * MINUTE },
    );
    expect(short.idleExpiresAt).toEqual(short.expiresAt);
  });
});
