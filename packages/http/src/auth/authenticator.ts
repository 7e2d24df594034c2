import type { Actor } from '@kessai/domain';
import { type CryptoKey, decodeProtectedHeader, importJWK, type JWTPayload, jwtVerify } from 'jose';
import { ApiError } from '../api/api-error';
import type { ApiKeyRegistry } from './api-keys';

export interface Principal {
  /** The API key a bearer token was signed with; none for a dashboard session. */
  kid?: string;
  merchantAccountId: string;
  scopes: string[];
  /** Who the request acts as, recorded in the history of what it changes. */
  actor: Actor;
}

const MERCHANT_ID = /^[a-z0-9][a-z0-9-_]{0,49}$/i;
/** A JWK thumbprint is base64url; checked before any lookup so no odd header reaches storage. */
const KID = /^[A-Za-z0-9_-]{1,128}$/;

export interface AuthenticatorOptions {
  /** How long an imported key is trusted before it is read again: a revocation takes effect within it. */
  keyCacheMs?: number;
  maxCachedTokens?: number;
  /** The furthest ahead a token may expire: a leaked token with a far `exp` would otherwise work for ever. */
  maxTokenLifetimeSeconds?: number;
}

/**
 * Gr4vy-style bearer auth: an ES512 JWT signed by the merchant's private key, verified with the registered
 * public key its `kid` names; `exp`/`nbf` checked; scopes from the `scopes` claim; the merchant account from
 * `X-GR4VY-MERCHANT-ACCOUNT-ID` (default `default`) must be one the key is bound to.
 */
export class Authenticator {
  /** Imported keys, briefly cached: a revocation takes effect within `keyCacheMs`. */
  private readonly keyCache = new Map<string, { key: CryptoKey; merchantAccountIds: string[]; until: number }>();

  /**
   * Tokens already verified, by their exact text (signature included): ES512 verification costs about a
   * millisecond, and a client reuses one token for many requests. Expiry and the key's revocation (via the key
   * cache) are still checked on every request.
   */
  private readonly verified = new Map<string, { kid: string; scopes: string[]; exp: number; nbf: number }>();

  private readonly cacheMs: number;
  private readonly maxCachedTokens: number;
  private readonly maxLifetimeSeconds: number;

  constructor(
    private readonly keys: ApiKeyRegistry,
    options: AuthenticatorOptions = {},
  ) {
    this.cacheMs = options.keyCacheMs ?? 60_000;
    this.maxCachedTokens = options.maxCachedTokens ?? 10_000;
    this.maxLifetimeSeconds = options.maxTokenLifetimeSeconds ?? 86_400;
  }

  async authenticate(authorization: string | undefined, merchantHeader: string | undefined): Promise<Principal> {
    const match = /^bearer\s+([A-Za-z0-9_\-.]+)$/i.exec(authorization?.trim() ?? '');
    if (!match?.[1]) throw ApiError.unauthorized('missing or malformed Authorization header: expected "Bearer <JWT>"');
    const token = match[1];
    const merchantAccountId = merchantHeader?.trim() || 'default';
    const known = this.verified.get(token);
    const nowSeconds = Date.now() / 1000;
    if (known && known.exp + 5 > nowSeconds && known.nbf - 5 <= nowSeconds) {
      const { merchantAccountIds } = await this.publicKey(known.kid);
      return this.bind(known.kid, known.scopes, merchantAccountId, merchantAccountIds);
    }
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw ApiError.unauthorized('the bearer token is not a JWT');
    }
    if (header.alg !== 'ES512') throw ApiError.unauthorized(`JWT algorithm must be ES512, got ${String(header.alg)}`);
    if (typeof header.kid !== 'string') throw ApiError.unauthorized('JWT header has no kid (the key thumbprint)');
    if (!KID.test(header.kid)) throw ApiError.unauthorized('JWT header kid is not a key thumbprint (base64url)');
    const { key, merchantAccountIds } = await this.publicKey(header.kid);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['ES512'],
        requiredClaims: ['exp'],
        clockTolerance: 5,
      }));
    } catch (error) {
      const reason =
        (error as { code?: string }).code === 'ERR_JWT_EXPIRED'
          ? 'the token has expired'
          : 'the token signature or claims are not valid';
      throw ApiError.unauthorized(reason);
    }
    if ((payload.exp ?? 0) - nowSeconds > this.maxLifetimeSeconds) {
      throw ApiError.unauthorized(
        `the token expires more than ${this.maxLifetimeSeconds} s from now; sign a shorter-lived one`,
      );
    }
    const scopes = Array.isArray(payload.scopes)
      ? payload.scopes.filter((s): s is string => typeof s === 'string')
      : [];
    if (this.verified.size >= this.maxCachedTokens) this.verified.clear();
    this.verified.set(token, { kid: header.kid, scopes, exp: payload.exp ?? 0, nbf: payload.nbf ?? 0 });
    return this.bind(header.kid, scopes, merchantAccountId, merchantAccountIds);
  }

  /** A key revoked in this process stops working at once here (other processes within `keyCacheMs`). */
  forget(kid: string): void {
    this.keyCache.delete(kid);
  }

  private bind(kid: string, scopes: string[], merchantAccountId: string, merchantAccountIds: string[]): Principal {
    if (!MERCHANT_ID.test(merchantAccountId))
      throw ApiError.badRequest('X-GR4VY-MERCHANT-ACCOUNT-ID is not a valid merchant account id');
    if (!merchantAccountIds.includes('*') && !merchantAccountIds.includes(merchantAccountId)) {
      throw ApiError.forbidden(`this API key may not act for merchant account "${merchantAccountId}"`);
    }
    return { kid, merchantAccountId, scopes, actor: { type: 'api_key', id: kid, display: kid } };
  }

  private async publicKey(kid: string): Promise<{ key: CryptoKey; merchantAccountIds: string[] }> {
    const cached = this.keyCache.get(kid);
    if (cached && cached.until > Date.now()) return cached;
    const record = await this.keys.findByKid(kid);
    if (!record || record.revokedAt) throw ApiError.unauthorized('unknown or revoked API key');
    const entry = {
      key: (await importJWK(record.publicJwk, 'ES512')) as CryptoKey,
      merchantAccountIds: record.merchantAccountIds,
      until: Date.now() + this.cacheMs,
    };
    this.keyCache.set(kid, entry);
    return entry;
  }
}

/** `*.write` does not imply read (Gr4vy): each access needs its own scope. */
export function requireScope(principal: Principal, scope: string): void {
  const [resource, access] = scope.split('.');
  if (principal.scopes.includes(scope) || principal.scopes.includes(`*.${access}`)) return;
  throw ApiError.forbidden(`this token lacks the "${scope}" scope (or "*.${access}") needed for ${resource}`);
}
