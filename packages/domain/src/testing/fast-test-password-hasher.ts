import { createHash, randomBytes } from 'node:crypto';
import type { PasswordHash } from '../dashboard-users/dashboard-user';
import type { PasswordHasher } from '../dashboard-users/password-hasher';

/** A salted SHA-256 PasswordHasher for unit tests: same contract as a real one, none of its cost. Never in production. */
export class FastTestPasswordHasher implements PasswordHasher {
  verifications = 0;

  async hash(password: string): Promise<PasswordHash> {
    const salt = randomBytes(8).toString('hex');
    return `test$${salt}$${this.digest(salt, password)}` as PasswordHash;
  }

  async verify(password: string, hash: PasswordHash): Promise<boolean> {
    this.verifications += 1;
    const [scheme, salt, digest] = hash.split('$');
    return scheme === 'test' && salt !== undefined && digest === this.digest(salt, password);
  }

  private digest(salt: string, password: string): string {
    return createHash('sha256').update(`${salt}:${password}`).digest('hex');
  }
}
