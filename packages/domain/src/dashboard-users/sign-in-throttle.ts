/** How many failed sign-ins lock an e-mail, or slow a client address down, and for how long. */
export interface ThrottlePolicy {
  perEmail: number;
  perAddress: number;
  /** Failures count within this window; a lock lasts this long after the failure that reached the limit. */
  windowMs: number;
  /** Past `perAddress`, an address waits this long after its newest failure (a slow-down, not a lock). */
  addressSlowdownMs: number;
}

/**
 * 5 failures for one e-mail in 15 minutes lock it for 15 minutes, from every address. A client address is only
 * slowed down: past 20 failures, one attempt per 10 s (a sprayer gets 90 guesses a window, not unlimited), because a
 * lock would shut out everyone behind the same office NAT or proxy.
 */
export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  perEmail: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
  addressSlowdownMs: 10_000,
};

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

/** Until when a busy address must wait: past its limit, a slow-down after its newest failure; else null. */
export function slowedUntil(failures: RecentFailures, policy: ThrottlePolicy, now: Date): Date | null {
  if (failures.length < policy.perAddress) return null;
  const until = new Date((failures[0] as Date).getTime() + policy.addressSlowdownMs);
  return until.getTime() > now.getTime() ? until : null;
}

/** Until when a sign-in with these recent attempts is refused (the later of the e-mail's lock and the address's wait). */
export function throttledUntil(recent: RecentAttempts, policy: ThrottlePolicy, now: Date): Date | null {
  const locks = [
    lockedUntil(recent.byEmail, policy.perEmail, policy, now),
    slowedUntil(recent.byAddress, policy, now),
  ].filter((until): until is Date => until !== null);
  return locks.length > 0 ? new Date(Math.max(...locks.map((until) => until.getTime()))) : null;
}
