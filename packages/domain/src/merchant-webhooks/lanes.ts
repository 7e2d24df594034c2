import type { MerchantWebhookDependencies } from './dependencies';
import { type DeliveryLane, laneKey } from './webhook-delivery';

/**
 * Queues a lane's sender. Jobs under one key coalesce, so a burst of events for a transaction costs one run;
 * `unkeyed` is for a hand-made redelivery, which must not wait behind a retry queued hours ahead.
 */
export function scheduleLane(
  deps: Pick<MerchantWebhookDependencies, 'jobs'>,
  lane: DeliveryLane,
  runAt: Date,
  unkeyed = false,
): Promise<void> {
  return deps.jobs.schedule({
    name: 'deliver-webhooks',
    payload: {
      merchantAccountId: lane.merchantAccountId,
      subscriptionId: lane.subscriptionId,
      transactionId: lane.transactionId,
    },
    runAt,
    ...(unkeyed ? {} : { key: laneKey(lane) }),
  });
}

/** The safety net for a lost job or an expired lease (a sender that died mid-call): every due lane gets a run. */
export async function scheduleDueLanes(
  deps: Pick<MerchantWebhookDependencies, 'jobs' | 'deliveries' | 'clock'>,
  limit = 500,
): Promise<number> {
  const now = deps.clock.now();
  const lanes = await deps.deliveries.dueLanes(now, limit);
  for (const lane of lanes) await scheduleLane(deps, lane, now);
  return lanes.length;
}
