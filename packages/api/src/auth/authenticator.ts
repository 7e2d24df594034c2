import { type Actor, type ApiKeyRegistry, EMBED_SCOPE, grants, withinCeiling } from '@kessai/domain';
import { ApiError } from '../api-error';
import { type EmbedGrant, embedGrantOf } from './embed-grant';
import { type DecodedJwt, decodeJwt, verifiesEs512 } from './es512-jwt';
import { type RegisteredKey, RegisteredKeys } from './registered-keys';

export interface Principal {
  /** The API key a bearer token was signed with; none for a dashboard session. */
  kid?: string;
  merchantAccountId: string;
  scopes: string[];
  /** Who the request acts as, recorded in the history of what it changes. */
  actor: Actor;
  /** Set for an embed token (scope `embed`): it reaches only the routes marked `embed`, within this grant. */
  embed?: EmbedGrant;
}

interface VerifiedToken {
  kid: string;
  scopes: string[];
  exp: number;
  nbf: number;
  embed: EmbedGrant | undefined;
}

const MERCHANT_ID = /^[a-z0-9][a-z0-9-_]{0,49}$/i;
/** How far `exp` and `nbf` may be off this machine's clock. */
const CLOCK_TOLERANCE_SECONDS = 5;
/**
 * How long a key read from storage is trusted: a key revoked on another process stops working here within it. One
 * indexed read per key per process every few seconds is cheap, and works through a transaction pooler (no LISTEN).
 */
export const KEY_CACHE_MS = 5_000;
/** A JWK thumbprint is base64url; checked before any lookup so no odd header reaches storage. */
const KID = /^[A-Za-z0-9_-]{1,128}$/;

export interface AuthenticatorOptions {
  /** How long an imported key is trusted before it is read again: a revocation takes effect within it. */
  keyCacheMs?: number;
  /**
   * Verified tokens kept (2,000): enough for every client that reuses a token; SDK clients sign one per request,
   * which a cache cannot help, so more would only hold memory.
   */
  maxCachedTokens?: number;
  /** The furthest ahead a token may expire: a leaked token with a far `exp` would otherwise work for ever. */
  maxTokenLifetimeSeconds?: number;
  /** Told of every accepted token's key (`RecordApiKeyUse`, which writes at most once a minute per key). */
  onAccepted?: (kid: string) => Promise<void>;
}

/**
 * Gr4vy-style bearer auth: an ES512 JWT signed by the merchant's private key, verified with the registered
 * public key its `kid` names; `exp`/`nbf` checked; scopes from the `scopes` claim; the merchant account from
 * `X-GR4VY-MERCHANT-ACCOUNT-ID` (default `default`) must be one the key is bound to.
 */
export class Authenticator {
  /** Registered keys, briefly cached: a revocation takes effect within `keyCacheMs`. */
  private readonly keys: RegisteredKeys;

  /**
   * Tokens already verified, by their exact text (signature included): an ES512 check costs a couple of
   * milliseconds, and many clients reuse one token for many requests. Expiry and the key's revocation (via the
   * key cache) are still checked on every request. The least recently verified go first when it is full.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  private readonly maxCachedTokens: number;
  private readonly maxLifetimeSeconds: number;
  private readonly onAccepted: ((kid: string) => Promise<void>) | undefined;

  constructor(registry: ApiKeyRegistry, options: AuthenticatorOptions = {}) {
    this.keys = new RegisteredKeys(registry, options.keyCacheMs ?? KEY_CACHE_MS);
    this.maxCachedTokens = options.maxCachedTokens ?? 2_000;
    this.maxLifetimeSeconds = options.maxTokenLifetimeSeconds ?? 86_400;
    this.onAccepted = options.onAccepted;
  }

  async authenticate(authorization: string | undefined, merchantHeader: string | undefined): Promise<Principal> {
    const match = /^bearer\s+([A-Za-z0-9_\-.]+)$/i.exec(authorization?.trim() ?? '');
    if (!match?.[1]) throw ApiError.unauthorized('missing or malformed Authorization header: expected "Bearer <JWT>"');
    const token = match[1];
    const known = this.verified.get(token);
    const nowSeconds = Date.now() / 1000;
    if (
      known &&
      known.exp + CLOCK_TOLERANCE_SECONDS > nowSeconds &&
      known.nbf - CLOCK_TOLERANCE_SECONDS <= nowSeconds
    ) {
      return this.bind(known, merchantHeader, await this.publicKey(known.kid));
    }
    const jwt = decodeJwt(token);
    if (!jwt) throw ApiError.unauthorized('the bearer token is not a JWT');
    const { alg, kid } = jwt.header;
    if (alg !== 'ES512') throw ApiError.unauthorized(`JWT algorithm must be ES512, got ${String(alg)}`);
    if (typeof kid !== 'string') throw ApiError.unauthorized('JWT header has no kid (the key thumbprint)');
    if (!KID.test(kid)) throw ApiError.unauthorized('JWT header kid is not a key thumbprint (base64url)');
    const registered = await this.publicKey(kid);
    const claims = (await verifiesEs512(registered.key, jwt)) ? validClaims(jwt, nowSeconds) : undefined;
    if (claims === 'expired') throw ApiError.unauthorized('the token has expired');
    if (!claims) throw ApiError.unauthorized('the token signature or claims are not valid');
    if (claims.exp - nowSeconds > this.maxLifetimeSeconds) {
      throw ApiError.unauthorized(
        `the token expires more than ${this.maxLifetimeSeconds} s from now; sign a shorter-lived one`,
      );
    }
    const verified = { kid, ...claims, embed: embedGrantOf(claims.scopes, jwt.payload) };
    this.remember(token, verified);
    return this.bind(verified, merchantHeader, registered);
  }

  private remember(token: string, verified: VerifiedToken): void {
    if (this.verified.size >= this.maxCachedTokens) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, verified);
  }

  /** A key revoked in this process stops working at once here (other processes within `keyCacheMs`). */
  forget(kid: string): void {
    this.keys.forget(kid);
  }

