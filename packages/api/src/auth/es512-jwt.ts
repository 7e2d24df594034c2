import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { JWK } from 'jose';

/** A compact JWS, split and decoded; its signature not yet checked. */
export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `<header>.<payload>` as sent: what the signature covers. */
  signingInput: string;
  signature: Buffer;
}

/** A P-521 signature in the JWS (IEEE P1363) form: r and s, 66 bytes each. */
const ES512_SIGNATURE_BYTES = 132;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** `undefined` when `token` is not a compact JWS whose header and payload are JSON objects. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const decodedHeader = jsonObject(header);
  const decodedPayload = jsonObject(payload);
  if (!decodedHeader || !decodedPayload) return undefined;
  return {
    header: decodedHeader,
    payload: decodedPayload,
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

/** A registered public JWK as a key ES512 checks with; `undefined` unless it is a P-521 EC key. */
export function es512PublicKey(jwk: JWK): KeyObject | undefined {
  try {
    const key = createPublicKey({ key: jwk as never, format: 'jwk' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'secp521r1' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `jwt` carries a valid ES512 signature by `key`. Node's own ECDSA check on libuv's threads, so the event
 * loop goes on meanwhile; no JOSE library in between (a P-521 check is most of what a fresh token costs).
 */
export function verifiesEs512(key: KeyObject, jwt: DecodedJwt): Promise<boolean> {
  if (jwt.signature.length !== ES512_SIGNATURE_BYTES) return Promise.resolve(false);
  return new Promise((resolve) => {
    verify('sha512', Buffer.from(jwt.signingInput), { key, dsaEncoding: 'ieee-p1363' }, jwt.signature, (error, valid) =>
      resolve(!error && valid),
    );
  });
}

function jsonObject(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
