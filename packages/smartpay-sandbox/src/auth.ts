import { type ApiError, unauthorized } from './errors';
import type { Mode } from './model';

const SECRET_KEY = /^sk_(test|live)_[0-9a-zA-Z]+$/;

export interface Credentials {
  secretKey: string;
  mode: Mode;
}

/**
 * Smartpay's SDKs send `Basic <raw secret key>` (§1). Also accepted: `Bearer <key>` and RFC 7617
 * `Basic base64(key:)`, which is what generic HTTP clients produce from a username-only credential.
 */
export function authenticate(
  header: string | undefined,
  allowed: ReadonlySet<string> | undefined,
): Credentials | ApiError {
  const key = keyFrom(header);
  const match = key === undefined ? null : SECRET_KEY.exec(key);
  if (!key || !match || (allowed && !allowed.has(key))) return unauthorized();
  return { secretKey: key, mode: match[1] === 'live' ? 'live' : 'test' };
}

function keyFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme = '', value = ''] = header.trim().split(/\s+/, 2);
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return value;
    case 'basic': {
      if (SECRET_KEY.test(value)) return value;
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const user = decoded.split(':', 1)[0];
      return user && SECRET_KEY.test(user) ? user : undefined;
    }
    default:
      return undefined;
  }
}
