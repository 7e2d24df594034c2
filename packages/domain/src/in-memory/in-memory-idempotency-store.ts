import { IDEMPOTENCY_TTL_MS } from '../retention/retention-policy';
import type {
  IdempotencyBeginResult,
  IdempotencyLookResult,
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

  async look(scope: IdempotencyScope, fingerprint: string, now: Date): Promise<IdempotencyLookResult> {
    return this.lookNow(scope, fingerprint, now);
  }

  private lookNow(scope: IdempotencyScope, fingerprint: string, now: Date): IdempotencyLookResult {
    const entry = this.entries.get(keyOf(scope));
    const at = now.getTime();
    if (!entry || at - entry.createdAt >= this.ttlMs) return { kind: 'absent' };
    if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (entry.response) return { kind: 'replay', response: structuredClone(entry.response) };
    return entry.lockedUntil > at ? { kind: 'in_flight' } : { kind: 'absent' };
  }

  /** `begin` without yielding: a unit of work of the in-memory transactions takes a request's key with it. */
  beginNow(scope: IdempotencyScope, fingerprint: string, now: Date, leaseMs: number): IdempotencyBeginResult {
    const seen = this.lookNow(scope, fingerprint, now);
    if (seen.kind !== 'absent') return seen;
    const at = now.getTime();
    const entry = this.entries.get(keyOf(scope));
    // A live entry here is one whose lease ran out (a crashed request): the same request takes it over.
    if (entry && at - entry.createdAt < this.ttlMs) entry.lockedUntil = at + leaseMs;
    else this.entries.set(keyOf(scope), { fingerprint, createdAt: at, lockedUntil: at + leaseMs, response: null });
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
