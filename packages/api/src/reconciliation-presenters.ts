import type { ReconciliationItem, ReconciliationRun } from '@kessai/domain';

export function presentReconciliationRun(run: ReconciliationRun) {
  const summary = run.summary;
  const side = (money: { captured: number; refunded: number }) => ({
    captured_amount: money.captured,
    refunded_amount: money.refunded,
  });
  return {
    type: 'reconciliation-run' as const,
    id: run.id,
    payment_service_id: run.paymentServiceId,
    date: run.date,
    status: run.status,
    trigger: run.trigger,
    requested_by: run.requestedBy,
    transaction_count: summary?.transactions ?? null,
    provider_order_count: summary?.providerOrders ?? null,
    provider_calls: summary?.providerCalls ?? null,
    kessai: summary ? side(summary.kessai) : null,
    provider: summary ? side(summary.provider) : null,
    counts_by_kind: summary ? { ...summary.kinds } : null,
    open_count: summary?.open ?? null,
    resolved_count: summary?.resolved ?? null,
    acknowledged_count: summary?.acknowledged ?? null,
    in_flight_count: summary?.inFlight ?? null,
    failure_reason: run.failureReason,
    created_at: run.createdAt.toISOString(),
    started_at: run.startedAt?.toISOString() ?? null,
    completed_at: run.completedAt?.toISOString() ?? null,
    updated_at: run.updatedAt.toISOString(),
  };
}

export function presentReconciliationItem(item: ReconciliationItem) {
  return {
    type: 'reconciliation-item' as const,
    id: item.id,
    run_id: item.runId,
    payment_service_id: item.paymentServiceId,
    date: item.date,
    kind: item.kind,
    status: item.status,
    transaction_id: item.transactionId,
    provider_order_id: item.providerOrderId,
    kessai_amount: item.kessaiAmount,
    provider_amount: item.providerAmount,
    detail: item.detail,
    resolution: item.resolution,
    acknowledgement: item.acknowledgement && {
      actor: item.acknowledgement.actor,
      note: item.acknowledgement.note,
      acknowledged_at: item.acknowledgement.at.toISOString(),
    },
    created_at: item.createdAt.toISOString(),
    updated_at: item.updatedAt.toISOString(),
  };
}

/** The CSV's columns: each a header and how its cell is read from the item. */
export const RECONCILIATION_CSV_COLUMNS: ReadonlyArray<
  readonly [string, (item: ReconciliationItem) => string | number | null]
> = [
  ['id', (item) => item.id],
  ['date', (item) => item.date],
  ['kind', (item) => item.kind],
  ['status', (item) => item.status],
  ['transaction_id', (item) => item.transactionId],
  ['provider_order_id', (item) => item.providerOrderId],
  ['kessai_amount', (item) => item.kessaiAmount],
  ['provider_amount', (item) => item.providerAmount],
  ['detail', (item) => item.detail],
  ['resolution', (item) => item.resolution],
  ['acknowledged_by', (item) => item.acknowledgement?.actor.display ?? null],
  ['acknowledged_at', (item) => item.acknowledgement?.at.toISOString() ?? null],
  ['note', (item) => item.acknowledgement?.note ?? null],
  ['created_at', (item) => item.createdAt.toISOString()],
];
