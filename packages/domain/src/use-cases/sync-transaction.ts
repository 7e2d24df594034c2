import type { ChangeSource, Transaction } from '../transaction/transaction';
import type { TransactionData } from '../transaction/transaction-data';
import { retryOnConflict } from './conflict-retry';
import type { PaymentDependencies } from './dependencies';
import { loadPaymentContext, paymentContextOf } from './payment-context';

export interface SyncCommand {
  merchantAccountId: string;
  transactionId: string;
  source?: ChangeSource;
  /** The transaction as the caller just read it, to spare reading it again. */
  loaded?: Transaction;
}

export interface SyncResult {
  transaction: TransactionData;
  changed: boolean;
  /** False when the provider could not be asked (no provider order yet, or the call's outcome was not known). */
  reachedProvider: boolean;
}

/**
 * Asks the provider what happened and moves the transaction forward to it (Hyperswitch's psync). Resolves unknown
 * outcomes without ever repeating a provider call, and releases authorizations the buyer gave after Kessai had
 * given up on the transaction.
 */
export class SyncTransaction {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(command: SyncCommand): Promise<SyncResult> {
    const { deps } = this;
    const context = command.loaded
      ? await paymentContextOf(deps, command.loaded)
      : await loadPaymentContext(deps, command.merchantAccountId, command.transactionId);
    const providerTransactionId = context.data.providerTransactionId;
    if (!providerTransactionId) return { transaction: context.data, changed: false, reachedProvider: false };

    const fetched = await context.connector.fetchStatus(context.account, providerTransactionId);
    if (fetched.kind !== 'succeeded') return { transaction: context.data, changed: false, reachedProvider: false };
    const snapshot = fetched.value;
    const applied = await retryOnConflict(() =>
      deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
        tx.changedBy(command.source ?? 'sync').applyProviderSnapshot(snapshot, deps.clock.now()),
      ),
    );
    if (applied.transaction.holdsOrphanedAuthorization(snapshot)) {
      // The money must not stay held for a transaction the merchant was told had failed.
      await context.connector.void(context.account, {
        providerTransactionId,
        idempotencyKey: `kessai-release-${command.transactionId}`,
      });
    }
    return { transaction: applied.transaction.toData(), changed: applied.result, reachedProvider: true };
  }
}
