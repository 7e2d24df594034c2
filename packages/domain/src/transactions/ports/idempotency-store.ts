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

export type IdempotencyLookResult = Exclude<IdempotencyBeginResult, { kind: 'started' }> | { kind: 'absent' };

/**
 * A request's Idempotency-Key taken in the unit of work of the write it guards (a transaction repository's), so the
 * key costs no commit of its own; the same rules as `begin` decide who may take it.
 */
export interface IdempotencyClaim {
  scope: IdempotencyScope;
  fingerprint: string;
  now: Date;
  leaseMs: number;
  /** Told once the write that took the key is stored: from then on the request holds it. */
  taken?(): void;
}

/**
 * The Idempotency-Key and the answer of the request a use case serves, written with the use case's own writes: the
 * key with its reservation, the answer with its outcome. `answer` gives what the request answers for a result, or
 * undefined when it must not be kept (the request may run again).
 */
export interface IdempotentRequest<R> {
  claim: IdempotencyClaim;
  answer(result: R): StoredResponse | undefined;
}

/**
 * Remembers API requests by (merchant account, Idempotency-Key) for `IDEMPOTENCY_TTL_MS` (24 h): exactly one
 * caller runs the work, the first response is replayed to the others, and a reused key with another body is
 * refused. An expired key counts as new, exactly as if it had been pruned.
 */
export interface IdempotencyStore {
  begin(scope: IdempotencyScope, fingerprint: string, now: Date, leaseMs: number): Promise<IdempotencyBeginResult>;
  complete(scope: IdempotencyScope, fingerprint: string, response: StoredResponse, now: Date): Promise<void>;
  /** What `begin` would answer, without writing: `absent` where it would start (a read, no commit). */
  look(scope: IdempotencyScope, fingerprint: string, now: Date): Promise<IdempotencyLookResult>;
  /** Forget an in-flight key whose request stored nothing (validation failure, crash handling). */
  release(scope: IdempotencyScope): Promise<void>;
  /** Forgets up to `limit` keys created before `before`, in flight or completed; the count forgotten. */
  prune(before: Date, limit: number): Promise<number>;
}
