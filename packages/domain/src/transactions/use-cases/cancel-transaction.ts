import type { Actor } from '../actor';
import type { Transaction } from '../transaction';
import { retryOnConflict } from './conflict-retry';
import type { PaymentDependencies } from './payment-dependencies';

/**
 * Cancels a transaction whose buyer has not approved yet. Smartpay cannot cancel an unapproved order, so nothing
 * is sent: should the buyer approve afterwards, sync finds the orphaned authorization and voids it.
 */
export class CancelTransaction {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(command: {
    merchantAccountId: string;
    transactionId: string;
    actor?: Actor | undefined;
  }): Promise<Transaction> {
    const { deps } = this;
    const { transaction } = await retryOnConflict(() =>
      deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
        tx.changedBy('api', command.actor).cancel(deps.clock.now()),
      ),
    );
    return transaction;
  }
}
