import { attentionTimes, type TransactionListQuery } from '@kessai/domain';
import type { ListTransactionsQuery } from './schemas/list-query';

/**
 * `undefined` when a filter asks for something Kessai never has: the true answer is no transaction at all. `now`
 * dates the attention filter, as the overview dates its counts.
 */
export function toListQuery(query: ListTransactionsQuery, now: Date): TransactionListQuery | undefined {
  if (query.never) return undefined;
  const statuses = [...(query.status ?? []), ...(query['status[]'] ?? [])];
  const date = (value: string | undefined) => (value ? new Date(value) : undefined);
  return {
    limit: query.limit,
    cursor: query.cursor,
    statuses: statuses.length ? statuses : undefined,
    createdAtGte: date(query.created_at_gte),
    createdAtLte: date(query.created_at_lte),
    updatedAtGte: date(query.updated_at_gte),
    updatedAtLte: date(query.updated_at_lte),
    externalIdentifier: query.external_identifier,
    amountEq: query.amount_eq,
    amountGte: query.amount_gte,
    amountLte: query.amount_lte,
    metadata: query.metadata,
    id: query.id,
    reconciliationId: query.reconciliation_id,
    providerOrderId: query.payment_service_transaction_id,
    buyerEmailAddresses: [
      ...(query.buyer_email_address ? [query.buyer_email_address] : []),
      ...(query.buyer_search ?? []),
    ],
    buyerId: query.buyer_id,
    buyerExternalIdentifier: query.buyer_external_identifier,
    currencies: query.currency,
    countries: [...(query.country ?? []), ...(query.payment_method_country ? [query.payment_method_country] : [])],
    paymentServiceIds: query.payment_service_id,
    errorCodes: query.error_code,
    hasRefunds: query.has_refunds,
    search: query.search,
    attention: query.attention && { ...attentionTimes(now), kind: query.attention },
  };
}
