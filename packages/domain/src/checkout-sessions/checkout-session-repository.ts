import type { CheckoutSession } from './checkout-session';

/** Merchants' checkout sessions, scoped by merchant account (another merchant's id is simply not found). */
export interface CheckoutSessionRepository {
  add(session: CheckoutSession): Promise<void>;
  get(merchantAccountId: string, id: string): Promise<CheckoutSession | undefined>;
  /** Replaces what the merchant sets and the expiry (never `transactionId`); `false` if it does not exist. */
  update(session: CheckoutSession): Promise<boolean>;
  /** `false` if there was nothing to remove. */
  remove(merchantAccountId: string, id: string): Promise<boolean>;
  /**
   * Attaches `transactionId` unless the session already has a transaction, in one atomic step: of racing claims one
   * wins. Returns the transaction the session holds afterwards (the winner's), or `undefined` without the session.
   */
  claimTransaction(merchantAccountId: string, id: string, transactionId: string): Promise<string | undefined>;
  /** Detaches `transactionId` if it is still the one attached (its creation failed before it was stored). */
  releaseTransaction(merchantAccountId: string, id: string, transactionId: string): Promise<void>;
  /** Forgets up to `limit` sessions that expired before `before`, oldest first; answers how many (retention). */
  prune(before: Date, limit: number): Promise<number>;
}
