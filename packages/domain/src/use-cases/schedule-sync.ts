import { UNKNOWN_OUTCOME_RECHECK_MS } from '../transaction/timing-policy';
import type { PaymentDependencies } from './payment-dependencies';

/** An unknown outcome is resolved by asking the provider later, never by calling it again blindly. */
export async function scheduleSync(
  deps: Pick<PaymentDependencies, 'jobs' | 'clock'>,
  merchantAccountId: string,
  transactionId: string,
): Promise<void> {
  await deps.jobs.schedule({
    name: 'sync-transaction',
    payload: { merchantAccountId, transactionId },
    runAt: new Date(deps.clock.now().getTime() + UNKNOWN_OUTCOME_RECHECK_MS),
    key: `sync-transaction:${transactionId}`,
  });
}
