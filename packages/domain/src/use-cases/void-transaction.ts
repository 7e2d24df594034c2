import type { ConnectorOutcome } from '../connector/outcome';
import type { Actor } from '../transaction/actor';
import type { TransactionData } from '../transaction/transaction-data';
import { scheduleSync } from './capture-transaction';
import { retryOnConflict } from './conflict-retry';
import type { PaymentDependencies } from './dependencies';
import { connectionOrRelease, connectorOf } from './payment-context';

export interface VoidCommand {
  merchantAccountId: string;
  transactionId: string;
  actor?: Actor | undefined;
}

/** Releases an authorization nothing was captured from. */
export class VoidTransaction {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(command: VoidCommand): Promise<TransactionData> {
    const { deps } = this;
    const reserved = await retryOnConflict(() =>
      deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
        tx.changedBy('api', command.actor).reserveVoid(connectorOf(deps, tx).capabilities, deps.clock.now()),
      ),
    );
    const data = reserved.transaction.toData();
    if (!reserved.result) return data;
    const record = (outcome: ConnectorOutcome<unknown>) =>
      retryOnConflict(() =>
        deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
          tx.changedBy('api', command.actor).recordVoidOutcome(outcome, deps.clock.now()),
        ),
      );
    const connection = await connectionOrRelease(deps, data, record);
    const outcome = await connection.connector.void(connection.account, {
      providerTransactionId: data.providerTransactionId ?? '',
      idempotencyKey: `kessai-void-${command.transactionId}`,
    });
    const recorded = await record(outcome);
    if (outcome.kind === 'unknown') await scheduleSync(deps, command.merchantAccountId, command.transactionId);
    return recorded.transaction.toData();
  }
}
