import { type DashboardSession, sessionState } from '../dashboard-users/dashboard-session';
import type { DashboardSessionStore } from '../dashboard-users/dashboard-session-store';
import { DuplicateRecordError } from '../errors';

export class InMemoryDashboardSessionStore implements DashboardSessionStore {
  private readonly sessions = new Map<string, DashboardSession>();

  async add(session: DashboardSession): Promise<void> {
    if (this.sessions.has(session.id) || [...this.sessions.values()].some((s) => s.tokenHash === session.tokenHash))
      throw new DuplicateRecordError(`session ${session.id} already exists`);
    this.sessions.set(session.id, structuredClone(session));
  }

  async findByTokenHash(tokenHash: string): Promise<DashboardSession | undefined> {
    const session = [...this.sessions.values()].find((candidate) => candidate.tokenHash === tokenHash);
    return session && structuredClone(session);
  }

  async touch(id: string, idleExpiresAt: Date): Promise<void> {
    const session = this.sessions.get(id);
    if (!session || session.revokedAt || session.idleExpiresAt.getTime() >= idleExpiresAt.getTime()) return;
    this.sessions.set(id, { ...session, idleExpiresAt });
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const session = this.sessions.get(id);
    if (!session || session.revokedAt) return false;
    this.sessions.set(id, { ...session, revokedAt: at });
    return true;
  }

  async prune(before: Date, limit: number): Promise<number> {
    let count = 0;
    for (const session of [...this.sessions.values()]) {
      if (count >= limit) break;
      if (endedAt(session) < before.getTime() && this.sessions.delete(session.id)) count++;
    }
    return count;
  }

  async revokeOldestBeyond(userId: string, keep: number, at: Date): Promise<number> {
    const live = [...this.sessions.values()]
      .filter((session) => session.userId === userId && sessionState(session, at) === 'active')
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    let count = 0;
    for (const session of live.slice(keep)) if (await this.revoke(session.id, at)) count++;
    return count;
  }

  async revokeAllOf(userId: string, at: Date): Promise<number> {
    let count = 0;
    for (const session of this.sessions.values())
      if (session.userId === userId && (await this.revoke(session.id, at))) count++;
    return count;
  }
}

/** Revoked, idle-expired or expired, whichever came first. */
function endedAt(session: DashboardSession): number {
  const ends = [session.idleExpiresAt, session.expiresAt, session.revokedAt ?? session.expiresAt];
  return Math.min(...ends.map((end) => end.getTime()));
}
