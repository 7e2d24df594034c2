import { DIFFERENCE_KINDS, type DifferenceKind } from './difference-kind';
import type { ItemTally } from './ports/reconciliation-store';
import type { ReconciliationRun, RunSummary } from './reconciliation-run';

export type ItemCounts = Pick<RunSummary, 'kinds' | 'open' | 'resolved' | 'acknowledged' | 'inFlight'>;

/** The day's items counted by kind, and as differences by status. */
export function itemCounts(tally: readonly ItemTally[]): ItemCounts {
  const kinds = Object.fromEntries(DIFFERENCE_KINDS.map((kind) => [kind, 0])) as Record<DifferenceKind, number>;
  const counts: ItemCounts = { kinds, open: 0, resolved: 0, acknowledged: 0, inFlight: 0 };
  for (const { kind, status, count } of tally) {
    kinds[kind] += count;
    // Money in flight is no difference: counted while it moves, then only by kind.
    if (kind !== 'in_flight') counts[status] += count;
    else if (status === 'open') counts.inFlight += count;
  }
  return counts;
}

/** A run with its day's items counted as they are now (a person may have acknowledged one since it ended). */
export function withCurrentCounts(run: ReconciliationRun, tally: readonly ItemTally[]): ReconciliationRun {
  return run.summary ? { ...run, summary: { ...run.summary, ...itemCounts(tally) } } : run;
}
