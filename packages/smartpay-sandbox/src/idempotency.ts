/** The idempotency window Smartpay documents (§1). */
export const IDEMPOTENCY_TTL_MS = 6 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: string | undefined;
}

export interface Entry {
  fingerprint: string;
  response: StoredResponse;
  storedAt: number;
}

export type IdempotencyLookup = { kind: 'miss' } | { kind: 'replay'; response: StoredResponse } | { kind: 'conflict' };

/**
 * Responses remembered per Idempotency-Key for one secret key. Handlers are synchronous, so a lookup, the
 * effect and the store happen in one tick: two concurrent requests with the same key can never both apply.
 */
export class IdempotencyCache {
  // Map keeps insertion order, which (the clock only moving forward) is expiry order: pruning stops early.
  private readonly entries = new Map<string, Entry>();

  lookup(key: string, fingerprint: string, now: number): IdempotencyLookup {
    this.prune(now);
    const entry = this.entries.get(key);
    if (!entry) return { kind: 'miss' };
    if (entry.fingerprint !== fingerprint) return { kind: 'conflict' };
    return { kind: 'replay', response: entry.response };
  }

  store(key: string, fingerprint: string, response: StoredResponse, now: number): void {
    this.entries.set(key, { fingerprint, response, storedAt: now });
  }

  get size(): number {
    return this.entries.size;
  }

  dump(): Array<[string, Entry]> {
    return [...this.entries];
  }

  load(saved: Array<[string, Entry]>): void {
    for (const [key, entry] of saved) this.entries.set(key, entry);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.storedAt < IDEMPOTENCY_TTL_MS) return;
      this.entries.delete(key);
    }
  }
}
