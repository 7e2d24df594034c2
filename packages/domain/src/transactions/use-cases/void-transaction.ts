import type { PaymentService } from '../../connections/payment-service';
import type { Actor } from '../actor';
import type { IdempotentRequest } from '../ports/idempotency-store';
import type { Transaction } from '../transaction';
import type { PaymentDependencies } from './payment-dependencies';
import { answeredWith, reserveCallRecord } from './provider-call';

export interface VoidCommand {
  merchantAccountId: string;
  transactionId: string;
  actor?: Actor | undefined;
  /** The request's key and answer, written with the reservation and the outcome. */
  request?: IdempotentRequest<VoidResult> | undefined;
}

export interface VoidResult {
  transaction: Transaction;
  /** The connection the void went through, when it reached the provider. */
  paymentService?: PaymentService;
}

/** Releases an authorization nothing was captured from: the same template as capture and refund. */
export class VoidTransaction {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(command: VoidCommand): Promise<Transaction> {
    const request = answeredWith(command.request, ({ transaction, connection }) => ({
      transaction,
      ...(connection && { paymentService: connection.service }),
    }));
    const { transaction } = await reserveCallRecord(this.deps, command, { kind: 'void' }, request);
    return transaction;
  }
}
