import type { DashboardSession } from './dashboard-session';

/** Signed-in sessions, shared by every API process; only the hash of a session's token is ever stored. */
export interface DashboardSessionStore {
  add(session: DashboardSession): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<DashboardSession | undefined>;
  /** Moves the idle deadline forward (never backward); no effect on a revoked session. */
  touch(id: string, idleExpiresAt: Date): Promise<void>;
  /** `false` when it was already revoked or does not exist. */
  revoke(id: string, at: Date): Promise<boolean>;
  /**
   * Ends a user's live sessions (not revoked, idle or expired at `at`) beyond the `keep` newest by creation; the
   * count revoked.
   */
  revokeOldestBeyond(userId: string, keep: number, at: Date): Promise<number>;
  /** Ends every session of a user (a password change); the count revoked. */
  revokeAllOf(userId: string, at: Date): Promise<number>;
  /**
   * Forgets up to `limit` sessions that ended before `before`: revoked, or past their idle or absolute expiry,
   * whichever came first. The count forgotten.
   */
  prune(before: Date, limit: number): Promise<number>;
}
