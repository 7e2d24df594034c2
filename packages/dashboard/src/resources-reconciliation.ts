// The reconciliation answers of the API (`/reconciliation-runs`): a run compares a connection's Japan day with
// Smartpay; its items are the day's differences. The kinds and statuses are the domain's types.
import type {
  DifferenceKind,
  ReconciliationItemStatus as ItemStatus,
  ReconciliationRunStatus as RunStatus,
} from '@kessai/domain';
import type { AsTheDomain } from './as-the-domain';

export type { DifferenceKind, ItemStatus, RunStatus };

/** The codes of what a reconciliation finds, in the order the page lists them (`in_flight` is not a difference). */
export const DIFFERENCE_KINDS = [
  'unknown_capture',
  'unknown_refund',
  'missing_capture',
  'missing_refund',
  'amount_mismatch',
  'status_mismatch',
  'unknown_order',
  'missing_order',
  'missed_webhook',
  'in_flight',
] as const;
export const kindsAsTheDomain: AsTheDomain<(typeof DIFFERENCE_KINDS)[number], DifferenceKind> = true;

/** The item statuses in the order the filter offers them. */
export const ITEM_STATUSES = ['open', 'resolved', 'acknowledged'] as const;
export const itemStatusesAsTheDomain: AsTheDomain<(typeof ITEM_STATUSES)[number], ItemStatus> = true;

export interface MoneySides {
  captured_amount: number;
  refunded_amount: number;
}

export interface RunActor {
  type: string;
  id: string;
  display: string;
}

export interface ReconciliationRun {
  id: string;
  payment_service_id: string;
  date: string;
  status: RunStatus;
  trigger: 'api' | 'schedule';
  requested_by: RunActor | null;
  transaction_count: number | null;
  provider_order_count: number | null;
  provider_calls: number | null;
  kessai: MoneySides | null;
  provider: MoneySides | null;
  counts_by_kind: Partial<Record<DifferenceKind, number>> | null;
  open_count: number | null;
  resolved_count: number | null;
  acknowledged_count: number | null;
  in_flight_count: number | null;
  failure_reason: string | null;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
}

export interface ReconciliationItem {
  id: string;
  run_id: string;
  date: string;
  kind: DifferenceKind;
  status: ItemStatus;
  transaction_id: string | null;
  provider_order_id: string | null;
  kessai_amount: number | null;
  provider_amount: number | null;
  detail: string;
  resolution: 'settled_by_sync' | 'acknowledged' | null;
  acknowledgement: { actor: RunActor; note: string; acknowledged_at: string } | null;
  created_at: string;
}

/** A run still at work: its page reads it again until it ends. */
export const runInProgress = (run: Pick<ReconciliationRun, 'status'>) =>
  run.status === 'pending' || run.status === 'running';

/** The kinds the run found at least once, in the page's order, with their counts. */
export function kindsFound(run: Pick<ReconciliationRun, 'counts_by_kind'>): Array<[DifferenceKind, number]> {
  return DIFFERENCE_KINDS.flatMap((kind) => {
    const count = run.counts_by_kind?.[kind] ?? 0;
    return count > 0 ? [[kind, count] as [DifferenceKind, number]] : [];
  });
}

/** The calendar day in Japan (YYYY-MM-DD) `daysBack` days before `now`: runs are asked for Japan days. */
export function japanDay(now: Date, daysBack = 0): string {
  const shifted = new Date(now.getTime() - daysBack * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(shifted);
}
