import { PasswordCheckBusyError } from '../errors';
import type { DashboardAuthDependencies } from './dashboard-auth-dependencies';
import { type DashboardSession, openSession } from './dashboard-session';
import { type DashboardUser, normaliseEmail, type PasswordHash } from './dashboard-user';
import { hashSessionToken, newSessionToken } from './session-token';
import { throttledUntil } from './sign-in-throttle';

export type SignInResult =
  | { outcome: 'signed_in'; user: DashboardUser; session: DashboardSession; token: string }
  | { outcome: 'invalid_credentials' }
  | { outcome: 'throttled'; retryAfterMs: number }
  | { outcome: 'busy' };

/**
 * E-mail + password → a new session. An unknown e-mail costs the same hash as a wrong password and gets the same
 * answer; attempts are counted per e-mail and per client address before the hash (so parallel guesses see each
 * other), and a locked key is refused before any hash.
 */
export class DashboardSignIn {
  private decoy: Promise<PasswordHash> | undefined;

  constructor(private readonly deps: DashboardAuthDependencies) {}

  async signIn(input: { email: string; password: string; address: string }): Promise<SignInResult> {
    const { users, attempts, hasher, clock, throttlePolicy: policy } = this.deps;
    const email = normaliseEmail(input.email);
    const now = clock.now();
    const admission = await attempts.admit(
      { email, address: input.address },
      { since: new Date(now.getTime() - policy.windowMs), at: now },
      (recent) => throttledUntil(recent, policy, now),
    );
    if (!admission.admitted)
      return { outcome: 'throttled', retryAfterMs: admission.lockedUntil.getTime() - now.getTime() };

    const user = await users.findByEmail(email);
    // Unknown e-mail: the same hash work as a wrong password, so timing does not tell which it was.
    let valid: boolean;
    try {
      valid = await hasher.verify(input.password, user?.passwordHash ?? (await this.decoyHash()));
    } catch (error) {
      if (!(error instanceof PasswordCheckBusyError)) throw error;
      // Nothing was checked: the attempt does not count against the e-mail or the address.
      await attempts.withdraw(admission.attempt);
      return { outcome: 'busy' };
    }
    // The attempt was recorded before the check: a failure is already counted.
    // A deactivated user is told what a wrong password is told: nothing about whether the e-mail exists.
    if (!user || !valid || user.deactivatedAt) return { outcome: 'invalid_credentials' };
    await attempts.signedIn(admission.attempt);
    const token = newSessionToken();
    const session = openSession(
      {
        id: this.deps.ids.uuid(),
        tokenHash: hashSessionToken(token),
        userId: user.id,
        merchantAccountId: user.merchantAccountId,
        now,
      },
      this.deps.sessionPolicy,
    );
    await this.deps.sessions.add(session);
    await this.deps.sessions.revokeOldestBeyond(user.id, this.deps.sessionPolicy.maxPerUser, now);
    await this.deps.audit?.record({
      id: this.deps.ids.uuid(),
      merchantAccountId: user.merchantAccountId,
      actorId: user.id,
      actorEmail: user.email,
      action: 'dashboard.signed_in',
      target: user.email,
      detail: null,
      at: now,
    });
    return { outcome: 'signed_in', user, session, token };
  }

  /** A real hash of nothing anyone knows, made once: verifying against it takes as long as against a user's. */
  private decoyHash(): Promise<PasswordHash> {
    // A refusal (the hasher busy) is not kept: the next unknown e-mail tries again.
    this.decoy ??= this.deps.hasher.hash(newSessionToken()).catch((error: unknown) => {
      this.decoy = undefined;
      throw error;
    });
    return this.decoy;
  }
}
