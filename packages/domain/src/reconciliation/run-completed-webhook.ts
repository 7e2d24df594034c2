import { scheduleLane } from '../merchant-webhooks/lanes';
import { deliveryIdOf, newDelivery } from '../merchant-webhooks/webhook-delivery';
import { hears } from '../merchant-webhooks/webhook-subscription';
import type { ReconciliationDependencies } from './reconciliation-dependencies';
import type { ReconciliationRun } from './reconciliation-run';

/** Listed with the published event names (`published-events.ts`), so a subscription can choose it. */
export const RUN_COMPLETED_EVENT = 'reconciliation-run.completed';

/**
 * Tells the merchant's subscribers that a run completed, the way every delivery goes (recorded, signed, retried),
 * in a lane of the run's own so it never waits behind a transaction's events. Delivery ids derive from the run, so
 * a job that runs twice records it once.
 */
export async function publishRunCompleted(deps: ReconciliationDependencies, run: ReconciliationRun): Promise<void> {
  const subscriptions = (await deps.subscriptions.activeFor(run.merchantAccountId)).filter((subscription) =>
    hears(subscription, RUN_COMPLETED_EVENT),
  );
  if (subscriptions.length === 0) return;
  const now = deps.clock.now();
  const eventId = deps.ids.derive('kessai.reconciliation-event', run.id);
  const body = JSON.stringify({
    type: 'event',
    id: eventId,
    name: RUN_COMPLETED_EVENT,
    merchant_account_id: run.merchantAccountId,
    created_at: (run.completedAt ?? now).toISOString(),
    target: { type: 'reconciliation-run', id: run.id, payment_service_id: run.paymentServiceId, date: run.date },
  });
  const deliveries = subscriptions.map((subscription) =>
    newDelivery(
      {
        id: deliveryIdOf(deps.ids, subscription.id, eventId),
        subscriptionId: subscription.id,
        merchantAccountId: run.merchantAccountId,
        eventId,
        eventName: RUN_COMPLETED_EVENT,
        transactionId: run.id,
        position: 0,
        body,
      },
      now,
    ),
  );
  await deps.deliveries.record(deliveries);
  for (const subscription of subscriptions)
    await scheduleLane(
      deps,
      { merchantAccountId: run.merchantAccountId, subscriptionId: subscription.id, transactionId: run.id },
      now,
    );
}
