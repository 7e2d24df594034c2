import type { DashboardSession } from '../../dashboard-users/dashboard-session';
import type { DashboardSessionStore } from '../../ports/dashboard-session-store';

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

    it('forgets sessions that ended (expired or revoked) before a time, and keeps the others', async () => {
      const expired = session({ expiresAt: at('2026-03-01T09:00:00.000Z') });
      const revoked = session({ revokedAt: at('2026-03-01T09:30:00.000Z') });
      const revokedLater = session({ revokedAt: at('2026-03-01T12:00:00.000Z') });
      const live = session();
      for (const one of [expired, revoked, revokedLater, live]) await store().add(one);
      expect(await store().removeEndedBefore(at('2026-03-01T10:00:00.000Z'))).toBeGreaterThanOrEqual(2);
      expect(await store().findByTokenHash(expired.tokenHash)).toBeUndefined();
      expect(await store().findByTokenHash(revoked.tokenHash)).toBeUndefined();
      expect(await store().findByTokenHash(revokedLater.tokenHash)).toEqual(revokedLater);
      expect(await store().findByTokenHash(live.tokenHash)).toEqual(live);
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
