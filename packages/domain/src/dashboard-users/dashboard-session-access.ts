import type { DashboardAuthDependencies } from './dashboard-auth-dependencies';
import { type DashboardSession, refreshedIdleDeadline, sessionState } from './dashboard-session';
import type { DashboardUser } from './dashboard-user';
import { hashSessionToken } from './session-token';

export type SessionLookup =
  | { outcome: 'active'; user: DashboardUser; session: DashboardSession }
  | { outcome: 'none' | 'revoked' | 'idle_expired' | 'expired' };

/** A session's cookie on each request: found, checked against idle and absolute expiry, refreshed by the user's use. */
export class DashboardSessionAccess {
  constructor(private readonly deps: DashboardAuthDependencies) {}

  /**
   * `background`: the request was made by the page on its own (a poll), not by the person: it does not move the idle
   * deadline, so an unattended tab still ends.
   */
  async resume(token: string, use: { background?: boolean } = {}): Promise<SessionLookup> {
    const { sessions, users, clock, sessionPolicy } = this.deps;
    const found = await sessions.findByTokenHash(hashSessionToken(token));
    if (!found) return { outcome: 'none' };
    const now = clock.now();
    const state = sessionState(found, now);
    if (state !== 'active') return { outcome: state };
    const user = await users.get(found.userId);
    if (!user || user.deactivatedAt || user.merchantAccountId !== found.merchantAccountId) return { outcome: 'none' };
    const next = use.background ? null : refreshedIdleDeadline(found, now, sessionPolicy);
    if (!next) return { outcome: 'active', user, session: found };
    await sessions.touch(found.id, next);
    return { outcome: 'active', user, session: { ...found, idleExpiresAt: next } };
  }

  /** Revokes the session the token opens (if any): its cookie opens nothing from now on, in any process. */
  async signOut(token: string): Promise<boolean> {
    const found = await this.deps.sessions.findByTokenHash(hashSessionToken(token));
    return found ? this.deps.sessions.revoke(found.id, this.deps.clock.now()) : false;
  }
}
