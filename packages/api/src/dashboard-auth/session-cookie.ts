/**
 * Over HTTPS the cookie is `__Host-` prefixed: browsers then keep it only when Secure, Path=/ and without Domain, so
 * a sibling subdomain cannot plant or overwrite it. Plain-HTTP development keeps a name browsers accept there.
 */
export const SESSION_COOKIE = 'kessai_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/** HTTPS: a TLS socket, or `X-Forwarded-Proto: https` from a proxy trusted by TRUST_PROXY (Fastify's protocol). */
export const overHttps = (request: { protocol: string }) => request.protocol === 'https';

const nameOf = (secure: boolean) => (secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);
/** The header a cookie-authenticated request that changes something must carry. */
export const CSRF_HEADER = 'x-csrf-token';
/** `1` on the page's own polls: they are not the person's activity and do not keep the session alive. */
export const BACKGROUND_HEADER = 'x-kessai-background';

/**
 * The session token from a Cookie header, if it holds one that looks like ours (base64url, 43 characters). Over
 * HTTPS only the `__Host-` cookie counts: an unprefixed one may have been planted by another subdomain.
 */
export function sessionTokenFrom(cookieHeader: string | undefined, secure: boolean): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.split('=');
    if (name?.trim() !== nameOf(secure)) continue;
    const value = rest.join('=').trim();
    if (/^[A-Za-z0-9_-]{43}$/.test(value)) return value;
  }
  return undefined;
}

/** Whether the request carries our cookie at all (even a malformed one: it is then refused, not ignored). */
export function hasSessionCookie(cookieHeader: string | undefined, secure: boolean): boolean {
  return cookieHeader?.split(';').some((part) => part.split('=')[0]?.trim() === nameOf(secure)) ?? false;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure when the request came over HTTPS. */
export function sessionCookie(token: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${nameOf(options.secure)}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(options: { secure: boolean }): string {
  return [
    `${nameOf(options.secure)}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    'Max-Age=0',
    'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
