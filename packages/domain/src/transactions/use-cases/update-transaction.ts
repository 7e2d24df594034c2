import type { Actor } from '../actor';
import type { Transaction } from '../transaction';
import { retryOnConflict } from './conflict-retry';
import type { PaymentDependencies } from './payment-dependencies';

export interface UpdateTransactionCommand {
  merchantAccountId: string;
  transactionId: string;
  externalIdentifier?: string | null;
  metadata?: Record<string, string>;
  actor?: Actor | undefined;
}

/** Gr4vy's manual update, limited to the merchant's own references: nothing is sent to the provider. */
export class UpdateTransaction {
  constructor(private readonly deps: Pick<PaymentDependencies, 'transactions' | 'clock'>) {}

  async execute(command: UpdateTransactionCommand): Promise<Transaction> {
    const { deps } = this;
    const change = {
      ...(command.externalIdentifier !== undefined ? { externalIdentifier: command.externalIdentifier } : {}),
      ...(command.metadata !== undefined ? { metadata: command.metadata } : {}),
    };
    const { transaction } = await retryOnConflict(() =>
      deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
        tx.changedBy('api', command.actor).updateReferences(change, deps.clock.now()),
      ),
    );
    return transaction;
  }
}
