import type { ConnectorOutcome } from '../connector/outcome';
import type { Actor } from '../transaction/actor';
import type { RefundData, TransactionData } from '../transaction/transaction-data';
import { scheduleSync } from './capture-transaction';
import { retryOnConflict } from './conflict-retry';
import type { PaymentDependencies } from './dependencies';
import { connectionOrRelease, connectorOf } from './payment-context';

export interface RefundCommand {
  merchantAccountId: string;
  transactionId: string;
  amount?: number | undefined;
  reason?: string | null | undefined;
  externalIdentifier?: string | null | undefined;
  idempotencyKey?: string | undefined;
  actor?: Actor | undefined;
}

export interface RefundResult {
  transaction: TransactionData;
  refund: RefundData;
}

/** Reserve against the captured money → call the provider → record. Same shape as capture. */
export class RefundTransaction {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(command: RefundCommand): Promise<RefundResult> {
    const { deps } = this;
    const refundId = command.idempotencyKey
      ? deps.ids.derive(`refund:${command.merchantAccountId}:${command.transactionId}`, command.idempotencyKey)
      : deps.ids.uuid();
    const reserved = await retryOnConflict(() =>
      deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
        tx.changedBy('api', command.actor).reserveRefund(
          {
            refundId,
            amount: command.amount,
            reason: command.reason,
            externalIdentifier: command.externalIdentifier,
          },
          connectorOf(deps, tx).capabilities,
          deps.clock.now(),
        ),
      ),
    );
    const { child: refund, created } = reserved.result;
    const data = reserved.transaction.toData();
    if (!created) return { transaction: data, refund };

    const record = (outcome: ConnectorOutcome<{ providerRefundIds: string[] }>) =>
      retryOnConflict(() =>
        deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
          tx.changedBy('api', command.actor).recordRefundOutcome(refundId, outcome, deps.clock.now()),
        ),
      );
    const connection = await connectionOrRelease(deps, data, record);
    const outcome = await connection.connector.refund(connection.account, {
      providerTransactionId: data.providerTransactionId ?? '',
      refundId,
      amount: refund.amount,
      currency: data.currency,
      reason: refund.reason,
      idempotencyKey: `kessai-refund-${refundId}`,
    });
    const recorded = (await record(outcome)).transaction.toData();
    if (outcome.kind === 'unknown') await scheduleSync(deps, command.merchantAccountId, command.transactionId);
    return { transaction: recorded, refund: recorded.refunds.find((r) => r.id === refundId) ?? refund };
  }
}
