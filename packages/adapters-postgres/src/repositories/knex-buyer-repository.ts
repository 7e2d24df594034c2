import {
  type Buyer,
  BuyerExternalIdentifierTakenError,
  type BuyerListQuery,
  BuyerNotFoundError,
  type BuyerRepository,
  type BuyerShippingDetails,
  type ContactDetails,
  type Page,
} from '@kessai/domain';
import type { Knex } from 'knex';
import { keysetPage } from './keyset-page';
import { isForeignKeyViolation, isUniqueViolation, translated, translatePgError } from './pg-errors';

interface BuyerRow {
  id: string;
  merchant_account_id: string;
  display_name: string | null;
  external_identifier: string | null;
  account_number: string | null;
  billing_details: ContactDetails | null;
  created_at: Date;
  updated_at: Date;
}

interface ShippingRow {
  id: string;
  buyer_id: string;
  merchant_account_id: string;
  details: ContactDetails;
  created_at: Date;
  updated_at: Date;
}

const toBuyerRow = (buyer: Buyer) => ({
  id: buyer.id,
  merchant_account_id: buyer.merchantAccountId,
  display_name: buyer.displayName,
  external_identifier: buyer.externalIdentifier,
  account_number: buyer.accountNumber,
  billing_details: buyer.billingDetails ? JSON.stringify(buyer.billingDetails) : null,
  created_at: buyer.createdAt,
  updated_at: buyer.updatedAt,
});

const fromBuyerRow = (row: BuyerRow): Buyer => ({
  id: row.id,
  merchantAccountId: row.merchant_account_id,
  displayName: row.display_name,
  externalIdentifier: row.external_identifier,
  accountNumber: row.account_number,
  billingDetails: row.billing_details,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toShippingRow = (d: BuyerShippingDetails) => {
  const { id, buyerId, merchantAccountId, createdAt, updatedAt, ...details } = d;
  return {
    id,
    buyer_id: buyerId,
    merchant_account_id: merchantAccountId,
    details: JSON.stringify(details),
    created_at: createdAt,
    updated_at: updatedAt,
  };
};

const fromShippingRow = (row: ShippingRow): BuyerShippingDetails => ({
  ...row.details,
  id: row.id,
  buyerId: row.buyer_id,
  merchantAccountId: row.merchant_account_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Buyers and their shipping details; the external identifier is unique per merchant (a partial unique index). */
export class KnexBuyerRepository implements BuyerRepository {
  constructor(private readonly knex: Knex) {}

  async add(buyer: Buyer): Promise<void> {
    await this.keepingExternalIdentifierUnique(buyer, () => this.knex('buyers').insert(toBuyerRow(buyer)));
  }

  async get(merchantAccountId: string, id: string): Promise<Buyer | undefined> {
    const row = await this.knex<BuyerRow>('buyers').where({ id, merchant_account_id: merchantAccountId }).first();
    return row && fromBuyerRow(row);
  }

  async findByExternalIdentifier(merchantAccountId: string, externalIdentifier: string): Promise<Buyer | undefined> {
    const row = await this.knex<BuyerRow>('buyers')
      .where({ merchant_account_id: merchantAccountId, external_identifier: externalIdentifier })
      .first();
    return row && fromBuyerRow(row);
  }

  async list(merchantAccountId: string, query: BuyerListQuery): Promise<Page<Buyer>> {
    const q = this.knex<BuyerRow>('buyers').where({ merchant_account_id: merchantAccountId });
    if (query.externalIdentifier !== undefined) q.where('external_identifier', query.externalIdentifier);
    const search = query.search?.toLowerCase();
    if (search !== undefined) {
      q.where((or) =>
        or
          .whereRaw('lower(display_name) = ?', [search])
          .orWhereRaw('lower(external_identifier) = ?', [search])
          .orWhereRaw("lower(billing_details->>'emailAddress') = ?", [search]),
      );
    }
    const page = await keysetPage<BuyerRow>(q, 'updated_at', query.limit, query.cursor);
    return { ...page, items: page.items.map(fromBuyerRow) };
  }

  async update(buyer: Buyer): Promise<void> {
    const { id, merchant_account_id, created_at, ...changed } = toBuyerRow(buyer);
    await this.keepingExternalIdentifierUnique(buyer, () =>
      this.knex('buyers').where({ id, merchant_account_id }).update(changed),
    );
  }

  async remove(merchantAccountId: string, id: string): Promise<boolean> {
    return this.knex.transaction(async (trx) => {
      await trx('buyer_shipping_details').where({ buyer_id: id, merchant_account_id: merchantAccountId }).delete();
      return (await trx('buyers').where({ id, merchant_account_id: merchantAccountId }).delete()) > 0;
    });
  }

  /** The partial unique index decides between racing writers; the loser is told which buyer won. */
  private async keepingExternalIdentifierUnique(buyer: Buyer, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      const taken = buyer.externalIdentifier;
      if (taken === null || !isUniqueViolation(error, 'buyers_external_identifier')) throw translatePgError(error);
      const holder = await this.findByExternalIdentifier(buyer.merchantAccountId, taken);
      throw new BuyerExternalIdentifierTakenError(taken, holder?.id);
    }
  }

  async addShippingDetails(details: BuyerShippingDetails): Promise<void> {
    const row = toShippingRow(details);
    let inserted: number;
    try {
      // Only under the merchant's own buyer (the foreign key alone would take another merchant's).
      const result = await translated(() =>
        this.knex.raw(
          `INSERT INTO buyer_shipping_details (id, buyer_id, merchant_account_id, details, created_at, updated_at)
           SELECT ?, ?, ?, ?::jsonb, ?, ?
           WHERE EXISTS (SELECT 1 FROM buyers WHERE id = ? AND merchant_account_id = ?)`,
          [
            row.id,
            row.buyer_id,
            row.merchant_account_id,
            row.details,
            row.created_at,
            row.updated_at,
            row.buyer_id,
            row.merchant_account_id,
          ],
        ),
      );
      inserted = (result as { rowCount: number }).rowCount;
    } catch (error) {
      // The buyer was there when the insert looked, and removed by a transaction that committed before it.
      if (!isForeignKeyViolation(error)) throw error;
      inserted = 0;
    }
    if (inserted === 0) throw new BuyerNotFoundError(`buyer ${details.buyerId} was not found`);
  }

  async listShippingDetails(merchantAccountId: string, buyerId: string): Promise<BuyerShippingDetails[]> {
    const rows = await this.knex<ShippingRow>('buyer_shipping_details')
      .where({ merchant_account_id: merchantAccountId, buyer_id: buyerId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return rows.map(fromShippingRow);
  }

  async getShippingDetails(
    merchantAccountId: string,
    buyerId: string,
    id: string,
  ): Promise<BuyerShippingDetails | undefined> {
    const row = await this.knex<ShippingRow>('buyer_shipping_details')
      .where({ id, buyer_id: buyerId, merchant_account_id: merchantAccountId })
      .first();
    return row && fromShippingRow(row);
  }

  async updateShippingDetails(details: BuyerShippingDetails): Promise<void> {
    const { id, buyer_id, merchant_account_id, created_at, ...changed } = toShippingRow(details);
    await this.knex('buyer_shipping_details').where({ id, buyer_id, merchant_account_id }).update(changed);
  }

  async removeShippingDetails(merchantAccountId: string, buyerId: string, id: string): Promise<boolean> {
    const removed = await this.knex('buyer_shipping_details')
      .where({ id, buyer_id: buyerId, merchant_account_id: merchantAccountId })
      .delete();
    return removed > 0;
  }
}
