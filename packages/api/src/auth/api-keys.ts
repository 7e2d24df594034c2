import type { ApiKeyRegistry } from '@kessai/domain';
import { createKeyPair } from './keys';

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
