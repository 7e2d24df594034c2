/** A stored API response, replayed verbatim for a repeated request. */
export interface StoredResponse {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

export interface IdempotencyScope {
  merchantAccountId: string;
  key: string;
}

export type IdempotencyBeginResult =
  /** First time (or the earlier holder's lease ran out): the caller does the work, then `complete` or `release`. */
  | { kind: 'started' }
  /** Done before with the same request: replay this. */
  | { kind: 'replay'; response: StoredResponse }
  /** Another request with this key is running now. */
  | { kind: 'in_flight' }
  /** The key was used for a different request (method, path or body differ). */
  | { kind: 'mismatch' };

/**
 * Remembers API requests by (merchant account, Idempotency-Key) for `IDEMPOTENCY_TTL_MS` (24 h): exactly one
 * caller runs the work, the first response is replayed to the others, and a reused key with another body is
 * refused. An expired key counts as new, exactly as if it had been pruned.
 */
export interface IdempotencyStore {
  begin(scope: IdempotencyScope, fingerprint: string, now: Date, leaseMs: number): Promise<IdempotencyBeginResult>;
  complete(scope: IdempotencyScope, fingerprint: string, response: StoredResponse, now: Date): Promise<void>;
  /** Forget an in-flight key whose request stored nothing (validation failure, crash handling). */
  release(scope: IdempotencyScope): Promise<void>;
  /** Forgets up to `limit` keys created before `before`, in flight or completed; the count forgotten. */
  prune(before: Date, limit: number): Promise<number>;
}
