import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ConnectorCredentials } from '@kessai/domain';

export interface SealedCredentials {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/**
 * AES-256-GCM for connection credentials at rest. New secrets are sealed with the current key; older rows name
 * the key they were sealed with, so keys can rotate: keep the old key listed until every row is re-sealed.
 */
export class CredentialCipher {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly currentKeyId: string,
    keys: Record<string, Buffer>,
  ) {
    this.keys = new Map(Object.entries(keys));
    for (const [id, key] of this.keys)
      if (key.length !== 32) throw new Error(`encryption key "${id}" must be 32 bytes`);
    if (!this.keys.has(currentKeyId)) throw new Error(`no encryption key with id "${currentKeyId}"`);
  }

  seal(credentials: ConnectorCredentials): SealedCredentials {
    return this.sealValue(credentials);
  }

  open(sealed: SealedCredentials): ConnectorCredentials {
    return this.openValue<ConnectorCredentials>(sealed);
  }

  /** Any JSON value (webhook signing secrets use this too). */
  sealValue(value: unknown): SealedCredentials {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId) as Buffer, iv);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { keyId: this.currentKeyId, iv, tag: cipher.getAuthTag(), ciphertext };
  }

  openValue<T>(sealed: SealedCredentials): T {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`secrets were sealed with key "${sealed.keyId}", which is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
    decipher.setAuthTag(sealed.tag);
    return JSON.parse(Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8')) as T;
  }

  toString(): string {
    return `CredentialCipher(current key ${this.currentKeyId})`;
  }
}
