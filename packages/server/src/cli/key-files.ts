import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { registerNewKey } from '@kessai/api';
import type { ApiKeyRegistry } from '@kessai/domain';
import type { JWK } from 'jose';
import { UserError } from './user-error';

/** A merchant key pair on disk: the private JWK (mode 0600) plus the public part Kessai registers. */
export interface KeyFile {
  kid: string;
  merchantAccountIds: string[];
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function createKeyFile(
  path: string,
  merchantAccountIds: string[],
  registry: ApiKeyRegistry,
): Promise<KeyFile> {
  const pair = await registerNewKey(registry, merchantAccountIds);
  const file: KeyFile = { kid: pair.kid, merchantAccountIds, privateJwk: pair.privateJwk, publicJwk: pair.publicJwk };
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  return file;
}

export async function readKeyFile(path: string): Promise<KeyFile> {
  const notAKeyFile = () =>
    new UserError(`${path} is not a Kessai key file (expected kid, privateJwk, publicJwk, merchantAccountIds)`);
  let parsed: Partial<KeyFile>;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<KeyFile>;
  } catch (error) {
    if (error instanceof SyntaxError) throw notAKeyFile();
    throw error;
  }
  if (!parsed?.kid || !parsed.privateJwk || !parsed.publicJwk || !Array.isArray(parsed.merchantAccountIds)) {
    throw notAKeyFile();
  }
  return parsed as KeyFile;
}

/** Reuses the key file at `path` (registering its public key if this database has not seen it), else makes one. */
export async function ensureKeyFile(
  path: string,
  merchantAccountIds: string[],
  registry: ApiKeyRegistry,
): Promise<KeyFile> {
  try {
    const existing = await readKeyFile(path);
    const registered = await registry.findByKid(existing.kid);
    // Revoked (from the dashboard, say): a dev stack needs a working key, so it makes a new one in its place.
    if (registered?.revokedAt) return createKeyFile(path, merchantAccountIds, registry);
    if (!registered) {
      await registry.add({
        kid: existing.kid,
        merchantAccountIds: existing.merchantAccountIds,
        publicJwk: existing.publicJwk,
        createdAt: new Date(),
        revokedAt: null,
      });
    }
    return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return createKeyFile(path, merchantAccountIds, registry);
  }
}
