import type { PaymentService } from '../payment-service/payment-service';
import type { Actor } from '../transaction/actor';
import type { CaptureData, TransactionData } from '../transaction/transaction-data';
import type { PaymentDependencies } from './payment-dependencies';
import { childIdOf, reserveCallRecord, reservedChild } from './provider-call';

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
  /** The connection the capture went through, when it reached the provider. */
  paymentService?: PaymentService;
}

/** Reserve the amount (atomic, race-safe) → call the provider outside any unit of work → record the outcome. */
export class CaptureTransaction {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(command: CaptureCommand): Promise<CaptureResult> {
    const captureId = childIdOf(this.deps, 'capture', command);
    const { transaction, connection } = await reserveCallRecord(this.deps, command, {
      reserve: (tx, capabilities, now) =>
        tx.reserveCapture({ captureId, amount: command.amount, final: command.final }, capabilities, now).created,
      send: ({ connector, account }, reserved) => {
        const capture = reservedChild(reserved.captures, captureId);
        return connector.capture(account, {
          providerTransactionId: reserved.order.orderId,
          captureId,
          amount: capture.amount,
          currency: reserved.details.currency,
          final: capture.final,
          idempotencyKey: `kessai-capture-${captureId}`,
        });
      },
      record: (tx, outcome, now) => tx.recordCaptureOutcome(captureId, outcome, now),
    });
    const capture = transaction.capture(captureId) as CaptureData;
    return { transaction: transaction.toData(), capture, ...(connection && { paymentService: connection.service }) };
  }
}
