import type {
  CreatedTransaction,
  CreationWindow,
  EventWindow,
  Page,
  Refund,
  StoredEvent,
  TransactionListQuery,
  TransactionSummary,
} from '@kessai/domain';
import type { Knex } from 'knex';
import { keysetQuery, keysetRows } from './keyset-page';
import { translated } from './pg-errors';
import { built, query } from './pooled-connection';
import type { RecentState, RecentStates } from './recent-states';
import { columnNames } from './table-columns';
import { EVENT_COLUMNS, REFUND_COLUMNS } from './transaction-columns';
import { applyFilters } from './transaction-filters';
import { storedEvent, storedRefund, transactionSummary } from './transaction-rows';
import { isTransactionId, type LoadedRow, loadedState, loadSql, SUMMARY_COLUMNS } from './transaction-sql';

/** A transaction's summary by id and merchant account. Exported for the benchmark's raw read baseline. */
export const TRANSACTION_SUMMARY_SQL = `SELECT ${SUMMARY_COLUMNS.join(', ')} FROM transactions WHERE id = $1 AND merchant_account_id = $2`;

/** `transaction_activity` as the list joins it to `transactions`, every column renamed so none is ambiguous. */
const LIST_ACTIVITY = `(SELECT id AS a_id, merchant_account_id AS a_merchant_account_id, created_at AS a_created_at,
  updated_at AS a_updated_at, status AS a_status, error_code AS a_error_code FROM transaction_activity) a`;

/**
 * A merchant's list page as one query: ordered and narrowed on the activity row's indexes (migration 017), joined
 * to the wide row for the rest of the filters and the summary's columns.
 */
export function listQuery(knex: Knex, merchantAccountId: string, filters: TransactionListQuery) {
  const q = knex
    .from(knex.raw(LIST_ACTIVITY))
    .join('transactions', 'transactions.id', 'a.a_id')
    .select(knex.raw(SUMMARY_COLUMNS.join(', ')))
    .where({ a_merchant_account_id: merchantAccountId });
  applyFilters(q, filters, {
    status: 'a_status',
    createdAt: 'a_created_at',
    updatedAt: 'a_updated_at',
    errorCode: 'a_error_code',
  });
  const position = keysetQuery(q, 'a_updated_at', filters.limit, filters.cursor, undefined, 'a_id');
  return { q, position };
}

/** The janitor's approvals past their expiry, oldest first. */
export const EXPIRED_APPROVALS_SQL = `SELECT merchant_account_id, id FROM transaction_activity
  WHERE status IN ('processing', 'buyer_approval_pending') AND approval_expires_at <= $1
  ORDER BY approval_expires_at ASC LIMIT $2`;

/** The janitor's pending voids, captures and refunds last touched before $1. */
export const UNRESOLVED_SQL = `SELECT merchant_account_id, id FROM transaction_activity WHERE status = 'authorization_void_pending' AND updated_at <= $1
               UNION SELECT merchant_account_id, transaction_id FROM captures WHERE status = 'pending' AND updated_at <= $1
               UNION SELECT merchant_account_id, transaction_id FROM refunds WHERE status = 'processing' AND updated_at <= $1
               LIMIT $2`;

type Reference = { merchantAccountId: string; id: string };
type ReferenceRow = { merchant_account_id: string; id: string };
const reference = (row: ReferenceRow): Reference => ({ merchantAccountId: row.merchant_account_id, id: row.id });

/** The reads of KnexTransactionRepository. A loaded state is remembered for the next update (`RecentStates`). */
export class TransactionReads {
  constructor(
    private readonly knex: Knex,
    private readonly recent: RecentStates,
  ) {}

  byId(merchantAccountId: string, id: string): Promise<RecentState | undefined> {
    return this.load('kessai_load_by_id_merchant_account_id', 't.id = $1 AND t.merchant_account_id = $2', [
      id,
      merchantAccountId,
    ]);
  }

  /** One row, no children: what a GET shows (a named prepared statement, the hottest read). */
  async summary(merchantAccountId: string, id: string): Promise<TransactionSummary | undefined> {
    if (!isTransactionId(id)) return undefined;
    const [row] = await translated(() =>
      query(this.knex, {
        name: 'kessai_summary_by_id',
        text: TRANSACTION_SUMMARY_SQL,
        values: [id, merchantAccountId],
      }),
    );
    return row && transactionSummary(row);
  }

