import {
  type Actor,
  ConcurrencyConflictError,
  type ItemListQuery,
  type ItemTally,
  type Page,
  type ReconciliationItem,
  ReconciliationItemNotFoundError,
  type ReconciliationLedger,
  type ReconciliationRun,
  type ReconciliationStore,
  type RunListQuery,
  type RunSummary,
  withCurrentCounts,
} from '@kessai/domain';
import type { Knex } from 'knex';
import { keysetPage } from './keyset-page';
import { translated } from './pg-errors';

interface RunRow {
  id: string;
  merchant_account_id: string;
  payment_service_id: string;
  date: string;
  status: ReconciliationRun['status'];
  trigger: ReconciliationRun['trigger'];
  requested_by: Actor | null;
  summary: RunSummary | null;
  failure_reason: string | null;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  updated_at: Date;
}

interface ItemRow {
  id: string;
  merchant_account_id: string;
  payment_service_id: string;
  date: string;
  key: string;
  kind: ReconciliationItem['kind'];
  status: ReconciliationItem['status'];
  run_id: string;
  transaction_id: string | null;
  provider_order_id: string | null;
  kessai_amount: number | null;
  provider_amount: number | null;
  detail: string;
  resolution: ReconciliationItem['resolution'];
  acknowledged_by: Actor | null;
  acknowledgement_note: string | null;
  acknowledged_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

interface TallyRow {
  kind: ItemTally['kind'];
  status: ItemTally['status'];
  count: string;
}

const tallyOf = (row: TallyRow): ItemTally => ({ kind: row.kind, status: row.status, count: Number(row.count) });

const runRow = (run: ReconciliationRun): RunRow => ({
  id: run.id,
  merchant_account_id: run.merchantAccountId,
  payment_service_id: run.paymentServiceId,
  date: run.date,
  status: run.status,
  trigger: run.trigger,
  requested_by: run.requestedBy,
  summary: run.summary,
  failure_reason: run.failureReason,
  created_at: run.createdAt,
  started_at: run.startedAt,
  completed_at: run.completedAt,
  updated_at: run.updatedAt,
});

const runOf = (row: RunRow): ReconciliationRun => ({
  id: row.id,
  merchantAccountId: row.merchant_account_id,
  paymentServiceId: row.payment_service_id,
  date: row.date,
  status: row.status,
  trigger: row.trigger,
  requestedBy: row.requested_by,
  summary: row.summary,
  failureReason: row.failure_reason,
  createdAt: row.created_at,
  startedAt: row.started_at,
  completedAt: row.completed_at,
  updatedAt: row.updated_at,
});

const itemRow = (item: ReconciliationItem): ItemRow => ({
  id: item.id,
  merchant_account_id: item.merchantAccountId,
  payment_service_id: item.paymentServiceId,
  date: item.date,
  key: item.key,
  kind: item.kind,
  status: item.status,
  run_id: item.runId,
  transaction_id: item.transactionId,
  provider_order_id: item.providerOrderId,
  kessai_amount: item.kessaiAmount,
  provider_amount: item.providerAmount,
  detail: item.detail,
  resolution: item.resolution,
  acknowledged_by: item.acknowledgement?.actor ?? null,
  acknowledgement_note: item.acknowledgement?.note ?? null,
  acknowledged_at: item.acknowledgement?.at ?? null,
  created_at: item.createdAt,
  updated_at: item.updatedAt,
});

const itemOf = (row: ItemRow): ReconciliationItem => ({
  id: row.id,
  merchantAccountId: row.merchant_account_id,
  paymentServiceId: row.payment_service_id,
  date: row.date,
  key: row.key,
  kind: row.kind,
  status: row.status,
  runId: row.run_id,
  transactionId: row.transaction_id,
  providerOrderId: row.provider_order_id,
  kessaiAmount: row.kessai_amount,
  providerAmount: row.provider_amount,
  detail: row.detail,
  resolution: row.resolution,
  acknowledgement:
    row.acknowledged_by && row.acknowledged_at
      ? { actor: row.acknowledged_by, note: row.acknowledgement_note ?? '', at: row.acknowledged_at }
      : null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** JSON columns are bound as text: pg would send a JS array as a PostgreSQL array. */
const json = <T extends { requested_by?: unknown; summary?: unknown; acknowledged_by?: unknown }>(row: T) => ({
  ...row,
  ...('requested_by' in row && { requested_by: JSON.stringify(row.requested_by) }),
  ...('summary' in row && { summary: JSON.stringify(row.summary) }),
  ...('acknowledged_by' in row && { acknowledged_by: JSON.stringify(row.acknowledged_by) }),
});

const ledgerOf = (ledger: ReconciliationLedger) => ({
  merchant_account_id: ledger.merchantAccountId,
  payment_service_id: ledger.paymentServiceId,
  date: ledger.date,
});

export class KnexReconciliationStore implements ReconciliationStore {
  constructor(private readonly knex: Knex) {}

  async addRun(run: ReconciliationRun): Promise<void> {
    await translated(() => this.knex('reconciliation_runs').insert(json(runRow(run))));
  }

  async saveRun(run: ReconciliationRun): Promise<void> {
    const { id, merchant_account_id, ...changed } = runRow(run);
    await this.knex('reconciliation_runs').where({ id, merchant_account_id }).update(json(changed));
  }

  async getRun(merchantAccountId: string, id: string): Promise<ReconciliationRun | undefined> {
    const row = await this.knex<RunRow>('reconciliation_runs')
      .where({ id, merchant_account_id: merchantAccountId })
      .first();
    return row && (await this.counted([runOf(row)]))[0];
  }

  async listRuns(merchantAccountId: string, query: RunListQuery): Promise<Page<ReconciliationRun>> {
    const q = this.knex('reconciliation_runs').where({ merchant_account_id: merchantAccountId });
    if (query.paymentServiceId !== undefined) q.where({ payment_service_id: query.paymentServiceId });
    const page = await keysetPage<RunRow>(q, 'created_at', query.limit, query.cursor);
    return { ...page, items: await this.counted(page.items.map(runOf)) };
  }

  /** Completed runs with their day's items counted as they are now: one grouped query for the whole page. */
  private async counted(runs: ReconciliationRun[]): Promise<ReconciliationRun[]> {
    const ledgers = runs.filter((run) => run.summary).map((run) => [run.paymentServiceId, run.date]);
    const merchantAccountId = runs[0]?.merchantAccountId;
    if (ledgers.length === 0 || merchantAccountId === undefined) return runs;
    const rows = await this.knex('reconciliation_items')
      .where({ merchant_account_id: merchantAccountId })
      .whereIn(['payment_service_id', 'date'], ledgers)
      .select('payment_service_id', 'date', 'kind', 'status')
      .count<Array<TallyRow & { payment_service_id: string; date: string }>>('* as count')
      .groupBy('payment_service_id', 'date', 'kind', 'status');
    const tallies = new Map<string, ItemTally[]>();
    for (const row of rows) {
      const ledger = `${row.payment_service_id}:${row.date}`;
      tallies.set(ledger, [...(tallies.get(ledger) ?? []), tallyOf(row)]);
    }
    return runs.map((run) => withCurrentCounts(run, tallies.get(`${run.paymentServiceId}:${run.date}`) ?? []));
  }

  async recordItem(item: ReconciliationItem): Promise<ReconciliationItem> {
    // The first record of a key wins; a later one only settles an item still open (`merged`).
    const values = json(itemRow(item)) as unknown as Record<string, Knex.RawBinding>;
    const inserted = await this.knex.raw<{ rows: ItemRow[] }>(
      `INSERT INTO reconciliation_items AS stored (${ITEM_COLUMNS.join(', ')})
       VALUES (${ITEM_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (merchant_account_id, payment_service_id, date, key) DO UPDATE
         SET status = 'resolved', resolution = 'settled_by_sync', updated_at = EXCLUDED.updated_at
         WHERE stored.status = 'open' AND EXCLUDED.status = 'resolved'
       RETURNING *`,
      ITEM_COLUMNS.map((column) => values[column] ?? null),
    );
    const row =
      inserted.rows[0] ??
      (await this.knex<ItemRow>('reconciliation_items')
        .where({ ...ledgerOf(item), key: item.key })
        .first());
    if (!row) throw new Error(`reconciliation item ${item.key} was neither stored nor found`);
    return itemOf(row);
  }

  async getItem(merchantAccountId: string, id: string): Promise<ReconciliationItem | undefined> {
    const row = await this.knex<ItemRow>('reconciliation_items')
      .where({ id, merchant_account_id: merchantAccountId })
      .first();
    return row && itemOf(row);
  }

  async updateItem(
    merchantAccountId: string,
    id: string,
    change: (item: ReconciliationItem) => ReconciliationItem,
  ): Promise<ReconciliationItem> {
    const stored = await this.getItem(merchantAccountId, id);
    if (!stored) throw new ReconciliationItemNotFoundError(`reconciliation item ${id} was not found`);
    const changed = change(stored);
    const { id: _id, merchant_account_id, key: _key, ...columns } = itemRow(changed);
    const updated = await this.knex('reconciliation_items')
      .where({ id, merchant_account_id, status: stored.status, updated_at: stored.updatedAt })
      .update(json(columns));
    if (updated !== 1) throw new ConcurrencyConflictError(`reconciliation item ${id} changed since it was read`);
    return changed;
  }

  async listItems(ledger: ReconciliationLedger, query: ItemListQuery): Promise<Page<ReconciliationItem>> {
    const q = this.knex('reconciliation_items').where(ledgerOf(ledger));
    if (query.kind !== undefined) q.where({ kind: query.kind });
    if (query.status !== undefined) q.where({ status: query.status });
    const page = await keysetPage<ItemRow>(q, 'created_at', query.limit, query.cursor);
    return { ...page, items: page.items.map(itemOf) };
  }

  async tally(ledger: ReconciliationLedger): Promise<ItemTally[]> {
    const rows = await this.knex('reconciliation_items')
      .where(ledgerOf(ledger))
      .select('kind', 'status')
      .count<TallyRow[]>('* as count')
      .groupBy('kind', 'status');
    return rows.map(tallyOf);
  }
}

const ITEM_COLUMNS: ReadonlyArray<keyof ItemRow> = [
  'id',
  'merchant_account_id',
  'payment_service_id',
  'date',
  'key',
  'kind',
  'status',
  'run_id',
  'transaction_id',
  'provider_order_id',
  'kessai_amount',
  'provider_amount',
  'detail',
  'resolution',
  'acknowledged_by',
  'acknowledgement_note',
  'acknowledged_at',
  'created_at',
  'updated_at',
];
