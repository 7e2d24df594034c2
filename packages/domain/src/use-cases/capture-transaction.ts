import type { ConnectorOutcome } from '../connector/outcome';
import type { Actor } from '../transaction/actor';
import type { CaptureData, TransactionData } from '../transaction/transaction-data';
import { retryOnConflict } from './conflict-retry';
import { type PaymentDependencies, UNKNOWN_OUTCOME_RECHECK_MS } from './dependencies';
import { connectionOrRelease, connectorOf } from './payment-context';

export interface CaptureCommand {
  merchantAccountId: string;
  transactionId: string;
  amount?: number | undefined;
  final?: boolean | undefined;
  /** The client's Idempotency-Key: a retried request maps to the same capture and never captures twice. */
  idempotencyKey?: string | undefined;
  actor?: Actor | undefined;
}

export interface CaptureResult {
  transaction: TransactionData;
  capture: CaptureData;
}

/** Reserve the amount (atomic, race-safe) → call the provider outside any unit of work → record the outcome. */
export class CaptureTransaction {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(command: CaptureCommand): Promise<CaptureResult> {
    const { deps } = this;
    const captureId = command.idempotencyKey
      ? deps.ids.derive(`capture:${command.merchantAccountId}:${command.transactionId}`, command.idempotencyKey)
      : deps.ids.uuid();
    const reserved = await retryOnConflict(() =>
      deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
        tx
          .changedBy('api', command.actor)
          .reserveCapture(
            { captureId, amount: command.amount, final: command.final },
            connectorOf(deps, tx).capabilities,
            deps.clock.now(),
          ),
      ),
    );
    const { child: capture, created } = reserved.result;
    const data = reserved.transaction.toData();
    if (!created) return { transaction: data, capture };

    const record = (outcome: ConnectorOutcome<{ providerCaptureId: string }>) =>
      retryOnConflict(() =>
        deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
          tx.changedBy('api', command.actor).recordCaptureOutcome(captureId, outcome, deps.clock.now()),
        ),
      );
    const connection = await connectionOrRelease(deps, data, record);
    const outcome = await connection.connector.capture(connection.account, {
      providerTransactionId: data.providerTransactionId ?? '',
      captureId,
      amount: capture.amount,
      currency: data.currency,
      final: capture.final,
      idempotencyKey: `kessai-capture-${captureId}`,
    });
    const recorded = (await record(outcome)).transaction.toData();
    if (outcome.kind === 'unknown') await scheduleSync(deps, command.merchantAccountId, command.transactionId);
    return { transaction: recorded, capture: recorded.captures.find((c) => c.id === captureId) ?? capture };
  }
}

/** An unknown outcome is resolved by asking the provider later, never by calling it again blindly. */
export async function scheduleSync(
  deps: PaymentDependencies,
  merchantAccountId: string,
  transactionId: string,
): Promise<void> {
  await deps.jobs.schedule({
    name: 'sync-transaction',
    payload: { merchantAccountId, transactionId },
    runAt: new Date(deps.clock.now().getTime() + UNKNOWN_OUTCOME_RECHECK_MS),
    key: `sync-transaction:${transactionId}`,
  });
}
