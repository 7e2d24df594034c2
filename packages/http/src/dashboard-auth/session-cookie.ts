export const SESSION_COOKIE = 'kessai_session';
/** The header a cookie-authenticated request that changes something must carry. */
export const CSRF_HEADER = 'x-csrf-token';
/** `1` on the page's own polls: they are not the person's activity and do not keep the session alive. */
export const BACKGROUND_HEADER = 'x-kessai-background';

/** The session token from a Cookie header, if it holds one that looks like ours (base64url, 43 characters). */
export function sessionTokenFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.split('=');
    if (name?.trim() !== SESSION_COOKIE) continue;
    const value = rest.join('=').trim();
    if (/^[A-Za-z0-9_-]{43}$/.test(value)) return value;
  }
  return undefined;
}

/** Whether the request carries our cookie at all (even a malformed one: it is then refused, not ignored). */
export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  return cookieHeader?.split(';').some((part) => part.split('=')[0]?.trim() === SESSION_COOKIE) ?? false;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure when the request came over HTTPS. */
export function sessionCookie(token: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(options: { secure: boolean }): string {
  return [
    `${SESSION_COOKIE}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    'Max-Age=0',
    'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
