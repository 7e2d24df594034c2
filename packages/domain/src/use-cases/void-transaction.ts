import type { TransactionData } from '../transaction/transaction-data';
import { scheduleSync } from './capture-transaction';
import { retryOnConflict } from './conflict-retry';
import type { PaymentDependencies } from './dependencies';
import { loadPaymentContext } from './payment-context';

export interface VoidCommand {
  merchantAccountId: string;
  transactionId: string;
}

/** Releases an authorization nothing was captured from. */
export class VoidTransaction {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(command: VoidCommand): Promise<TransactionData> {
    const { deps } = this;
    const context = await loadPaymentContext(deps, command.merchantAccountId, command.transactionId);
    const reserved = await retryOnConflict(() =>
      deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
        tx.reserveVoid(context.connector.capabilities, deps.clock.now()),
      ),
    );
    if (!reserved.result) return reserved.transaction.toData();
    const outcome = await context.connector.void(context.account, {
      providerTransactionId: context.data.providerTransactionId ?? '',
      idempotencyKey: `kessai-void-${command.transactionId}`,
    });
    const recorded = await retryOnConflict(() =>
      deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
        tx.recordVoidOutcome(outcome, deps.clock.now()),
      ),
    );
    if (outcome.kind === 'unknown') await scheduleSync(deps, command.merchantAccountId, command.transactionId);
    return recorded.transaction.toData();
  }
}
