import type { Actor } from '../transactions/actor';
import type { DifferenceKind } from './difference-kind';

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
