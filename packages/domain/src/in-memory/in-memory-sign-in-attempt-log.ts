import type { Admission, SignInAttempt, SignInAttemptLog } from '../dashboard-users/sign-in-attempt-log';
import type { RecentAttempts } from '../dashboard-users/sign-in-throttle';

interface Attempt {
  id: number;
  email: string;
  address: string;
  at: Date;
}

export class InMemorySignInAttemptLog implements SignInAttemptLog {
  private attempts: Attempt[] = [];
  private lastId = 0;

  // Read, decide and record with no await between them: nothing else in this process runs in between.
  async admit(
    key: { email: string; address: string },
    window: { since: Date; at: Date },
    lockedUntil: (recent: RecentAttempts) => Date | null,
  ): Promise<Admission> {
    const recent = this.attempts
      .filter((attempt) => attempt.at.getTime() >= window.since.getTime())
      .sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id);
    const until = lockedUntil({
      byEmail: recent.filter((attempt) => attempt.email === key.email).map((attempt) => attempt.at),
      byAddress: recent.filter((attempt) => attempt.address === key.address).map((attempt) => attempt.at),
    });
    if (until) return { admitted: false, lockedUntil: until };
    const attempt = { id: ++this.lastId, ...key, at: window.at };
    this.attempts.push(attempt);
    return { admitted: true, attempt: { id: String(attempt.id), email: key.email } };
  }

  async signedIn(attempt: SignInAttempt): Promise<void> {
    const id = Number(attempt.id);
    this.attempts = this.attempts.filter((other) => other.email !== attempt.email || other.id > id);
  }

  async withdraw(attempt: SignInAttempt): Promise<void> {
    this.attempts = this.attempts.filter((other) => other.id !== Number(attempt.id));
  }

  async prune(before: Date, limit: number): Promise<number> {
    let pruned = 0;
    this.attempts = this.attempts.filter((attempt) => {
      const old = attempt.at.getTime() < before.getTime() && pruned < limit;
      if (old) pruned++;
      return !old;
    });
    return pruned;
  }
}
