import type { Page } from '../transactions/ports/transaction-repository';
import type { ApiKey } from './api-key';

export interface ApiKeyListQuery {
  limit: number;
  cursor?: string | undefined;
}

/** Registered API keys, found by thumbprint when a request's token names one. */
export interface ApiKeyRegistry {
  /**
   * Stores it unless `limit` active (not revoked) keys are already bound to exactly its merchant accounts; `false`
   * when refused. Two adds racing for the last place cannot both win.
   */
  add(key: ApiKey, limit?: number): Promise<boolean>;
  findByKid(kid: string): Promise<ApiKey | undefined>;
  /** Keys bound to this merchant account alone (not admin keys, nor keys shared with other accounts), newest first. */
  listFor(merchantAccountId: string, query: ApiKeyListQuery): Promise<Page<ApiKey>>;
  /** `false` when it does not exist. */
  rename(kid: string, name: string): Promise<boolean>;
  /**
   * Sets when the key was last used to `at`, unless it was already set after `unlessSince` (checked and set
   * in one step, so racing processes write once); `false` when nothing was written.
   */
  recordUse(kid: string, at: Date, unlessSince: Date): Promise<boolean>;
  /** `false` when it was already revoked or does not exist. */
  revoke(kid: string, at: Date): Promise<boolean>;
}
