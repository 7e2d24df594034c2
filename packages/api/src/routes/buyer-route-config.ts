import { type Buyer, BuyerNotFoundError } from '@kessai/domain';
import { z } from 'zod';
import { uuid } from '../schemas/common';
import type { ApiServices } from '../services';

export const buyerParams = z.object({ buyer_id: uuid });
export const buyersRead = { scope: 'buyers.read' };
export const buyersWrite = { scope: 'buyers.write' };

/** The merchant's buyer, or 404. */
export async function findBuyer(buyers: ApiServices['buyers'], merchant: string, id: string): Promise<Buyer> {
  const buyer = await buyers.get(merchant, id);
  if (!buyer) throw new BuyerNotFoundError(`buyer ${id} was not found`);
  return buyer;
}
