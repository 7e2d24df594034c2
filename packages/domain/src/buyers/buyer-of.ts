import { BuyerNotFoundError } from '../errors';
import type { Buyer } from './buyer';
import type { BuyerRepository } from './buyer-repository';

/** The merchant's buyer, else `BuyerNotFoundError`: another merchant's buyer is not found either, so ids never leak. */
export async function buyerOf(buyers: BuyerRepository, merchantAccountId: string, id: string): Promise<Buyer> {
  const buyer = await buyers.get(merchantAccountId, id);
  if (!buyer) throw new BuyerNotFoundError(`buyer ${id} was not found`);
  return buyer;
}
