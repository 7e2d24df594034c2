import { InvalidBuyerReferenceError } from '../errors';
import type { Buyer, BuyerShippingDetails } from './buyer';
import type { BuyerRepository } from './buyer-repository';

/** How a transaction names a stored buyer, and which of its shipping details it takes. */
export interface StoredBuyerReference {
  buyerId?: string | undefined;
  externalIdentifier?: string | undefined;
  shippingDetailsId?: string | undefined;
  /** The transaction also describes a guest buyer of its own. */
  guestBuyer: boolean;
}

/** The stored buyer a transaction is made for, with the shipping details it takes (none when it is ambiguous). */
export interface ResolvedTransactionBuyer {
  buyer: Buyer;
  shippingDetails: BuyerShippingDetails | undefined;
}

/**
 * The stored buyer a transaction names, by id or by external identifier (one way, and not beside a guest buyer),
 * with the shipping details named by id, else the buyer's only stored ones: with several, none is a guess.
 */
export class ResolveTransactionBuyer {
  constructor(private readonly deps: { buyers: BuyerRepository }) {}

  async execute(
    merchantAccountId: string,
    reference: StoredBuyerReference,
  ): Promise<ResolvedTransactionBuyer | undefined> {
    const { buyerId, externalIdentifier, shippingDetailsId } = reference;
    if (!buyerId && !externalIdentifier) {
      if (shippingDetailsId)
        throw new InvalidBuyerReferenceError('shipping_details_id needs a buyer_id', '/shipping_details_id');
      return undefined;
    }
    if (buyerId && externalIdentifier)
      throw new InvalidBuyerReferenceError(
        'give buyer_id or buyer_external_identifier, not both',
        '/buyer_external_identifier',
      );
    if (reference.guestBuyer)
      throw new InvalidBuyerReferenceError(
        'give a stored buyer (buyer_id) or a guest buyer (buyer), not both',
        '/buyer',
      );
    const buyer = await this.buyerNamed(merchantAccountId, buyerId, externalIdentifier);
    return { buyer, shippingDetails: await this.shippingDetailsOf(merchantAccountId, buyer.id, shippingDetailsId) };
  }

  private async buyerNamed(merchantAccountId: string, buyerId?: string, externalIdentifier?: string): Promise<Buyer> {
    const buyer = buyerId
      ? await this.deps.buyers.get(merchantAccountId, buyerId)
      : await this.deps.buyers.findByExternalIdentifier(merchantAccountId, externalIdentifier ?? '');
    if (!buyer)
      throw new InvalidBuyerReferenceError(
        `no buyer ${buyerId ?? externalIdentifier} is stored for this merchant account`,
        buyerId ? '/buyer_id' : '/buyer_external_identifier',
      );
    return buyer;
  }

  private async shippingDetailsOf(
    merchantAccountId: string,
    buyerId: string,
    id: string | undefined,
  ): Promise<BuyerShippingDetails | undefined> {
    if (id) {
      const named = await this.deps.buyers.getShippingDetails(merchantAccountId, buyerId, id);
      if (!named)
        throw new InvalidBuyerReferenceError('the buyer has no such shipping details', '/shipping_details_id');
      return named;
    }
    const stored = await this.deps.buyers.listShippingDetails(merchantAccountId, buyerId);
    return stored.length === 1 ? stored[0] : undefined;
  }
}
