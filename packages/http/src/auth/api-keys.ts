import type { JWK } from 'jose';
import { createKeyPair } from './keys';

/** A merchant's public key, registered with Kessai; the private key never leaves the merchant. */
export interface ApiKey {
  /** RFC 7638 JWK thumbprint of the public key: what the JWT header's `kid` names (Gr4vy's convention). */
  kid: string;
  /** Merchant accounts this key may act for; `*` means all (an admin key). */
  merchantAccountIds: string[];
  publicJwk: JWK;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface ApiKeyRegistry {
  add(key: ApiKey): Promise<void>;
  findByKid(kid: string): Promise<ApiKey | undefined>;
}

export class InMemoryApiKeyRegistry implements ApiKeyRegistry {
  private readonly keys = new Map<string, ApiKey>();
  async add(key: ApiKey): Promise<void> {
    this.keys.set(key.kid, structuredClone(key));
  }
  async findByKid(kid: string): Promise<ApiKey | undefined> {
    const key = this.keys.get(kid);
    return key && structuredClone(key);
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
