import type { RecentAttempts } from './sign-in-throttle';

/** A sign-in attempt let through to the password check: it counts as a failure until it signs in. */
export interface SignInAttempt {
  id: string;
  email: string;
}

export type Admission = { admitted: true; attempt: SignInAttempt } | { admitted: false; lockedUntil: Date };

/**
 * Sign-in attempts by e-mail and by client address, shared by every API process so a lock holds across them.
 * An attempt is recorded before its password is checked, so parallel guesses see each other.
 */
export interface SignInAttemptLog {
  /**
   * In one step no other admission (in any process) can interleave with, for the e-mail and the address alike:
   * reads their attempts since `since` (newest first), asks `lockedUntil`, and records an attempt at `at` only
   * when it answers null.
   */
  admit(
    key: { email: string; address: string },
    window: { since: Date; at: Date },
    lockedUntil: (recent: RecentAttempts) => Date | null,
  ): Promise<Admission>;
  /** The attempt signed in: it and its e-mail's earlier attempts are forgotten (other e-mails' stay on the address). */
  signedIn(attempt: SignInAttempt): Promise<void>;
  /** The attempt's password was never checked (no capacity to): it is forgotten, as if never made. */
  withdraw(attempt: SignInAttempt): Promise<void>;
  /** Forgets up to `limit` attempts older than `before`; the count forgotten. */
  prune(before: Date, limit: number): Promise<number>;
}
