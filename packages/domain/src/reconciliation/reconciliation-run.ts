import type { Actor } from '../transactions/actor';
import { DIFFERENCE_KINDS, type DifferenceKind } from './difference-kind';
import type { ItemTally } from './ports/reconciliation-store';

export type ReconciliationRunStatus = 'pending' | 'running' | 'completed' | 'failed';

export interface MoneySides {
  captured: number;
  refunded: number;
}

/**
 * What a completed run counted: its own work, and the day's items (the same for every run of the day), whose
 * counts are read as they are now, not as the run left them.
 */
export interface RunSummary {
  transactions: number;
  providerOrders: number;
  /** Calls made to the provider, to measure what a day costs. */
  providerCalls: number;
  kessai: MoneySides;
  provider: MoneySides;
  kinds: Record<DifferenceKind, number>;
  /** Differences by status (money in flight is none of them). */
  open: number;
  resolved: number;
  acknowledged: number;
  /** Money still moving. */
  inFlight: number;
}

/** One comparison of a connection's Japan day with what the provider reports. */
export interface ReconciliationRun {
  id: string;
  merchantAccountId: string;
  paymentServiceId: string;
  date: string;
  status: ReconciliationRunStatus;
  trigger: 'api' | 'schedule';
  requestedBy: Actor | null;
  summary: RunSummary | null;
  failureReason: string | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  updatedAt: Date;
}

/** How the run shows up as the actor of the changes it makes to transactions. */
export function runActor(run: Pick<ReconciliationRun, 'id' | 'date'>): Actor {
  return { type: 'reconciliation_run', id: run.id, display: `reconciliation of ${run.date}` };
}

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
