/** A signed-in browser: found by the hash of its cookie's token, ended by idle time, age or sign-out. */
export interface DashboardSession {
  id: string;
  tokenHash: string;
  userId: string;
  merchantAccountId: string;
  createdAt: Date;
  /** Refreshed by use (at most once per `touchEveryMs`); never past `expiresAt`. */
  idleExpiresAt: Date;
  /** The absolute end, fixed at sign-in. */
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  /** Use within this long of the last refresh does not write again (one write per minute, not per request). */
  touchEveryMs: number;
  /** Live sessions a user may hold; a sign-in past it ends the oldest (a forgotten browser, or a stolen cookie). */
  maxPerUser: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3_600_000,
  touchEveryMs: 60_000,
  maxPerUser: 10,
};

export type SessionState = 'active' | 'idle_expired' | 'expired' | 'revoked';

export function openSession(
  input: { id: string; tokenHash: string; userId: string; merchantAccountId: string; now: Date },
  policy: SessionPolicy,
): DashboardSession {
  const expiresAt = new Date(input.now.getTime() + policy.absoluteMs);
  return {
    id: input.id,
    tokenHash: input.tokenHash,
    userId: input.userId,
    merchantAccountId: input.merchantAccountId,
    createdAt: input.now,
    idleExpiresAt: earlier(new Date(input.now.getTime() + policy.idleMs), expiresAt),
    expiresAt,
    revokedAt: null,
  };
}

export function sessionState(session: DashboardSession, now: Date): SessionState {
  if (session.revokedAt) return 'revoked';
  if (now.getTime() >= session.expiresAt.getTime()) return 'expired';
  if (now.getTime() >= session.idleExpiresAt.getTime()) return 'idle_expired';
  return 'active';
}

/** The new idle deadline after use at `now`, or null when the stored one is recent enough to keep. */
export function refreshedIdleDeadline(session: DashboardSession, now: Date, policy: SessionPolicy): Date | null {
  const next = earlier(new Date(now.getTime() + policy.idleMs), session.expiresAt);
  return next.getTime() - session.idleExpiresAt.getTime() >= policy.touchEveryMs ? next : null;
}

function earlier(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
