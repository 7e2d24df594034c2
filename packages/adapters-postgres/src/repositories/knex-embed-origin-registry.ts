import type { EmbedOriginRegistry } from '@kessai/domain';
import type { Knex } from 'knex';

export class KnexEmbedOriginRegistry implements EmbedOriginRegistry {
  constructor(private readonly knex: Knex) {}

  async replace(merchantAccountId: string, origins: readonly string[], at: Date): Promise<void> {
    await this.knex.transaction(async (trx) => {
      await trx('embed_origins').where({ merchant_account_id: merchantAccountId }).delete();
      if (origins.length)
        await trx('embed_origins').insert(
          origins.map((origin, position) => ({
            merchant_account_id: merchantAccountId,
            origin,
            position,
            created_at: at,
          })),
        );
    });
  }

  async list(merchantAccountId: string): Promise<string[]> {
    const rows: Array<{ origin: string }> = await this.knex('embed_origins')
      .where({ merchant_account_id: merchantAccountId })
      .orderBy('position')
      .select('origin');
    return rows.map((row) => row.origin);
  }

  async isRegistered(origin: string): Promise<boolean> {
    return Boolean(await this.knex('embed_origins').where({ origin }).first('origin'));
  }
}
