import type { Page } from '../../transactions/ports/transaction-repository';
import type { DifferenceKind, ReconciliationItemStatus } from '../difference-kind';
import type { ReconciliationItem } from '../reconciliation-item';
import type { ReconciliationRun } from '../reconciliation-run';

/** The connection and Japan day that items belong to. */
export interface ReconciliationLedger {
  merchantAccountId: string;
  paymentServiceId: string;
  date: string;
}

export interface RunListQuery {
  limit: number;
  cursor?: string | undefined;
  paymentServiceId?: string | undefined;
}

export interface ItemListQuery {
  limit: number;
  cursor?: string | undefined;
  kind?: DifferenceKind | undefined;
  status?: ReconciliationItemStatus | undefined;
}

export interface ItemTally {
  kind: DifferenceKind;
  status: ReconciliationItemStatus;
  count: number;
}

/**
 * Reconciliation runs and the items they find. Every read is scoped by merchant account (another merchant's is
 * not found). Nothing is ever deleted.
 */
export interface ReconciliationStore {
  /** `DuplicateRecordError` if the id exists. */
  addRun(run: ReconciliationRun): Promise<void>;
  /** Replaces a stored run's status, summary and times. */
  saveRun(run: ReconciliationRun): Promise<void>;
  /** A completed run's item counts are its day's as they are now (`withCurrentCounts`), not as it left them. */
  getRun(merchantAccountId: string, id: string): Promise<ReconciliationRun | undefined>;
  /** Newest created first, with current item counts as `getRun`. */
  listRuns(merchantAccountId: string, query: RunListQuery): Promise<Page<ReconciliationRun>>;
  /**
   * Records an item a run found, atomically against concurrent runs of the ledger: the first record of a `key`
   * is stored as given; a later one changes the stored item only as `merged` says. Answers the stored item.
   */
  recordItem(item: ReconciliationItem): Promise<ReconciliationItem>;
  getItem(merchantAccountId: string, id: string): Promise<ReconciliationItem | undefined>;
  /**
   * Stores `change(stored)` if the stored item is still what `change` saw (`ConcurrencyConflictError` if not);
   * `change` may throw to refuse. `ReconciliationItemNotFoundError` if absent.
   */
  updateItem(
    merchantAccountId: string,
    id: string,
    change: (item: ReconciliationItem) => ReconciliationItem,
  ): Promise<ReconciliationItem>;
  /** The ledger's items, newest created first. */
  listItems(ledger: ReconciliationLedger, query: ItemListQuery): Promise<Page<ReconciliationItem>>;
  /** How many of the ledger's items there are, by kind and status. */
  tally(ledger: ReconciliationLedger): Promise<ItemTally[]>;
}
