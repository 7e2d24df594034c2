import { type Page, THUMBPRINT_ID } from '@kessai/domain';
import { keysetPage } from '@kessai/domain/in-memory';
import type { JWK } from 'jose';
import { createKeyPair } from './keys';

/** A merchant's public key, registered with Kessai; the private key never leaves the merchant. */
export interface ApiKey {
  /** RFC 7638 JWK thumbprint of the public key: what the JWT header's `kid` names (Gr4vy's convention). */
  kid: string;
  /** Merchant accounts this key may act for; `*` means all (an admin key). */
  merchantAccountIds: string[];
  publicJwk: JWK;
  /** What the merchant called it (keys made in the dashboard); null for keys made by the CLI. */
  name?: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Active keys one merchant account may hold: enough to rotate every backend, few enough to audit by eye. */
export const MAX_ACTIVE_API_KEYS_PER_MERCHANT = 25;

export interface ApiKeyListQuery {
  limit: number;
  cursor?: string | undefined;
}

export interface ApiKeyRegistry {
  /**
   * Stores it unless `limit` active (not revoked) keys are already bound to exactly its merchant accounts; `false`
   * when refused. Two adds racing for the last place cannot both win.
   */
  add(key: ApiKey, limit?: number): Promise<boolean>;
  findByKid(kid: string): Promise<ApiKey | undefined>;
  /** Keys bound to this merchant account alone (not admin keys, nor keys shared with other accounts), newest first. */
  listFor(merchantAccountId: string, query: ApiKeyListQuery): Promise<Page<ApiKey>>;
  /** `false` when it was already revoked or does not exist. */
  revoke(kid: string, at: Date): Promise<boolean>;
}

export class InMemoryApiKeyRegistry implements ApiKeyRegistry {
  private readonly keys = new Map<string, ApiKey>();
  async add(key: ApiKey, limit = Number.POSITIVE_INFINITY): Promise<boolean> {
    const accounts = key.merchantAccountIds.join('\n');
    const held = [...this.keys.values()].filter(
      (other) => !other.revokedAt && other.merchantAccountIds.join('\n') === accounts,
    );
    if (held.length >= limit) return false;
    this.keys.set(key.kid, structuredClone(key));
    return true;
  }
  async findByKid(kid: string): Promise<ApiKey | undefined> {
    const key = this.keys.get(kid);
    return key && structuredClone(key);
  }
  async listFor(merchantAccountId: string, query: ApiKeyListQuery): Promise<Page<ApiKey>> {
    const own = [...this.keys.values()]
      .filter((key) => key.merchantAccountIds.length === 1 && key.merchantAccountIds[0] === merchantAccountId)
      .map((key) => ({ ...key, id: key.kid }));
    const page = keysetPage(own, (key) => key.createdAt, query.limit, query.cursor, THUMBPRINT_ID);
    return { ...page, items: page.items.map(({ id: _id, ...key }) => key) };
  }
  async revoke(kid: string, at: Date): Promise<boolean> {
    const key = this.keys.get(kid);
    if (!key || key.revokedAt) return false;
    this.keys.set(kid, { ...key, revokedAt: at });
    return true;
  }
}

/** A new ES512 key pair whose public half is registered for the given merchant accounts. */
export async function registerNewKey(registry: ApiKeyRegistry, merchantAccountIds: string[]) {
  const pair = await createKeyPair();
  await registry.add({
    kid: pair.kid,
    merchantAccountIds,
    publicJwk: pair.publicJwk,
    createdAt: new Date(),
    revokedAt: null,
  });
  return pair;
}
