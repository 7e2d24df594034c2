import { IDEMPOTENCY_TTL_MS } from '../retention/retention-policy';
import type {
  IdempotencyBeginResult,
  IdempotencyScope,
  IdempotencyStore,
  StoredResponse,
} from '../transactions/ports/idempotency-store';

interface Entry {
  fingerprint: string;
  createdAt: number;
  lockedUntil: number;
  response: StoredResponse | null;
}

export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ttlMs = IDEMPOTENCY_TTL_MS) {}

  async begin(
    scope: IdempotencyScope,
    fingerprint: string,
    now: Date,
    leaseMs: number,
  ): Promise<IdempotencyBeginResult> {
    return this.beginNow(scope, fingerprint, now, leaseMs);
  }

  async complete(scope: IdempotencyScope, fingerprint: string, response: StoredResponse, now: Date): Promise<void> {
    this.completeNow(scope, fingerprint, response, now);
  }

  /** `begin` without yielding: a unit of work of the in-memory transactions takes a request's key with it. */
  beginNow(scope: IdempotencyScope, fingerprint: string, now: Date, leaseMs: number): IdempotencyBeginResult {
    const key = keyOf(scope);
    const at = now.getTime();
    const entry = this.entries.get(key);
    if (entry && at - entry.createdAt < this.ttlMs) {
      if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (entry.response) return { kind: 'replay', response: structuredClone(entry.response) };
      if (entry.lockedUntil > at) return { kind: 'in_flight' };
      entry.lockedUntil = at + leaseMs; // the earlier holder's lease ran out: take over
      return { kind: 'started' };
    }
    this.entries.set(key, { fingerprint, createdAt: at, lockedUntil: at + leaseMs, response: null });
    return { kind: 'started' };
  }

  /** `complete` without yielding, for the same units of work. */
  completeNow(scope: IdempotencyScope, fingerprint: string, response: StoredResponse, now: Date): void {
    const entry = this.entries.get(keyOf(scope));
    if (!entry || entry.fingerprint !== fingerprint) return;
    entry.response = structuredClone(response);
    entry.lockedUntil = now.getTime();
  }

  async release(scope: IdempotencyScope): Promise<void> {
    const key = keyOf(scope);
    if (!this.entries.get(key)?.response) this.entries.delete(key);
  }

  async prune(before: Date, limit: number): Promise<number> {
    let pruned = 0;
    for (const [key, entry] of this.entries) {
      if (pruned >= limit) break;
      if (entry.createdAt < before.getTime() && this.entries.delete(key)) pruned++;
    }
    return pruned;
  }
}

const keyOf = (scope: IdempotencyScope) => JSON.stringify([scope.merchantAccountId, scope.key]);
