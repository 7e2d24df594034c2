import type { Page, SubscriptionListQuery, WebhookSubscription, WebhookSubscriptionRepository } from '@kessai/domain';
import type { Knex } from 'knex';
import type { CredentialCipher } from './credential-cipher';
import { keysetPage } from './keyset-page';

interface Row {
  id: string;
  merchant_account_id: string;
  url: string;
  active: boolean;
  event_types: string[] | null;
  secrets_key_id: string;
  secrets_iv: Buffer;
  secrets_tag: Buffer;
  secrets_ciphertext: Buffer;
  previous_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

interface Secrets {
  current: string;
  previous: string | null;
}

/** Subscriptions with their signing secrets sealed (AES-256-GCM); deleted ones are kept, and invisible. */
export class KnexWebhookSubscriptionRepository implements WebhookSubscriptionRepository {
  constructor(
    private readonly knex: Knex,
    private readonly cipher: CredentialCipher,
  ) {}

  async add(subscription: WebhookSubscription, limit?: number): Promise<boolean> {
    const merchant = subscription.merchantAccountId;
    return this.knex.transaction(async (trx) => {
      if (limit !== undefined) {
        // Adds for one merchant account take turns until commit, so two cannot both take the last place.
        await trx.raw(`SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, [
          `kessai.webhook-subscriptions:${merchant}`,
        ]);
        const [held] = await trx('webhook_subscriptions')
          .where({ merchant_account_id: merchant })
          .whereNull('deleted_at')
          .count<Array<{ count: string }>>('* as count');
        if (Number(held?.count ?? 0) >= limit) return false;
      }
      await trx('webhook_subscriptions').insert({
        id: subscription.id,
        merchant_account_id: merchant,
        created_at: subscription.createdAt,
        ...this.mutable(subscription),
      });
      return true;
    });
  }

  async get(merchantAccountId: string, id: string): Promise<WebhookSubscription | undefined> {
    const row = await this.live().where({ id, merchant_account_id: merchantAccountId }).first();
    return row && this.toSubscription(row);
  }

  async list(merchantAccountId: string, query: SubscriptionListQuery): Promise<Page<WebhookSubscription>> {
    const page = await keysetPage<Row>(
      this.live().where({ merchant_account_id: merchantAccountId }),
      'updated_at',
      query.limit,
      query.cursor,
    );
    return { ...page, items: page.items.map((row) => this.toSubscription(row)) };
  }

  async update(subscription: WebhookSubscription): Promise<boolean> {
    const changed = await this.live()
      .where({ id: subscription.id, merchant_account_id: subscription.merchantAccountId })
      .update(this.mutable(subscription));
    return changed === 1;
  }

  async remove(merchantAccountId: string, id: string): Promise<boolean> {
    const changed = await this.live()
      .where({ id, merchant_account_id: merchantAccountId })
      .update({ deleted_at: this.knex.fn.now(), active: false });
    return changed === 1;
  }

  async activeFor(merchantAccountId: string): Promise<WebhookSubscription[]> {
    const rows = await this.live()
      .where({ merchant_account_id: merchantAccountId, active: true })
      .orderBy('created_at');
    return rows.map((row) => this.toSubscription(row));
  }

  private live() {
    return this.knex<Row>('webhook_subscriptions').whereNull('deleted_at');
  }

  private mutable(subscription: WebhookSubscription) {
    const sealed = this.cipher.sealValue({
      current: subscription.secret,
      previous: subscription.previousSecret,
    } satisfies Secrets);
    return {
      url: subscription.url,
      active: subscription.active,
      event_types: subscription.eventTypes,
      secrets_key_id: sealed.keyId,
      secrets_iv: sealed.iv,
      secrets_tag: sealed.tag,
      secrets_ciphertext: sealed.ciphertext,
      previous_secret_expires_at: subscription.previousSecretExpiresAt,
      updated_at: subscription.updatedAt,
    };
  }

  private toSubscription(row: Row): WebhookSubscription {
    const secrets = this.cipher.openValue<Secrets>({
      keyId: row.secrets_key_id,
      iv: row.secrets_iv,
      tag: row.secrets_tag,
      ciphertext: row.secrets_ciphertext,
    });
    return {
      id: row.id,
      merchantAccountId: row.merchant_account_id,
      url: row.url,
      active: row.active,
      eventTypes: row.event_types,
      secret: secrets.current,
      previousSecret: secrets.previous,
      previousSecretExpiresAt: row.previous_secret_expires_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
