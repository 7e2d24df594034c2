import type { PasswordHash } from './dashboard-user';

/** A memory-hard, salted password hash; the algorithm and its parameters travel inside the hash. */
export interface PasswordHasher {
  hash(password: string): Promise<PasswordHash>;
  /**
   * `false` for a wrong password and for a hash it cannot read. Both methods may refuse with
   * `PasswordCheckBusyError` when the hasher bounds how many run at once and that many are running and waiting.
   */
  verify(password: string, hash: PasswordHash): Promise<boolean>;
}
