import { ConcurrencyConflictError, DuplicateRecordError, ReconciliationItemNotFoundError } from '../errors';
import { withCurrentCounts } from '../reconciliation/item-counts';
import type {
  ItemListQuery,
  ItemTally,
  ReconciliationLedger,
  ReconciliationStore,
  RunListQuery,
} from '../reconciliation/ports/reconciliation-store';
import { merged, type ReconciliationItem } from '../reconciliation/reconciliation-item';
import type { ReconciliationRun } from '../reconciliation/reconciliation-run';
import type { Page } from '../transactions/ports/transaction-repository';
import { keysetPage } from './keyset-page';

const inLedger = (ledger: ReconciliationLedger) => (item: ReconciliationItem) =>
  item.merchantAccountId === ledger.merchantAccountId &&
  item.paymentServiceId === ledger.paymentServiceId &&
  item.date === ledger.date;

export class InMemoryReconciliationStore implements ReconciliationStore {
  private readonly runs = new Map<string, ReconciliationRun>();
  /** By ledger and key: the one home of an item. */
  private readonly items = new Map<string, ReconciliationItem>();

  async addRun(run: ReconciliationRun): Promise<void> {
    if (this.runs.has(run.id)) throw new DuplicateRecordError(`reconciliation run ${run.id} exists`);
    this.runs.set(run.id, structuredClone(run));
  }

  async saveRun(run: ReconciliationRun): Promise<void> {
    if (this.runs.get(run.id)?.merchantAccountId === run.merchantAccountId) this.runs.set(run.id, structuredClone(run));
  }

  async getRun(merchantAccountId: string, id: string): Promise<ReconciliationRun | undefined> {
    const run = this.runs.get(id);
    return run?.merchantAccountId === merchantAccountId ? this.counted(run) : undefined;
  }

  async listRuns(merchantAccountId: string, query: RunListQuery): Promise<Page<ReconciliationRun>> {
    const rows = [...this.runs.values()].filter(
      (run) =>
        run.merchantAccountId === merchantAccountId &&
        (query.paymentServiceId === undefined || run.paymentServiceId === query.paymentServiceId),
    );
    const page = keysetPage(rows, (run) => run.createdAt, query.limit, query.cursor);
    return { ...page, items: page.items.map((run) => this.counted(run)) };
  }

  async recordItem(item: ReconciliationItem): Promise<ReconciliationItem> {
    const slot = `${item.merchantAccountId}:${item.paymentServiceId}:${item.date}:${item.key}`;
    const stored = merged(this.items.get(slot), item);
    this.items.set(slot, structuredClone(stored));
    return structuredClone(stored);
  }

  async getItem(merchantAccountId: string, id: string): Promise<ReconciliationItem | undefined> {
    const item = [...this.items.values()].find((row) => row.id === id && row.merchantAccountId === merchantAccountId);
    return item && structuredClone(item);
  }

  async updateItem(
    merchantAccountId: string,
    id: string,
    change: (item: ReconciliationItem) => ReconciliationItem,
  ): Promise<ReconciliationItem> {
    const entry = [...this.items.entries()].find(
      ([, row]) => row.id === id && row.merchantAccountId === merchantAccountId,
    );
    if (!entry) throw new ReconciliationItemNotFoundError(`reconciliation item ${id} was not found`);
    const [slot, stored] = entry;
    const changed = change(structuredClone(stored));
    if (this.items.get(slot) !== stored) throw new ConcurrencyConflictError(`reconciliation item ${id} changed`);
    this.items.set(slot, structuredClone(changed));
    return structuredClone(changed);
  }

  async listItems(ledger: ReconciliationLedger, query: ItemListQuery): Promise<Page<ReconciliationItem>> {
    const rows = [...this.items.values()].filter(
      (item) =>
        inLedger(ledger)(item) &&
        (query.kind === undefined || item.kind === query.kind) &&
        (query.status === undefined || item.status === query.status),
    );
    return keysetPage(rows, (item) => item.createdAt, query.limit, query.cursor);
  }

  async tally(ledger: ReconciliationLedger): Promise<ItemTally[]> {
    return this.tallied(ledger);
  }

  private counted(run: ReconciliationRun): ReconciliationRun {
    return withCurrentCounts(structuredClone(run), this.tallied(run));
  }

  private tallied(ledger: ReconciliationLedger): ItemTally[] {
    const counts = new Map<string, ItemTally>();
    for (const item of [...this.items.values()].filter(inLedger(ledger))) {
      const slot = `${item.kind}:${item.status}`;
      const entry = counts.get(slot) ?? { kind: item.kind, status: item.status, count: 0 };
      entry.count++;
      counts.set(slot, entry);
    }
    return [...counts.values()];
  }
}
