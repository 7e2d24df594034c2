import type { ProviderSnapshot } from '../connector/provider-snapshot';
import type { Actor } from '../transaction/actor';
import type { ChangeSource, Transaction } from '../transaction/transaction';
import type { TransactionData } from '../transaction/transaction-data';
import { retryOnConflict } from './conflict-retry';
import { type PaymentDependencies, REFUND_REST_AFTER_MS } from './dependencies';
import { loadPaymentContext, type PaymentContext, paymentContextOf } from './payment-context';

export interface SyncCommand {
  merchantAccountId: string;
  transactionId: string;
  source?: ChangeSource;
  actor?: Actor | undefined;
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
 * outcomes without ever repeating a provider call, releases authorizations the buyer gave after Kessai had given
 * up on the transaction, and finishes refunds the provider reports partly made.
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
        tx.changedBy(command.source ?? 'sync', command.actor).applyProviderSnapshot(snapshot, deps.clock.now()),
      ),
    );
    if (applied.transaction.holdsOrphanedAuthorization(snapshot)) {
      // The money must not stay held for a transaction the merchant was told had failed.
      await context.connector.void(context.account, {
        providerTransactionId,
        idempotencyKey: `kessai-release-${command.transactionId}`,
      });
    }
    const finished = await this.finishPartlyMadeRefunds(command, context, applied.transaction, snapshot);
    return {
      transaction: (finished ?? applied.transaction).toData(),
      changed: applied.result || finished !== null,
      reachedProvider: true,
    };
  }

  /**
   * A refund split over several provider payments that stopped part-way has returned only some of the money. The
   * merchant asked for all of it, and Kessai holds the whole amount reserved, so the rest is sent, by one process
   * (the claim is a version-checked write) and only long after the call that stopped. Returns the transaction
   * after the last change, or null when nothing was claimed.
   */
  private async finishPartlyMadeRefunds(
    command: SyncCommand,
    context: PaymentContext,
    transaction: Transaction,
    snapshot: ProviderSnapshot,
  ): Promise<Transaction | null> {
    const { deps } = this;
    const { merchantAccountId, transactionId } = command;
    const source = command.source ?? 'sync';
    let last: Transaction | null = null;
    for (const { refund, parts, found } of transaction.partlyMadeRefunds(snapshot)) {
      const claimedAt = deps.clock.now();
      const claim = await retryOnConflict(() =>
        deps.transactions.update(merchantAccountId, transactionId, (tx) =>
          tx.changedBy(source).claimRefundRest(refund.id, found, claimedAt, REFUND_REST_AFTER_MS),
        ),
      );
      if (!claim.result) continue;
      last = claim.transaction;
      const outcome = await context.connector.refund(context.account, {
        providerTransactionId: snapshot.providerTransactionId,
        refundId: refund.id,
        amount: refund.amount,
        currency: context.data.currency,
        reason: refund.reason,
        // A new key per attempt: the connector counts the parts already made and sends only the rest.
        idempotencyKey: `kessai-refund-${refund.id}-rest-${claimedAt.getTime()}`,
      });
      const recorded = await retryOnConflict(() =>
        deps.transactions.update(merchantAccountId, transactionId, (tx) =>
          tx.changedBy(source).recordRefundRest(refund.id, outcome, parts, deps.clock.now()),
        ),
      );
      last = recorded.transaction;
    }
    return last;
  }
}
