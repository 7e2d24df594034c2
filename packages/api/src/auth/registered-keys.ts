import type { KeyObject } from 'node:crypto';
import type { ApiKey, ApiKeyRegistry } from '@kessai/domain';
import { ExpiringReads } from '../expiring-reads';
import { es512PublicKey } from './es512-jwt';

/** A registered, unrevoked API key as bearer tokens are checked against it. */
export interface RegisteredKey {
  key: KeyObject;
  merchantAccountIds: string[];
  /** The most its tokens may do; null: not bounded. */
  scopes: string[] | null;
}

/**
 * The API keys bearer tokens name, read from storage at most once per `cacheMs` per key: a key revoked by another
 * process stops working here within it. When an entry runs out, the requests that arrive during the one read
 * share it (`ExpiringReads`), and the key is imported again only if its stored JWK changed (a P-521 import costs
 * most of a millisecond).
 */
export class RegisteredKeys {
  // Bounded by the registry: a kid it does not know is a miss, and misses are not kept.
  private readonly reads: ExpiringReads<RegisteredKey>;
  /** Each key's last import, with the stored JWK text it came from. */
  private readonly imports = new Map<string, { jwk: string; key: KeyObject }>();

  constructor(
    private readonly registry: Pick<ApiKeyRegistry, 'findByKid'>,
    cacheMs: number,
  ) {
    this.reads = new ExpiringReads(cacheMs, Number.POSITIVE_INFINITY);
  }

  /** `undefined`: no such key, revoked, or not a P-521 key. */
  find(kid: string): RegisteredKey | Promise<RegisteredKey | undefined> {
    return this.reads.get(kid, () => this.registry.findByKid(kid).then((record) => this.registered(kid, record)));
  }

  /** Revoked here: the next request reads storage, and no read already under way fills the cache again. */
  forget(kid: string): void {
    this.reads.forget(kid);
  }

  private registered(kid: string, record: ApiKey | undefined): RegisteredKey | undefined {
    if (!record || record.revokedAt) {
      this.imports.delete(kid);
      return undefined;
    }
    const jwk = JSON.stringify(record.publicJwk);
    const previous = this.imports.get(kid);
    const key = previous?.jwk === jwk ? previous.key : es512PublicKey(record.publicJwk);
    if (!key) return undefined;
    this.imports.set(kid, { jwk, key });
    return { key, merchantAccountIds: record.merchantAccountIds, scopes: record.scopes ?? null };
  }
}
