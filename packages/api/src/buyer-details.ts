import { toPersonDetails } from './buyer-presenters';
import type { StoredBuyerDetails } from './create-command';
import type { CreateTransactionBody } from './schemas/transaction-create';
import type { ApiServices } from './services';

/**
 * The stored buyer a create request names (`buyer_id` or `buyer_external_identifier`, at the top or in
 * `payment_method`), as `ResolveTransactionBuyer` finds it. Inline `buyer` / `shipping_details` in the same request
 * win over the stored ones.
 */
export async function storedBuyerDetails(
  services: Pick<ApiServices, 'resolveTransactionBuyer'>,
  merchantAccountId: string,
  body: CreateTransactionBody,
): Promise<StoredBuyerDetails | undefined> {
  const resolved = await services.resolveTransactionBuyer.execute(merchantAccountId, {
    buyerId: body.buyer_id ?? body.payment_method.buyer_id ?? undefined,
    externalIdentifier: body.buyer_external_identifier ?? body.payment_method.buyer_external_identifier ?? undefined,
    shippingDetailsId: body.shipping_details_id ?? undefined,
    guestBuyer: Boolean(body.buyer),
  });
  if (!resolved) return undefined;
  const { buyer, shippingDetails } = resolved;
  return {
    billingDetails: toPersonDetails(buyer.billingDetails),
    shippingDetails: toPersonDetails(shippingDetails ?? null),
    buyer: {
      id: buyer.id,
      displayName: buyer.displayName,
      externalIdentifier: buyer.externalIdentifier,
      accountNumber: buyer.accountNumber,
    },
  };
}
