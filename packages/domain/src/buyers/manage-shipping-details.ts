import { ShippingDetailsNotFoundError } from '../errors';
import type { Clock } from '../shared/clock';
import type { IdGenerator } from '../shared/id-generator';
import type { BuyerShippingDetails, ContactDetails } from './buyer';
import { buyerOf } from './buyer-of';
import type { BuyerRepository } from './buyer-repository';

/** A change to shipping details: an undefined field keeps its value, null clears it, an address replaces it whole. */
export type ShippingDetailsChanges = { [K in keyof ContactDetails]?: ContactDetails[K] | undefined };

const keep = <T>(change: T | undefined, current: T): T => (change === undefined ? current : change);

/**
 * Add, read, change and remove a stored buyer's shipping details, every call scoped by merchant account and
 * buyer: the buyer is looked for first, so a missing buyer answers as such before its details are.
 */
export class ManageShippingDetails {
  constructor(private readonly deps: { buyers: BuyerRepository; clock: Clock; ids: IdGenerator }) {}

  /** The repository refuses the add if the buyer was removed meanwhile: the look first does not guard that race. */
  async add(merchantAccountId: string, buyerId: string, contact: ContactDetails): Promise<BuyerShippingDetails> {
    const buyer = await buyerOf(this.deps.buyers, merchantAccountId, buyerId);
    const now = this.deps.clock.now();
    const details: BuyerShippingDetails = {
      ...contact,
      id: this.deps.ids.uuid(),
      buyerId: buyer.id,
      merchantAccountId,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.buyers.addShippingDetails(details);
    return details;
  }

  /** Oldest first. */
  async list(merchantAccountId: string, buyerId: string): Promise<BuyerShippingDetails[]> {
    await buyerOf(this.deps.buyers, merchantAccountId, buyerId);
    return this.deps.buyers.listShippingDetails(merchantAccountId, buyerId);
  }

  async get(merchantAccountId: string, buyerId: string, id: string): Promise<BuyerShippingDetails> {
    await buyerOf(this.deps.buyers, merchantAccountId, buyerId);
    const details = await this.deps.buyers.getShippingDetails(merchantAccountId, buyerId, id);
    if (!details) throw new ShippingDetailsNotFoundError(`shipping details ${id} were not found`);
    return details;
  }

  async update(
    merchantAccountId: string,
    buyerId: string,
    id: string,
    changes: ShippingDetailsChanges,
  ): Promise<BuyerShippingDetails> {
    const current = await this.get(merchantAccountId, buyerId, id);
    const updated: BuyerShippingDetails = {
      ...current,
      firstName: keep(changes.firstName, current.firstName),
      lastName: keep(changes.lastName, current.lastName),
      emailAddress: keep(changes.emailAddress, current.emailAddress),
      phoneNumber: keep(changes.phoneNumber, current.phoneNumber),
      address: keep(changes.address, current.address),
      updatedAt: this.deps.clock.now(),
    };
    await this.deps.buyers.updateShippingDetails(updated);
    return updated;
  }

  /** Details removed meanwhile by another call are gone either way: that is what was asked. */
  async remove(merchantAccountId: string, buyerId: string, id: string): Promise<void> {
    await this.get(merchantAccountId, buyerId, id);
    await this.deps.buyers.removeShippingDetails(merchantAccountId, buyerId, id);
  }
}
