import type { Knex } from 'knex';

/** The shape @kessai/http's ApiKeyRegistry expects (kept structural: adapters never import the HTTP layer). */
export interface StoredApiKey {
  kid: string;
  merchantAccountIds: string[];
  publicJwk: Record<string, unknown>;
  createdAt: Date;
  revokedAt: Date | null;
}

interface Row {
  kid: string;
  merchant_account_ids: string[];
  public_jwk: Record<string, unknown>;
  created_at: Date;
  revoked_at: Date | null;
}

/** Merchants' public keys (JWK), found by thumbprint (`kid`). Private keys are never stored. */
export class KnexApiKeyRegistry {
  constructor(private readonly knex: Knex) {}

  async add(key: StoredApiKey): Promise<void> {
    await this.knex('api_keys')
      .insert({
        kid: key.kid,
        merchant_account_ids: key.merchantAccountIds,
        public_jwk: JSON.stringify(key.publicJwk),
        created_at: key.createdAt,
        revoked_at: key.revokedAt,
      })
      .onConflict('kid')
      .merge(['merchant_account_ids', 'revoked_at']);
  }

  async findByKid(kid: string): Promise<StoredApiKey | undefined> {
    const row = await this.knex<Row>('api_keys').where({ kid }).first();
    return (
      row && {
        kid: row.kid,
        merchantAccountIds: row.merchant_account_ids,
        publicJwk: row.public_jwk,
        createdAt: row.created_at,
        revokedAt: row.revoked_at,
      }
    );
  }

  async revoke(kid: string, at: Date): Promise<void> {
    await this.knex('api_keys').where({ kid }).update({ revoked_at: at });
  }
}
