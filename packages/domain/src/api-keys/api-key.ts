/** A public key as RFC 7517 JSON (`kty`, `crv`, `x`, `y`, …): stored as given, checked by whoever verifies tokens. */
export type PublicJwk = Record<string, unknown>;

/** A merchant's public key, registered with Kessai; the private key never leaves the merchant. */
export interface ApiKey {
  /** RFC 7638 JWK thumbprint of the public key: what the JWT header's `kid` names (Gr4vy's convention). */
  kid: string;
  /** Merchant accounts this key may act for; `*` means all (an admin key). */
  merchantAccountIds: string[];
  publicJwk: PublicJwk;
  /** What the merchant called it (keys made in the dashboard); null for keys made by the CLI. */
  name?: string | null;
  /** The most its tokens may do (see `withinCeiling`); null for keys made by the CLI, which are not bounded. */
  scopes?: string[] | null;
  /** When a token it signed was last accepted, to the minute (`LAST_USE_RECORDED_EVERY_MS`); null if never. */
  lastUsedAt?: Date | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Active keys one merchant account may hold: enough to rotate every backend, few enough to audit by eye. */
export const MAX_ACTIVE_API_KEYS_PER_MERCHANT = 25;

/** How stale "last used" may be: a busy key is written at most this often, not on every request. */
export const LAST_USE_RECORDED_EVERY_MS = 60_000;
