import type { Buyer, BuyerShippingDetails } from '../buyers/buyer';
import type { BuyerListQuery, BuyerRepository } from '../buyers/buyer-repository';
import { BuyerExternalIdentifierTakenError, BuyerNotFoundError, DuplicateRecordError } from '../errors';
import type { Page } from '../transactions/ports/transaction-repository';
import { keysetPage } from './keyset-page';

export class InMemoryBuyerRepository implements BuyerRepository {
  private readonly buyers = new Map<string, Buyer>();
  private readonly shipping = new Map<string, BuyerShippingDetails>();

  async add(buyer: Buyer): Promise<void> {
    if (this.buyers.has(buyer.id)) throw new DuplicateRecordError(`buyer ${buyer.id} already exists`);
    this.assertUniqueExternalIdentifier(buyer);
    this.buyers.set(buyer.id, structuredClone(buyer));
  }

  async get(merchantAccountId: string, id: string): Promise<Buyer | undefined> {
    const buyer = this.buyers.get(id);
    return buyer?.merchantAccountId === merchantAccountId ? structuredClone(buyer) : undefined;
  }

  async findByExternalIdentifier(merchantAccountId: string, externalIdentifier: string): Promise<Buyer | undefined> {
    const buyer = [...this.buyers.values()].find(
      (b) => b.merchantAccountId === merchantAccountId && b.externalIdentifier === externalIdentifier,
    );
    return buyer && structuredClone(buyer);
  }

  async list(merchantAccountId: string, query: BuyerListQuery): Promise<Page<Buyer>> {
    const search = query.search?.toLowerCase();
    const rows = [...this.buyers.values()].filter(
      (b) =>
        b.merchantAccountId === merchantAccountId &&
        (query.externalIdentifier === undefined || b.externalIdentifier === query.externalIdentifier) &&
        (search === undefined ||
          [b.displayName, b.externalIdentifier, b.billingDetails?.emailAddress].some(
            (v) => v?.toLowerCase() === search,
          )),
    );
    return keysetPage(rows, (b) => b.updatedAt, query.limit, query.cursor);
  }

  async update(buyer: Buyer): Promise<void> {
    if (!this.buyers.has(buyer.id)) return;
    this.assertUniqueExternalIdentifier(buyer);
    this.buyers.set(buyer.id, structuredClone(buyer));
  }

  async remove(merchantAccountId: string, id: string): Promise<boolean> {
    if (!(await this.get(merchantAccountId, id))) return false;
    this.buyers.delete(id);
    for (const [key, details] of this.shipping) if (details.buyerId === id) this.shipping.delete(key);
    return true;
  }

  async addShippingDetails(details: BuyerShippingDetails): Promise<void> {
    if (!(await this.get(details.merchantAccountId, details.buyerId)))
      throw new BuyerNotFoundError(`buyer ${details.buyerId} was not found`);
    if (this.shipping.has(details.id)) throw new DuplicateRecordError(`shipping details ${details.id} already exist`);
    this.shipping.set(details.id, structuredClone(details));
  }

  async listShippingDetails(merchantAccountId: string, buyerId: string): Promise<BuyerShippingDetails[]> {
    return [...this.shipping.values()]
      .filter((d) => d.merchantAccountId === merchantAccountId && d.buyerId === buyerId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((d) => structuredClone(d));
  }

  async getShippingDetails(
    merchantAccountId: string,
    buyerId: string,
    id: string,
  ): Promise<BuyerShippingDetails | undefined> {
    const details = this.shipping.get(id);
    return details?.merchantAccountId === merchantAccountId && details.buyerId === buyerId
      ? structuredClone(details)
      : undefined;
  }

  async updateShippingDetails(details: BuyerShippingDetails): Promise<void> {
    if (this.shipping.has(details.id)) this.shipping.set(details.id, structuredClone(details));
  }

  async removeShippingDetails(merchantAccountId: string, buyerId: string, id: string): Promise<boolean> {
    if (!(await this.getShippingDetails(merchantAccountId, buyerId, id))) return false;
    return this.shipping.delete(id);
  }

  /** Checked and written with no await between, so concurrent writes cannot both pass: the index's job in SQL. */
  private assertUniqueExternalIdentifier(buyer: Buyer): void {
    if (buyer.externalIdentifier === null) return;
    for (const other of this.buyers.values()) {
      if (
        other.id !== buyer.id &&
        other.merchantAccountId === buyer.merchantAccountId &&
        other.externalIdentifier === buyer.externalIdentifier
      )
        throw new BuyerExternalIdentifierTakenError(buyer.externalIdentifier, other.id);
    }
  }
}
