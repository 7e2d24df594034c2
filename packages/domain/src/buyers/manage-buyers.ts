import { BuyerNotFoundError } from '../errors';
import type { Clock } from '../shared/clock';
import type { IdGenerator } from '../shared/id-generator';
import type { Page } from '../transactions/ports/transaction-repository';
import type { Buyer } from './buyer';
import { buyerOf } from './buyer-of';
import type { BuyerListQuery, BuyerRepository } from './buyer-repository';

/** What a merchant says about a buyer; the rest (id, owner, times) is Kessai's. */
export type BuyerDetails = Pick<Buyer, 'displayName' | 'externalIdentifier' | 'accountNumber' | 'billingDetails'>;

/** A change to a buyer: an undefined field keeps its value, null clears it. */
export type BuyerChanges = { [K in keyof BuyerDetails]?: BuyerDetails[K] | undefined };

/**
 * Store, change, read and remove a merchant's buyers, every call scoped by merchant account. The repository keeps
 * external identifiers unique (`BuyerExternalIdentifierTakenError`): a look before the write would race.
 */
export class ManageBuyers {
  constructor(private readonly deps: { buyers: BuyerRepository; clock: Clock; ids: IdGenerator }) {}

  async create(merchantAccountId: string, details: BuyerDetails): Promise<Buyer> {
    const now = this.deps.clock.now();
    const buyer: Buyer = { id: this.deps.ids.uuid(), merchantAccountId, ...details, createdAt: now, updatedAt: now };
    await this.deps.buyers.add(buyer);
    return buyer;
  }

  get(merchantAccountId: string, id: string): Promise<Buyer> {
    return buyerOf(this.deps.buyers, merchantAccountId, id);
  }

  list(merchantAccountId: string, query: BuyerListQuery): Promise<Page<Buyer>> {
    return this.deps.buyers.list(merchantAccountId, query);
  }

  async update(merchantAccountId: string, id: string, changes: BuyerChanges): Promise<Buyer> {
    const current = await this.get(merchantAccountId, id);
    const updated: Buyer = {
      ...current,
      displayName: changes.displayName === undefined ? current.displayName : changes.displayName,
      externalIdentifier:
        changes.externalIdentifier === undefined ? current.externalIdentifier : changes.externalIdentifier,
      accountNumber: changes.accountNumber === undefined ? current.accountNumber : changes.accountNumber,
      billingDetails: changes.billingDetails === undefined ? current.billingDetails : changes.billingDetails,
      updatedAt: this.deps.clock.now(),
    };
    await this.deps.buyers.update(updated);
    return updated;
  }

  /** Removes the buyer and its shipping details; transactions made for it keep their copy. */
  async remove(merchantAccountId: string, id: string): Promise<void> {
    if (!(await this.deps.buyers.remove(merchantAccountId, id)))
      throw new BuyerNotFoundError(`buyer ${id} was not found`);
  }
}
