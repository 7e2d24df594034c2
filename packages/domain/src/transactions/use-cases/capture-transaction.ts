import type { PaymentService } from '../../connections/payment-service';
import type { Actor } from '../actor';
import type { IdempotentRequest } from '../ports/idempotency-store';
import type { Transaction } from '../transaction';
import type { Capture } from '../transaction-state';
import type { PaymentDependencies } from './payment-dependencies';
import { answeredWith, childIdOf, type ProviderCallResult, reserveCallRecord } from './provider-call';

export interface CaptureCommand {
  merchantAccountId: string;
  transactionId: string;
  amount?: number | undefined;
  final?: boolean | undefined;
  /** The client's Idempotency-Key: a retried request maps to the same capture and never captures twice. */
  idempotencyKey?: string | undefined;
  actor?: Actor | undefined;
  /** The request's key and answer, written with the reservation and the outcome. */
  request?: IdempotentRequest<CaptureResult> | undefined;
}

export interface CaptureResult {
  transaction: Transaction;
  capture: Capture;
  /** The connection the capture went through, when it reached the provider. */
  paymentService?: PaymentService;
}

/** Reserve the amount (atomic, race-safe) → call the provider outside any unit of work → record the outcome. */
export class CaptureTransaction {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(command: CaptureCommand): Promise<CaptureResult> {
    const captureId = childIdOf(this.deps, 'capture', command);
    const { amount, final } = command;
    const movement = { kind: 'capture' as const, captureId, amount, final };
    const resultOf = ({ transaction, connection }: ProviderCallResult): CaptureResult => ({
      transaction,
      capture: transaction.capture(captureId) as Capture,
      ...(connection && { paymentService: connection.service }),
    });
    return resultOf(await reserveCallRecord(this.deps, command, movement, answeredWith(command.request, resultOf)));
  }
}
