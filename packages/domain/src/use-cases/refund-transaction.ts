import type { RefundData, TransactionData } from '../transaction/transaction-data';
import { scheduleSync } from './capture-transaction';
import { retryOnConflict } from './conflict-retry';
import type { PaymentDependencies } from './dependencies';
import { loadPaymentContext } from './payment-context';

export interface RefundCommand {
  merchantAccountId: string;
  transactionId: string;
  amount?: number | undefined;
  reason?: string | null | undefined;
  externalIdentifier?: string | null | undefined;
  idempotencyKey?: string | undefined;
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
    const context = await loadPaymentContext(deps, command.merchantAccountId, command.transactionId);
    const refundId = command.idempotencyKey
      ? deps.ids.derive(`refund:${command.merchantAccountId}:${command.transactionId}`, command.idempotencyKey)
      : deps.ids.uuid();
    const reserved = await retryOnConflict(() =>
      deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
        tx.reserveRefund(
          { refundId, amount: command.amount, reason: command.reason, externalIdentifier: command.externalIdentifier },
          context.connector.capabilities,
          deps.clock.now(),
        ),
      ),
    );
    const { child: refund, created } = reserved.result;
    if (!created) return { transaction: reserved.transaction.toData(), refund };

    const outcome = await context.connector.refund(context.account, {
      providerTransactionId: context.data.providerTransactionId ?? '',
      refundId,
      amount: refund.amount,
      currency: context.data.currency,
      reason: refund.reason,
      idempotencyKey: `kessai-refund-${refundId}`,
    });
    const recorded = await retryOnConflict(() =>
      deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
        tx.recordRefundOutcome(refundId, outcome, deps.clock.now()),
      ),
    );
    if (outcome.kind === 'unknown') await scheduleSync(deps, command.merchantAccountId, command.transactionId);
    const data = recorded.transaction.toData();
    return { transaction: data, refund: data.refunds.find((r) => r.id === refundId) ?? refund };
  }
}
