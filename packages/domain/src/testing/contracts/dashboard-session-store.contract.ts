import type { DashboardSession } from '../../dashboard-users/dashboard-session';
import type { DashboardSessionStore } from '../../dashboard-users/dashboard-session-store';

export interface DashboardSessionStoreHarness {
  sessions: DashboardSessionStore;
  /** A stored user the sessions may belong to (PostgreSQL keeps the foreign key). */
  userId: string;
  merchantAccountId: string;
  close?: () => Promise<void>;
}

const at = (iso: string) => new Date(iso);

/** The behaviour every DashboardSessionStore must show (ports/dashboard-session-store.ts). */
export function describeDashboardSessionStoreContract(
  name: string,
  makeHarness: () => Promise<DashboardSessionStoreHarness>,
): void {
  describe(`${name} (DashboardSessionStore contract)`, () => {
    let harness: DashboardSessionStoreHarness;
    beforeEach(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => {
      await harness.close?.();
    });
    const store = () => harness.sessions;
    const session = (overrides: Partial<DashboardSession> = {}): DashboardSession => ({
      id: crypto.randomUUID(),
      tokenHash: `hash-${crypto.randomUUID()}`,
      userId: harness.userId,
      merchantAccountId: harness.merchantAccountId,
      createdAt: at('2026-03-01T10:00:00.000Z'),
      idleExpiresAt: at('2026-03-01T10:30:00.000Z'),
      expiresAt: at('2026-03-01T22:00:00.000Z'),
      revokedAt: null,
      ...overrides,
    });

    it('adds a session and finds it by its token hash only', async () => {
      const opened = session();
      await store().add(opened);
      expect(await store().findByTokenHash(opened.tokenHash)).toEqual(opened);
      expect(await store().findByTokenHash(`${opened.tokenHash}x`)).toBeUndefined();
      expect(await store().findByTokenHash(opened.id)).toBeUndefined();
    });

    it('refuses a second session with the same token hash', async () => {
      const opened = session();
      await store().add(opened);
      await expect(store().add(session({ tokenHash: opened.tokenHash }))).rejects.toThrow();
    });

    it('moves the idle deadline forward only, and not on a revoked session', async () => {
      const opened = session();
      await store().add(opened);
      await store().touch(opened.id, at('2026-03-01T10:40:00.000Z'));
      expect((await store().findByTokenHash(opened.tokenHash))?.idleExpiresAt).toEqual(at('2026-03-01T10:40:00.000Z'));
      await store().touch(opened.id, at('2026-03-01T10:35:00.000Z'));
      expect((await store().findByTokenHash(opened.tokenHash))?.idleExpiresAt).toEqual(at('2026-03-01T10:40:00.000Z'));
      await store().revoke(opened.id, at('2026-03-01T10:41:00.000Z'));
      await store().touch(opened.id, at('2026-03-01T11:00:00.000Z'));
      expect((await store().findByTokenHash(opened.tokenHash))?.idleExpiresAt).toEqual(at('2026-03-01T10:40:00.000Z'));
    });

    it('revokes once: the first revocation answers true and keeps its time, later ones false', async () => {
      const opened = session();
      await store().add(opened);
      expect(await store().revoke(opened.id, at('2026-03-01T10:05:00.000Z'))).toBe(true);
      expect(await store().revoke(opened.id, at('2026-03-01T10:06:00.000Z'))).toBe(false);
      expect((await store().findByTokenHash(opened.tokenHash))?.revokedAt).toEqual(at('2026-03-01T10:05:00.000Z'));
      expect(await store().revoke(crypto.randomUUID(), at('2026-03-01T10:06:00.000Z'))).toBe(false);
    });

    it('prunes sessions that ended (revoked, idle or expired) before a time, at most `limit` at a time', async () => {
      // Long before the other tests' sessions, so a shared database holds no other session that ended this early.
      const old = (iso: string) => at(`2020-01-01T${iso}:00.000Z`);
      const opened = { createdAt: old('08:00'), idleExpiresAt: old('12:30'), expiresAt: old('20:00') };
      const expired = session({ ...opened, idleExpiresAt: old('09:00'), expiresAt: old('09:00') });
      const idle = session({ ...opened, idleExpiresAt: old('09:30') });
      const revoked = session({ ...opened, revokedAt: old('09:45') });
      const revokedLater = session({ ...opened, revokedAt: old('11:00') });
      const live = session(opened);
      for (const one of [expired, idle, revoked, revokedLater, live]) await store().add(one);
      expect(await store().prune(old('10:00'), 2)).toBe(2);
      expect(await store().prune(old('10:00'), 2)).toBe(1);
      expect(await store().prune(old('10:00'), 2)).toBe(0);
      for (const ended of [expired, idle, revoked])
        expect(await store().findByTokenHash(ended.tokenHash)).toBeUndefined();
      expect(await store().findByTokenHash(revokedLater.tokenHash)).toEqual(revokedLater);
      expect(await store().findByTokenHash(live.tokenHash)).toEqual(live);
    });

    it('revokes a user’s live sessions beyond the newest few, oldest first, leaving ended ones as they were', async () => {
      const opened = (minute: number, overrides: Partial<DashboardSession> = {}) =>
        session({ createdAt: at(`2026-03-01T10:0${minute}:00.000Z`), ...overrides });
      const oldest = opened(1);
      const older = opened(2);
      const revokedEarlier = opened(3, { revokedAt: at('2026-03-01T10:04:00.000Z') });
      const idle = opened(4, { idleExpiresAt: at('2026-03-01T10:05:00.000Z') });
      const newer = opened(6);
      const newest = opened(7);
      for (const one of [oldest, older, revokedEarlier, idle, newer, newest]) await store().add(one);
      const now = at('2026-03-01T10:08:00.000Z');
      expect(await store().revokeOldestBeyond(harness.userId, 2, now)).toBe(2);
      const revokedAt = async (one: DashboardSession) => (await store().findByTokenHash(one.tokenHash))?.revokedAt;
      expect(await revokedAt(oldest)).toEqual(now);
      expect(await revokedAt(older)).toEqual(now);
      expect(await revokedAt(revokedEarlier)).toEqual(at('2026-03-01T10:04:00.000Z'));
      expect(await revokedAt(idle)).toBeNull();
      expect(await revokedAt(newer)).toBeNull();
      expect(await revokedAt(newest)).toBeNull();
      expect(await store().revokeOldestBeyond(harness.userId, 2, now)).toBe(0);
    });

    it('revokes every live session of a user and counts them', async () => {
      const sessions = [session(), session(), session({ revokedAt: at('2026-03-01T10:01:00.000Z') })];
      for (const one of sessions) await store().add(one);
      expect(await store().revokeAllOf(harness.userId, at('2026-03-01T10:10:00.000Z'))).toBe(2);
      for (const one of sessions)
        expect((await store().findByTokenHash(one.tokenHash))?.revokedAt).toEqual(
          one.revokedAt ?? at('2026-03-01T10:10:00.000Z'),
        );
    });
  });
}
