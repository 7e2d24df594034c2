import type { ProviderSnapshot } from '../../connectors/provider-snapshot';
import { REFUND_REST_AFTER_MS } from '../timing-policy';
import type { ChangeSource, Transaction } from '../transaction';
import { retryOnConflict } from './conflict-retry';
import type { PaymentConnection } from './payment-connection';
import type { PaymentDependencies } from './payment-dependencies';

/**
 * Sync's part in a partly-made refund (its rules: `transaction/partly-made-refund.ts`). A refund split over several
 * provider payments that stopped part-way has returned only some of the money. The merchant asked for all of it,
 * and Kessai holds the whole amount reserved, so the rest is sent, by one process (the claim is a version-checked
 * write) and only long after the call that stopped. Returns the transaction after the last change, or null when
 * nothing was claimed.
 */
export async function finishPartlyMadeRefunds(
  deps: PaymentDependencies,
  target: { merchantAccountId: string; transactionId: string; source: ChangeSource },
  connection: PaymentConnection,
  transaction: Transaction,
  snapshot: ProviderSnapshot,
): Promise<Transaction | null> {
  const { merchantAccountId, transactionId, source } = target;
  const write = <R>(change: (tx: Transaction) => R) =>
    retryOnConflict(() =>
      deps.transactions.update(merchantAccountId, transactionId, (tx) => change(tx.changedBy(source))),
    );
  let last: Transaction | null = null;
  for (const { refund, parts, found } of transaction.partlyMadeRefunds(snapshot)) {
    const claimedAt = deps.clock.now();
    const claim = await write((tx) => tx.claimRefundRest(refund.id, found, claimedAt, REFUND_REST_AFTER_MS));
    if (!claim.result) continue;
    last = claim.transaction;
    const outcome = await connection.connector.refund(connection.account, {
      providerOrderId: snapshot.providerOrderId,
      refundId: refund.id,
      amount: refund.amount,
      currency: transaction.state.details.currency,
      reason: refund.reason,
      // A new key per attempt: the connector counts the parts already made and sends only the rest.
      idempotencyKey: `kessai-refund-${refund.id}-rest-${claimedAt.getTime()}`,
    });
    const recorded = await write((tx) => tx.recordRefundRest(refund.id, outcome, parts, deps.clock.now()));
    last = recorded.transaction;
  }
  return last;
}
