import { ApiError } from './api-error';
import type { StoredBuyerDetails } from './create-command';
import type { CreateTransactionBody } from './schemas/transaction';
import type { ApiServices } from './services';

/** The stored buyer (and shipping details) a create request names, if it names one. */
export async function storedBuyerDetails(
  _services: ApiServices,
  _merchantAccountId: string,
  body: CreateTransactionBody,
): Promise<StoredBuyerDetails | undefined> {
  const named = (
    [
      ['/buyer_id', body.buyer_id ?? body.payment_method.buyer_id],
      ['/buyer_external_identifier', body.buyer_external_identifier ?? body.payment_method.buyer_external_identifier],
      ['/shipping_details_id', body.shipping_details_id],
    ] as const
  ).find(([, value]) => value);
  if (!named) return undefined;
  throw ApiError.badRequest(`${named[0].slice(1)}: Kessai does not store buyers; send buyer.billing_details`, [
    { location: 'body', pointer: named[0], message: 'stored buyers are not supported', type: 'unsupported_feature' },
  ]);
}
