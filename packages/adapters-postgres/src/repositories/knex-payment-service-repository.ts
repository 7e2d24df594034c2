import type { PaymentService, PaymentServiceRepository } from '@kessai/domain';
import type { Knex } from 'knex';
import type { CredentialCipher } from './credential-cipher';
import { translated } from './pg-errors';

interface Row {
  id: string;
  merchant_account_id: string;
  connector: string;
  display_name: string;
  active: boolean;
  credentials_key_id: string;
  credentials_iv: Buffer;
  credentials_tag: Buffer;
  credentials_ciphertext: Buffer;
  provider_webhook_endpoint_id: string | null;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Connections with their credentials sealed (AES-256-GCM): the table never holds a secret in the clear. */
export class KnexPaymentServiceRepository implements PaymentServiceRepository {
  constructor(
    private readonly knex: Knex,
    private readonly cipher: CredentialCipher,
  ) {}

  async add(service: PaymentService): Promise<void> {
    await translated(async () => {
      await this.knex('payment_services').insert({
        id: service.id,
        merchant_account_id: service.merchantAccountId,
        connector: service.connector,
        ...this.changeableColumns(service),
        created_at: service.createdAt,
      });
    });
  }

  async update(service: PaymentService): Promise<void> {
    await translated(async () => {
      await this.knex('payment_services').where({ id: service.id }).update(this.changeableColumns(service));
    });
  }

  async get(merchantAccountId: string, id: string): Promise<PaymentService | undefined> {
    const row = await this.knex<Row>('payment_services').where({ id, merchant_account_id: merchantAccountId }).first();
    return row && this.toService(row);
  }

  async findById(id: string): Promise<PaymentService | undefined> {
    const row = await this.knex<Row>('payment_services').where({ id }).first();
    return row && this.toService(row);
  }

  async list(merchantAccountId: string): Promise<PaymentService[]> {
    const rows = await this.knex<Row>('payment_services')
      .where({ merchant_account_id: merchantAccountId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return rows.map((row) => this.toService(row));
  }

  async listActive(): Promise<PaymentService[]> {
    const rows = await this.knex<Row>('payment_services')
      .where({ active: true, deleted_at: null })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return rows.map((row) => this.toService(row));
  }

  async findDefault(merchantAccountId: string, connector: string): Promise<PaymentService | undefined> {
    const row = await this.knex<Row>('payment_services')
      .where({ merchant_account_id: merchantAccountId, connector, active: true, deleted_at: null })
      .orderBy([{ column: 'created_at' }, { column: 'id' }])
      .first();
    return row && this.toService(row);
  }

  /** Everything but the identity and creation time, credentials sealed anew: what insert and update both write. */
  private changeableColumns(service: PaymentService) {
    const sealed = this.cipher.seal(service.credentials);
    return {
      display_name: service.displayName,
      active: service.active,
      credentials_key_id: sealed.keyId,
      credentials_iv: sealed.iv,
      credentials_tag: sealed.tag,
      credentials_ciphertext: sealed.ciphertext,
      provider_webhook_endpoint_id: service.providerWebhookEndpointId,
      deleted_at: service.deletedAt ?? null,
      updated_at: service.updatedAt,
    };
  }

  private toService(row: Row): PaymentService {
    return {
      id: row.id,
      merchantAccountId: row.merchant_account_id,
      connector: row.connector,
      displayName: row.display_name,
      active: row.active,
      credentials: this.cipher.open({
        keyId: row.credentials_key_id,
        iv: row.credentials_iv,
        tag: row.credentials_tag,
        ciphertext: row.credentials_ciphertext,
      }),
      providerWebhookEndpointId: row.provider_webhook_endpoint_id,
      ...(row.deleted_at ? { deletedAt: row.deleted_at } : {}),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
