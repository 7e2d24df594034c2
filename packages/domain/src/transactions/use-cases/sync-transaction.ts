import type { Actor } from '../actor';
import type { RequestWrites } from '../ports/transaction-repository';
import type { ChangeSource, Transaction } from '../transaction';
import { providerOrderOf } from '../transaction-state';
import { retryOnConflict } from './conflict-retry';
import { finishPartlyMadeRefunds } from './finish-partly-made-refunds';
import { connectionOf, transactionOf } from './payment-connection';
import type { PaymentDependencies } from './payment-dependencies';

export interface SyncCommand {
  merchantAccountId: string;
  transactionId: string;
  source?: ChangeSource;
  actor?: Actor | undefined;
  /** The transaction as the caller just read it, to spare reading it again. */
  loaded?: Transaction;
  /**
   * The provider webhooks this sync answers: marked processed with its write when that write leaves nothing more
   * to do (no authorization to release, no refund to finish); else, or when it writes nothing, the caller marks them.
   */
  webhooks?: RequestWrites['webhooks'];
}

export interface SyncResult {
  transaction: Transaction;
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
    const { merchantAccountId, transactionId } = command;
    const source = command.source ?? 'sync';
    const loaded = command.loaded ?? (await transactionOf(deps, merchantAccountId, transactionId));
    const connection = await connectionOf(deps, loaded.state.details);
    const order = providerOrderOf(loaded.state);
    if (!order) return { transaction: loaded, changed: false, reachedProvider: false };

    const fetched = await connection.connector.fetchStatus(connection.account, order.orderId);
    if (fetched.kind !== 'succeeded') return { transaction: loaded, changed: false, reachedProvider: false };
    const snapshot = fetched.value;
    const { webhooks } = command;
    const finished = (tx: Transaction) =>
      !tx.holdsOrphanedAuthorization(snapshot) && tx.partlyMadeRefunds(snapshot).length === 0;
    const applied = await retryOnConflict(() =>
      deps.transactions.update(
        merchantAccountId,
        transactionId,
        (tx) => tx.changedBy(source, command.actor).applyProviderSnapshot(snapshot, deps.clock.now()),
        webhooks && { webhooks: { ...webhooks, of: (tx) => (finished(tx) ? webhooks.of(tx) : undefined) } },
      ),
    );
    if (applied.transaction.holdsOrphanedAuthorization(snapshot)) {
      // The money must not stay held for a transaction the merchant was told had failed.
      await connection.connector.void(connection.account, {
        providerOrderId: order.orderId,
        idempotencyKey: `kessai-release-${transactionId}`,
      });
    }
    const target = { merchantAccountId, transactionId, source };
    const refunded = await finishPartlyMadeRefunds(deps, target, connection, applied.transaction, snapshot);
    return {
      transaction: refunded ?? applied.transaction,
      changed: applied.result || refunded !== null,
      reachedProvider: true,
    };
  }
}