  /** The token's scopes within its key's; the key's use is noted once the request is let in. */
  private bind(token: VerifiedToken, merchantHeader: string | undefined, known: RegisteredKey): Principal {
    const { kid, embed } = token;
    const pinnedMerchant = embed?.merchantAccountId;
    const merchantAccountId = merchantHeader?.trim() || pinnedMerchant || 'default';
    if (pinnedMerchant && pinnedMerchant !== merchantAccountId)
      throw ApiError.forbidden(`this embed token is pinned to merchant account "${pinnedMerchant}"`);
    if (!MERCHANT_ID.test(merchantAccountId))
      throw ApiError.badRequest('X-GR4VY-MERCHANT-ACCOUNT-ID is not a valid merchant account id');
    const { merchantAccountIds } = known;
    if (!merchantAccountIds.includes('*') && !merchantAccountIds.includes(merchantAccountId)) {
      throw ApiError.forbidden(`this API key may not act for merchant account "${merchantAccountId}"`);
    }
    // A note that fails to be written must not fail the request it notes: the next accepted token tries again.
    this.onAccepted?.(kid).catch(() => undefined);
    const scopes = withinCeiling(token.scopes, known.scopes);
    const actor: Actor = { type: 'api_key', id: kid, display: kid };
    // An embed token is only ever an embed token, whatever else it claims; a key that may not sign one refuses it.
    if (embed)
      return scopes.includes(EMBED_SCOPE)
        ? { kid, merchantAccountId, scopes: [EMBED_SCOPE], actor, embed }
        : { kid, merchantAccountId, scopes: [], actor };
    return { kid, merchantAccountId, scopes, actor };
  }

  private async publicKey(kid: string): Promise<RegisteredKey> {
    const registered = await this.keys.find(kid);
    if (!registered) throw ApiError.unauthorized('unknown or revoked API key');
    return registered;
  }
}

/**
 * The claims of a token whose signature checked out, as the JWT rules read them: `exp` required, `nbf` and `iat`
 * numbers when present, five seconds of clock tolerance, and no `crit` header (Kessai understands no extension).
 */
function validClaims(
  jwt: DecodedJwt,
  nowSeconds: number,
): { scopes: string[]; exp: number; nbf: number } | 'expired' | undefined {
  const { exp, nbf, iat, scopes } = jwt.payload;
  if ('crit' in jwt.header || typeof exp !== 'number') return undefined;
  if ((nbf !== undefined && typeof nbf !== 'number') || (iat !== undefined && typeof iat !== 'number'))
    return undefined;
  const now = Math.floor(nowSeconds);
  if (exp <= now - CLOCK_TOLERANCE_SECONDS) return 'expired';
  if (nbf !== undefined && nbf > now + CLOCK_TOLERANCE_SECONDS) return undefined;
  const granted = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
  return { scopes: granted, exp, nbf: nbf ?? 0 };
}

/** `*.write` does not imply read (Gr4vy): each access needs its own scope. */
export function requireScope(principal: Principal, scope: string): void {
  const [resource, access] = scope.split('.');
  if (grants(principal.scopes, scope)) return;
  throw ApiError.forbidden(`this token lacks the "${scope}" scope (or "*.${access}") needed for ${resource}`);
}
