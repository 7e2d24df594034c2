import type { Transaction } from '../transaction';
import type { PaymentDependencies } from './payment-dependencies';
import { SyncTransaction } from './sync-transaction';

/**
 * Kill Bill's janitor: captures, refunds and voids whose outcome was unknown (timeout, 5xx, crash) are resolved
 * by asking the provider, never by calling it again.
 */
export class ResolveUnknownOutcomes {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(olderThanMs: number, limit = 100): Promise<Transaction[]> {
    const { deps } = this;
    const before = new Date(deps.clock.now().getTime() - olderThanMs);
    const stale = await deps.transactions.findUnresolved(before, limit);
    const synced: Transaction[] = [];
    const failures: unknown[] = [];
    // One transaction that cannot be synced (its connection gone, the provider refusing) must not hold up the rest.
    for (const { merchantAccountId, id } of stale) {
      try {
        const result = await new SyncTransaction(deps).execute({
          merchantAccountId,
          transactionId: id,
          source: 'janitor',
        });
        synced.push(result.transaction);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0)
      throw new AggregateError(
        failures,
        `${failures.length} of ${stale.length} unresolved transactions could not be synced`,
      );
    return synced;
  }
}
