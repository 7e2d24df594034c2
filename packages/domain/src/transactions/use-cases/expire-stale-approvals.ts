import { retryOnConflict } from './conflict-retry';
import type { PaymentDependencies } from './payment-dependencies';
import { SyncTransaction } from './sync-transaction';

/** Ends approvals whose window has passed (`authorization_failed`, `incomplete_buyer_approval`). */
export class ExpireStaleApprovals {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(limit = 100): Promise<string[]> {
    const { deps } = this;
    const due = await deps.transactions.findExpiredApprovals(deps.clock.now(), limit);
    const expired: string[] = [];
    for (const { merchantAccountId, id } of due) {
      // Ask the provider first: a buyer who approved just before the deadline must not be expired.
      await new SyncTransaction(deps)
        .execute({ merchantAccountId, transactionId: id, source: 'janitor' })
        .catch(() => undefined);
      const { result } = await retryOnConflict(() =>
        deps.transactions.update(merchantAccountId, id, (tx) =>
          tx.changedBy('janitor').expireApproval(deps.clock.now()),
        ),
      );
      if (result) expired.push(id);
    }
    return expired;
  }
}
