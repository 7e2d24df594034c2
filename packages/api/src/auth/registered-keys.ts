import type { KeyObject } from 'node:crypto';
import type { ApiKey, ApiKeyRegistry } from '@kessai/domain';
import { es512PublicKey } from './es512-jwt';

/** A registered, unrevoked API key as bearer tokens are checked against it. */
export interface RegisteredKey {
  key: KeyObject;
  merchantAccountIds: string[];
  /** The most its tokens may do; null: not bounded. */
  scopes: string[] | null;
}

interface Known {
  registered: RegisteredKey;
  /** The stored public JWK it was imported from, as text: the same text needs no new import. */
  jwk: string;
  until: number;
}

/**
 * The API keys bearer tokens name, read from storage at most once per `cacheMs` per key: a key revoked by another
 * process stops working here within it. When an entry runs out, the requests that arrive during the one read
 * share it (not one read and one import per request in flight), and the key is imported again only if its stored
 * JWK changed (a P-521 import costs most of a millisecond).
 */
export class RegisteredKeys {
  private readonly known = new Map<string, Known>();
  private readonly reading = new Map<string, Promise<RegisteredKey | undefined>>();

  constructor(
    private readonly registry: Pick<ApiKeyRegistry, 'findByKid'>,
    private readonly cacheMs: number,
  ) {}

  /** `undefined`: no such key, revoked, or not a P-521 key. */
  find(kid: string): RegisteredKey | Promise<RegisteredKey | undefined> {
    const known = this.known.get(kid);
    if (known && known.until > Date.now()) return known.registered;
    return this.reading.get(kid) ?? this.read(kid);
  }

  /** Revoked here: the next request reads storage, and no read already under way fills the cache again. */
  forget(kid: string): void {
    this.known.delete(kid);
    this.reading.delete(kid);
  }

  private read(kid: string): Promise<RegisteredKey | undefined> {
    const read: Promise<RegisteredKey | undefined> = this.registry.findByKid(kid).then(
      (record) => {
        const current = this.reading.get(kid) === read;
        if (current) this.reading.delete(kid);
        const jwk = record && !record.revokedAt ? JSON.stringify(record.publicJwk) : undefined;
        const registered = record && jwk ? this.imported(kid, record, jwk) : undefined;
        // A read the key's revocation overtook (`forget`) answers its own requests, but is not kept.
        if (current && registered && jwk) this.known.set(kid, { registered, jwk, until: Date.now() + this.cacheMs });
        else if (current) this.known.delete(kid);
        return registered;
      },
      (error: unknown) => {
        if (this.reading.get(kid) === read) this.reading.delete(kid);
        throw error;
      },
    );
    this.reading.set(kid, read);
    return read;
  }

  private imported(kid: string, record: ApiKey, jwk: string): RegisteredKey | undefined {
    const previous = this.known.get(kid);
    const key = previous?.jwk === jwk ? previous.registered.key : es512PublicKey(record.publicJwk);
    return key && { key, merchantAccountIds: record.merchantAccountIds, scopes: record.scopes ?? null };
  }
}
