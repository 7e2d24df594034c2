import { randomUUID } from 'node:crypto';
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importJWK,
  type JWK,
  SignJWT,
} from 'jose';

/** Key pairs and tokens the way Gr4vy's SDKs make them: ES512, `kid` = JWK thumbprint, short-lived JWTs. */
export async function createKeyPair(): Promise<{ kid: string; publicJwk: JWK; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('ES512', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    publicJwk: { ...publicJwk, kid, alg: 'ES512', use: 'sig' },
    privateJwk: { ...privateJwk, kid, alg: 'ES512' },
  };
}

/** The same key pair with the private key as PKCS #8 PEM, the form Gr4vy's SDKs read (`privateKey`). */
export async function createPemKeyPair(): Promise<{ kid: string; publicJwk: JWK; privateKeyPem: string }> {
  const { publicKey, privateKey } = await generateKeyPair('ES512', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    publicJwk: { ...publicJwk, kid, alg: 'ES512', use: 'sig' },
    privateKeyPem: await exportPKCS8(privateKey),
  };
}

export interface TokenOptions {
  scopes: string[];
  expiresInSeconds?: number;
  issuer?: string;
}

export async function signToken(privateJwk: JWK, options: TokenOptions): Promise<string> {
  const { d: _secret, ...publicPart } = privateJwk;
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(publicPart));
  const key = (await importJWK(privateJwk, 'ES512')) as CryptoKey;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scopes: options.scopes })
    .setProtectedHeader({ alg: 'ES512', typ: 'JWT', kid })
    .setIssuer(options.issuer ?? 'kessai-cli')
    .setIssuedAt(now)
    .setNotBefore(now - 1)
    .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
    .setJti(randomUUID())
    .sign(key);
}
