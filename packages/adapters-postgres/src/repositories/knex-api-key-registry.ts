import { type ApiKey, type ApiKeyListQuery, type ApiKeyRegistry, type Page, THUMBPRINT_ID } from '@kessai/domain';
import type { Knex } from 'knex';
import { keysetPage } from './keyset-page';

interface Row {
  kid: string;
  merchant_account_ids: string[];
  public_jwk: Record<string, unknown>;
  name: string | null;
  scopes: string[] | null;
  last_used_at: Date | null;
  created_at: Date;
  revoked_at: Date | null;
}

/** Merchants' public keys (JWK), found by thumbprint (`kid`). Private keys are never stored. */
export class KnexApiKeyRegistry implements ApiKeyRegistry {
  constructor(private readonly knex: Knex) {}

  async add(key: ApiKey, limit?: number): Promise<boolean> {
    return this.knex.transaction(async (trx) => {
      if (limit !== undefined) {
        // Adds for the same accounts take turns until commit, so two cannot both take the last place.
        await trx.raw(`SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, [
          `kessai.api-keys:${JSON.stringify(key.merchantAccountIds)}`,
        ]);
        const [held] = await trx('api_keys')
          .whereRaw('merchant_account_ids = ?::text[]', [key.merchantAccountIds])
          .whereNull('revoked_at')
          .count<Array<{ count: string }>>('* as count');
        if (Number(held?.count ?? 0) >= limit) return false;
      }
      await trx('api_keys')
        .insert({
          kid: key.kid,
          merchant_account_ids: key.merchantAccountIds,
          public_jwk: JSON.stringify(key.publicJwk),
          name: key.name ?? null,
          scopes: key.scopes ?? null,
          last_used_at: key.lastUsedAt ?? null,
          created_at: key.createdAt,
          revoked_at: key.revokedAt,
        })
        .onConflict('kid')
        .merge(['merchant_account_ids', 'revoked_at']);
      return true;
    });
  }

  async findByKid(kid: string): Promise<ApiKey | undefined> {
    const row = await this.knex<Row>('api_keys').where({ kid }).first();
    return row && toKey(row);
  }

  async listFor(merchantAccountId: string, query: ApiKeyListQuery): Promise<Page<ApiKey>> {
    // The kid is the key's id; named `id` so the keyset pages every list shares can order and seek by it.
    const own = this.knex<Row>('api_keys')
      .select('*', this.knex.raw('kid AS id'))
      .whereRaw('merchant_account_ids = ARRAY[?]::text[]', [merchantAccountId]);
    const page = await keysetPage<Row & { id: string }>(
      this.knex.from(own.as('own')),
      'created_at',
      query.limit,
      query.cursor,
      THUMBPRINT_ID,
    );
    return { ...page, items: page.items.map(toKey) };
  }

  async rename(kid: string, name: string): Promise<boolean> {
    return (await this.knex('api_keys').where({ kid }).update({ name })) > 0;
  }

  /** One conditional update: of racing processes, the first writes and the rest find it already recent. */
  async recordUse(kid: string, at: Date, unlessSince: Date): Promise<boolean> {
    const written = await this.knex('api_keys')
      .where({ kid })
      .andWhere((recent) => recent.whereNull('last_used_at').orWhere('last_used_at', '<=', unlessSince))
      .update({ last_used_at: at });
    return written > 0;
  }

  async revoke(kid: string, at: Date): Promise<boolean> {
    return (await this.knex('api_keys').where({ kid }).whereNull('revoked_at').update({ revoked_at: at })) > 0;
  }
}

const toKey = (row: Row): ApiKey => ({
  kid: row.kid,
  merchantAccountIds: row.merchant_account_ids,
  publicJwk: row.public_jwk,
  name: row.name,
  scopes: row.scopes,
  lastUsedAt: row.last_used_at,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});
