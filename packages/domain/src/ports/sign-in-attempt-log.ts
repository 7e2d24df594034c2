/** Failed sign-ins by e-mail and by client address, shared by every API process so a lock holds across them. */
export interface SignInAttemptLog {
  recordFailure(failure: { email: string; address: string; at: Date }): Promise<void>;
  /** Failures since `since`, newest first, for the e-mail and for the address separately. */
  failuresSince(key: { email: string; address: string }, since: Date): Promise<{ byEmail: Date[]; byAddress: Date[] }>;
  /** A successful sign-in forgets the e-mail's failures (the address keeps its count). */
  clearEmail(email: string): Promise<void>;
  /** Forgets up to `limit` failures older than `before`; the count forgotten. */
  prune(before: Date, limit: number): Promise<number>;
}
