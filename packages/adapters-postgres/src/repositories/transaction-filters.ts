import type { AttentionFilter, TransactionListQuery } from '@kessai/domain';
import type { Knex } from 'knex';
import { isTransactionId } from './transaction-sql';

/** The columns the activity filters name: `transactions`' own, or the list's `transaction_activity` (migration 017). */
export interface ActivityColumns {
  status: string;
  createdAt: string;
  updatedAt: string;
  errorCode: string;
}

const OWN_COLUMNS: ActivityColumns = {
  status: 'status',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  errorCode: 'error_code',
};

/** Gr4vy's list filters as SQL on `transactions`; migration 005 indexes the ones a merchant uses at scale. */
export function applyFilters(
  q: Knex.QueryBuilder,
  query: TransactionListQuery,
  activity: ActivityColumns = OWN_COLUMNS,
): void {
  if (query.statuses?.length) q.whereIn(activity.status, [...query.statuses]);
  if (query.externalIdentifier !== undefined) q.where('external_identifier', query.externalIdentifier);
  if (query.createdAtGte) q.where(activity.createdAt, '>=', query.createdAtGte);
  if (query.createdAtLte) q.where(activity.createdAt, '<=', query.createdAtLte);
  if (query.updatedAtGte) q.where(activity.updatedAt, '>=', query.updatedAtGte);
  if (query.updatedAtLte) q.where(activity.updatedAt, '<=', query.updatedAtLte);
  if (query.amountEq !== undefined) q.where('amount', query.amountEq);
  if (query.amountGte !== undefined) q.where('amount', '>=', query.amountGte);
  if (query.amountLte !== undefined) q.where('amount', '<=', query.amountLte);
  if (query.metadata && Object.keys(query.metadata).length)
    q.whereRaw('metadata @> ?::jsonb', [JSON.stringify(query.metadata)]);
  if (query.attention) applyAttentionFilter(q, query.attention, activity);
  applyReferenceFilters(q, query, activity.errorCode);
}

/**
 * The domain's `needsAttention` over the rows; the same conditions as the overview's attention counts
 * (`knex-transaction-analytics.ts`), so a count and its list agree.
 */
function applyAttentionFilter(
  q: Knex.QueryBuilder,
  { kind, now, unresolvedBefore, expiringBefore }: AttentionFilter,
  activity: ActivityColumns,
): void {
  const refunds = `SELECT 1 FROM refunds r WHERE r.transaction_id = transactions.id AND r.status = 'processing'
    AND NOT r.external`;
  switch (kind) {
    case 'unknown_outcome':
      q.where((or) =>
        or
          .where((both) =>
            both.where(activity.status, 'authorization_void_pending').where(activity.updatedAt, '<=', unresolvedBefore),
          )
          .orWhereRaw(
            `EXISTS (SELECT 1 FROM captures c WHERE c.transaction_id = transactions.id AND c.status = 'pending'
              AND c.updated_at <= ?)`,
            [unresolvedBefore],
          )
          .orWhereRaw(`EXISTS (${refunds} AND r.refunded_at_provider = 0 AND r.updated_at <= ?)`, [unresolvedBefore]),
      );
      return;
    case 'partly_made_refund':
      q.whereRaw(`EXISTS (${refunds} AND r.refunded_at_provider > 0)`);
      return;
    case 'expiring_approval':
      q.whereIn(activity.status, ['processing', 'buyer_approval_pending'])
        .where('approval_expires_at', '>', now)
        .where('approval_expires_at', '<=', expiringBefore);
      return;
  }
}

/** The billing email as migrations 006 (equality) and 012 (a part of it, pg_trgm) index it. */
const EMAIL = "lower(billing_details->>'emailAddress')";

function applyReferenceFilters(q: Knex.QueryBuilder, query: TransactionListQuery, errorCode: string): void {
  if (query.id !== undefined) q.where('id', query.id);
  if (query.reconciliationId !== undefined) q.where('reconciliation_id', query.reconciliationId);
  if (query.providerOrderId !== undefined) q.where('provider_transaction_id', query.providerOrderId);
  if (query.buyerEmailAddresses?.length) {
    const emails = query.buyerEmailAddresses.map((email) => email.toLowerCase());
    q.whereRaw(`${EMAIL} = ANY(?::text[])`, [emails]);
  }
  if (query.buyerId !== undefined) q.whereRaw("buyer->>'id' = ?", [query.buyerId]);
  if (query.buyerExternalIdentifier !== undefined)
    q.whereRaw("buyer->>'externalIdentifier' = ?", [query.buyerExternalIdentifier]);
  if (query.currencies?.length) q.whereIn('currency', [...query.currencies]);
  if (query.countries?.length) q.whereIn('country', [...query.countries]);
  if (query.paymentServiceIds?.length) q.whereIn('payment_service_id', [...query.paymentServiceIds]);
  if (query.errorCodes?.length) q.whereIn(errorCode, [...query.errorCodes]);
  if (query.hasRefunds !== undefined) {
    const refunds = 'SELECT 1 FROM refunds r WHERE r.transaction_id = transactions.id';
    q.whereRaw(query.hasRefunds ? `EXISTS (${refunds})` : `NOT EXISTS (${refunds})`);
  }
  const term = query.search;
  if (term !== undefined) {
    q.where((or) => {
      if (isTransactionId(term)) or.orWhere('id', term);
      const part = `%${likeLiteral(term.toLowerCase())}%`;
      or.orWhere('reconciliation_id', term)
        .orWhere('provider_transaction_id', term)
        .orWhereRaw(`${EXTERNAL_ID} LIKE ?`, [part])
        .orWhereRaw(`${EMAIL} LIKE ?`, [part]);
    });
  }
}

/** The external identifier as migration 012 indexes it for a search by part (pg_trgm). */
const EXTERNAL_ID = 'lower(external_identifier)';

/** `text` as a LIKE pattern that matches only itself: `%`, `_` and the escape character `\` lose their meaning. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
