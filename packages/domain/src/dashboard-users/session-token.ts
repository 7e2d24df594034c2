import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes: the only copy is the cookie; storage keeps its hash (a leaked table opens no session). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(`kessai-session:${token}`).digest('hex');
}

/**
 * The CSRF token of a session, derived from its secret token (another hash than the stored one): a page on
 * another origin cannot read it, and the server checks it without storing it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`kessai-csrf:${sessionToken}`).digest('base64url');
}

/** Compares two secrets in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