  byProviderOrderId(paymentServiceId: string, providerOrderId: string) {
    return this.load(
      'kessai_load_by_payment_service_id_provider_transaction_id',
      't.payment_service_id = $1 AND t.provider_transaction_id = $2',
      [paymentServiceId, providerOrderId],
    );
  }

  byProviderCaptureId(paymentServiceId: string, providerCaptureId: string) {
    return this.load(
      'kessai_load_by_provider_capture_id',
      't.payment_service_id = $1 AND t.id IN (SELECT transaction_id FROM captures WHERE provider_capture_id = $2)',
      [paymentServiceId, providerCaptureId],
    );
  }

  async list(merchantAccountId: string, filters: TransactionListQuery): Promise<Page<TransactionSummary>> {
    const { q, position } = listQuery(this.knex, merchantAccountId, filters);
    const rows = await translated(() => query<Record<string, unknown> & { id: string }>(this.knex, built(q)));
    const page = keysetRows(rows, 'updated_at', filters.limit, position);
    return { ...page, items: page.items.map(transactionSummary) };
  }

  async refund(
    merchantAccountId: string,
    refundId: string,
  ): Promise<{ transactionId: string; refund: Refund } | undefined> {
    const [row] = await translated(() =>
      query<Record<string, unknown> & { transaction_id: string }>(this.knex, {
        text: `SELECT transaction_id, ${columnNames(REFUND_COLUMNS).join(', ')} FROM refunds WHERE id = $1 AND merchant_account_id = $2`,
        values: [refundId, merchantAccountId],
      }),
    );
    return row ? { transactionId: row.transaction_id, refund: storedRefund(row) } : undefined;
  }

  /** A keyset read on the (transaction_id, sequence) unique index: a window costs its own size, not the history's. */
  async events(merchantAccountId: string, transactionId: string, window: EventWindow): Promise<StoredEvent[]> {
    const backward = window.before !== undefined;
    const rows = await translated(() =>
      query(this.knex, {
        text: `SELECT ${columnNames(EVENT_COLUMNS).join(', ')} FROM transaction_events
               WHERE transaction_id = $1 AND merchant_account_id = $2
                 AND sequence > $3 AND sequence < $4
               ORDER BY sequence ${backward ? 'DESC' : 'ASC'} LIMIT $5`,
        values: [transactionId, merchantAccountId, window.after ?? 0, window.before ?? 2 ** 31 - 1, window.limit],
      }),
    );
    const events = rows.map(storedEvent);
    return backward ? events.reverse() : events;
  }

  async created(merchantAccountId: string, window: CreationWindow): Promise<CreatedTransaction[]> {
    const { after } = window;
    const rows = await translated(() =>
      query<{ id: string; created_at: Date }>(this.knex, {
        text: `SELECT id, created_at FROM transactions
               WHERE merchant_account_id = $1 AND payment_service_id = $2 AND created_at >= $3 AND created_at < $4
                 ${after ? 'AND (created_at, id) > ($6, $7)' : ''}
               ORDER BY created_at ASC, id ASC LIMIT $5`,
        values: [
          merchantAccountId,
          window.paymentServiceId,
          window.from,
          window.to,
          window.limit,
          ...(after ? [after.createdAt, after.id] : []),
        ],
      }),
    );
    return rows.map((row) => ({ id: row.id, createdAt: row.created_at }));
  }

  async expiredApprovals(now: Date, limit: number): Promise<Reference[]> {
    const rows = await translated(() =>
      query<ReferenceRow>(this.knex, {
        text: EXPIRED_APPROVALS_SQL,
        values: [now, limit],
      }),
    );
    return rows.map(reference);
  }

  async unresolved(before: Date, limit: number): Promise<Reference[]> {
    const rows = await translated(() =>
      query<ReferenceRow>(this.knex, {
        text: UNRESOLVED_SQL,
        values: [before, limit],
      }),
    );
    return rows.map(reference);
  }

  /** The transaction and its children in one round trip, as a named prepared statement (the hottest query). */
  private async load(name: string, conditions: string, values: string[]): Promise<RecentState | undefined> {
    const [row] = await translated(() => query<LoadedRow>(this.knex, { name, text: loadSql(conditions), values }));
    if (!row) return undefined;
    const stored = loadedState(row);
    // A read is often followed by an update of the same transaction (a sync, a webhook's reconciliation).
    this.recent.remember(stored);
    return stored;
  }
}
