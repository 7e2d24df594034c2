/** How many failed sign-ins lock an e-mail (or a client address) and for how long. */
export interface ThrottlePolicy {
  perEmail: number;
  perAddress: number;
  /** Failures count within this window; a lock lasts this long after the failure that reached the limit. */
  windowMs: number;
}

/** 5 failures for one e-mail in 15 minutes lock it for 15 minutes; a client address gets 20 (it may try many e-mails). */
export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = { perEmail: 5, perAddress: 20, windowMs: 15 * 60_000 };

/** Attempts of one key (e-mail or address) within the window that have not signed in, newest first. */
export type RecentFailures = readonly Date[];

/** The recent attempts of the e-mail and of the address a sign-in comes with. */
export interface RecentAttempts {
  byEmail: RecentFailures;
  byAddress: RecentFailures;
}

/**
 * Until when a key is locked: the limit-th newest failure within the window starts a lock of one window (so the
 * lock lasts a full window after the failure that reached the limit), or null when it is not locked.
 */
export function lockedUntil(failures: RecentFailures, limit: number, policy: ThrottlePolicy, now: Date): Date | null {
  if (failures.length < limit) return null;
  const newest = failures[0] as Date;
  const until = new Date(newest.getTime() + policy.windowMs);
  return until.getTime() > now.getTime() ? until : null;
}

/** Until when a sign-in with these recent attempts is refused (the later of the e-mail's and the address's locks). */
export function throttledUntil(recent: RecentAttempts, policy: ThrottlePolicy, now: Date): Date | null {
  const locks = [
    lockedUntil(recent.byEmail, policy.perEmail, policy, now),
    lockedUntil(recent.byAddress, policy.perAddress, policy, now),
  ].filter((until): until is Date => until !== null);
  return locks.length > 0 ? new Date(Math.max(...locks.map((until) => until.getTime()))) : null;
}
