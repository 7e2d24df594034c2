import type { Actor } from '../transaction/actor';
import type { TransactionData } from '../transaction/transaction-data';
import type { PaymentDependencies } from './payment-dependencies';
import { reserveCallRecord } from './provider-call';

export interface VoidCommand {
  merchantAccountId: string;
  transactionId: string;
  actor?: Actor | undefined;
}

/** Releases an authorization nothing was captured from: the same template as capture and refund. */
export class VoidTransaction {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(command: VoidCommand): Promise<TransactionData> {
    const { transaction } = await reserveCallRecord(this.deps, command, {
      reserve: (tx, capabilities, now) => tx.reserveVoid(capabilities, now),
      send: ({ connector, account }, reserved) =>
        connector.void(account, {
          providerTransactionId: reserved.order.orderId,
          idempotencyKey: `kessai-void-${command.transactionId}`,
        }),
      record: (tx, outcome, now) => tx.recordVoidOutcome(outcome, now),
    });
    return transaction.toData();
  }
}
