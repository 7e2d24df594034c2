import type { CaptureData, TransactionData } from '../transaction/transaction-data';
import { retryOnConflict } from './conflict-retry';
import { type PaymentDependencies, UNKNOWN_OUTCOME_RECHECK_MS } from './dependencies';
import { loadPaymentContext } from './payment-context';

export interface CaptureCommand {
  merchantAccountId: string;
  transactionId: string;
  amount?: number | undefined;
  final?: boolean | undefined;
  /** The client's Idempotency-Key: a retried request maps to the same capture and never captures twice. */
  idempotencyKey?: string | undefined;
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
    const context = await loadPaymentContext(deps, command.merchantAccountId, command.transactionId);
    const captureId = command.idempotencyKey
      ? deps.ids.derive(`capture:${command.merchantAccountId}:${command.transactionId}`, command.idempotencyKey)
      : deps.ids.uuid();
    const reserved = await retryOnConflict(() =>
      deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
        tx.reserveCapture(
          { captureId, amount: command.amount, final: command.final },
          context.connector.capabilities,
          deps.clock.now(),
        ),
      ),
    );
    const { child: capture, created } = reserved.result;
    if (!created) return { transaction: reserved.transaction.toData(), capture };

    const outcome = await context.connector.capture(context.account, {
      providerTransactionId: context.data.providerTransactionId ?? '',
      captureId,
      amount: capture.amount,
      currency: context.data.currency,
      final: capture.final,
      idempotencyKey: `kessai-capture-${captureId}`,
    });
    const recorded = await retryOnConflict(() =>
      deps.transactions.update(command.merchantAccountId, command.transactionId, (tx) =>
        tx.recordCaptureOutcome(captureId, outcome, deps.clock.now()),
      ),
    );
    if (outcome.kind === 'unknown') await scheduleSync(deps, command.merchantAccountId, command.transactionId);
    const data = recorded.transaction.toData();
    return { transaction: data, capture: data.captures.find((c) => c.id === captureId) ?? capture };
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
