import type { Buyer } from '@kessai/domain';
import { ApiError } from './api-error';
import { toPersonDetails } from './buyer-presenters';
import type { StoredBuyerDetails } from './create-command';
import type { CreateTransactionBody } from './schemas/transaction-create';
import type { ApiServices } from './services';

const invalid = (pointer: string, message: string) =>
  ApiError.badRequest(message, [{ location: 'body', pointer, message, type: 'value_error' }]);

/**
 * The stored buyer a create request names (`buyer_id` or `buyer_external_identifier`, at the top or in
 * `payment_method`), with the shipping details it takes: `shipping_details_id`, else the buyer's only stored
 * shipping details. Inline `buyer` / `shipping_details` in the same request win over the stored ones.
 */
export async function storedBuyerDetails(
  services: Pick<ApiServices, 'buyers'>,
  merchantAccountId: string,
  body: CreateTransactionBody,
): Promise<StoredBuyerDetails | undefined> {
  const buyerId = body.buyer_id ?? body.payment_method.buyer_id ?? undefined;
  const externalIdentifier =
    body.buyer_external_identifier ?? body.payment_method.buyer_external_identifier ?? undefined;
  if (!buyerId && !externalIdentifier) {
    if (body.shipping_details_id) throw invalid('/shipping_details_id', 'shipping_details_id needs a buyer_id');
    return undefined;
  }
  if (buyerId && externalIdentifier)
    throw invalid('/buyer_external_identifier', 'give buyer_id or buyer_external_identifier, not both');
  if (body.buyer) throw invalid('/buyer', 'give a stored buyer (buyer_id) or a guest buyer (buyer), not both');
  let buyer: Buyer | undefined;
  if (buyerId) buyer = await services.buyers.get(merchantAccountId, buyerId);
  else if (externalIdentifier)
    buyer = await services.buyers.findByExternalIdentifier(merchantAccountId, externalIdentifier);
  if (!buyer) {
    const pointer = buyerId ? '/buyer_id' : '/buyer_external_identifier';
    throw invalid(pointer, `no buyer ${buyerId ?? externalIdentifier} is stored for this merchant account`);
  }
  let shipping = undefined as Awaited<ReturnType<ApiServices['buyers']['getShippingDetails']>>;
  if (body.shipping_details_id) {
    shipping = await services.buyers.getShippingDetails(merchantAccountId, buyer.id, body.shipping_details_id);
    if (!shipping) throw invalid('/shipping_details_id', 'the buyer has no such shipping details');
  } else {
    const stored = await services.buyers.listShippingDetails(merchantAccountId, buyer.id);
    if (stored.length === 1) shipping = stored[0];
  }
  return {
    billingDetails: toPersonDetails(buyer.billingDetails),
    shippingDetails: toPersonDetails(shipping ?? null),
    buyer: {
      id: buyer.id,
      displayName: buyer.displayName,
      externalIdentifier: buyer.externalIdentifier,
      accountNumber: buyer.accountNumber,
    },
  };
}
