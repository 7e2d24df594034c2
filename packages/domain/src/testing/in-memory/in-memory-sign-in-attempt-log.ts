import type { SignInAttemptLog } from '../../ports/sign-in-attempt-log';

interface Failure {
  email: string;
  address: string;
  at: Date;
}

export class InMemorySignInAttemptLog implements SignInAttemptLog {
  private failures: Failure[] = [];

  async recordFailure(failure: Failure): Promise<void> {
    this.failures.push({ ...failure });
  }

  async failuresSince(key: { email: string; address: string }, since: Date) {
    const recent = this.failures
      .filter((failure) => failure.at.getTime() >= since.getTime())
      .sort((a, b) => b.at.getTime() - a.at.getTime());
    return {
      byEmail: recent.filter((failure) => failure.email === key.email).map((failure) => failure.at),
      byAddress: recent.filter((failure) => failure.address === key.address).map((failure) => failure.at),
    };
  }

  async clearEmail(email: string): Promise<void> {
    this.failures = this.failures.filter((failure) => failure.email !== email);
  }

  async prune(before: Date, limit: number): Promise<number> {
    let pruned = 0;
    this.failures = this.failures.filter((failure) => {
      const old = failure.at.getTime() < before.getTime() && pruned < limit;
      if (old) pruned++;
      return !old;
    });
    return pruned;
  }
}
