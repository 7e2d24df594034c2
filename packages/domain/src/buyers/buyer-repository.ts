import type { Page } from '../transactions/ports/transaction-repository';
import type { Buyer, BuyerShippingDetails } from './buyer';

export interface BuyerListQuery {
  limit: number;
  cursor?: string | undefined;
  externalIdentifier?: string | undefined;
  /** Exact match on display name, external identifier or billing email (case-insensitive). */
  search?: string | undefined;
}

/**
 * Stored buyers and their shipping details, scoped by merchant account. `add`/`update` throw
 * `BuyerExternalIdentifierTakenError` when another buyer of the merchant has the external identifier, atomically:
 * of concurrent writes of one identifier, one wins.
 */
export interface BuyerRepository {
  add(buyer: Buyer): Promise<void>;
  get(merchantAccountId: string, id: string): Promise<Buyer | undefined>;
  findByExternalIdentifier(merchantAccountId: string, externalIdentifier: string): Promise<Buyer | undefined>;
  /** Newest updated first. */
  list(merchantAccountId: string, query: BuyerListQuery): Promise<Page<Buyer>>;
  update(buyer: Buyer): Promise<void>;
  /** Removes the buyer and its shipping details; false if there was none. Transactions keep their copy. */
  remove(merchantAccountId: string, id: string): Promise<boolean>;
  /** Throws `BuyerNotFoundError` when the buyer is not the merchant's, or was removed meanwhile. */
  addShippingDetails(details: BuyerShippingDetails): Promise<void>;
  listShippingDetails(merchantAccountId: string, buyerId: string): Promise<BuyerShippingDetails[]>;
  getShippingDetails(merchantAccountId: string, buyerId: string, id: string): Promise<BuyerShippingDetails | undefined>;
  updateShippingDetails(details: BuyerShippingDetails): Promise<void>;
  removeShippingDetails(merchantAccountId: string, buyerId: string, id: string): Promise<boolean>;
}
