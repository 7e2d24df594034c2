import { z } from 'zod';
import { uuid } from '../schemas/common';

/** What every buyer route shares: the buyer's path parameter and the scopes that read and write buyers. */
export const buyerParams = z.object({ buyer_id: uuid });
export const buyersRead = { scope: 'buyers.read' };
export const buyersWrite = { scope: 'buyers.write' };
