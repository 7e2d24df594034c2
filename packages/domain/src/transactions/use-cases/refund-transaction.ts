import type { PaymentService } from '../../connections/payment-service';
import type { Actor } from '../actor';
import type { IdempotentRequest } from '../ports/idempotency-store';
import type { Transaction } from '../transaction';
import type { Refund } from '../transaction-state';
import type { PaymentDependencies } from './payment-dependencies';
import { answeredWith, childIdOf, type ProviderCallResult, reserveCallRecord } from './provider-call';

export interface RefundCommand {
  merchantAccountId: string;
  transactionId: string;
  amount?: number | undefined;
  reason?: string | null | undefined;
  externalIdentifier?: string | null | undefined;
  idempotencyKey?: string | undefined;
  actor?: Actor | undefined;
  /** The request's key and answer, written with the reservation and the outcome. */
  request?: IdempotentRequest<RefundResult> | undefined;
}

export interface RefundResult {
  transaction: Transaction;
  refund: Refund;
  /** The connection the refund went through, when it reached the provider. */
  paymentService?: PaymentService;
}

/** Reserve against the captured money → call the provider → record. Same template as capture and void. */
export class RefundTransaction {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(command: RefundCommand): Promise<RefundResult> {
    const refundId = childIdOf(this.deps, 'refund', command);
    const { amount, reason, externalIdentifier } = command;
    const movement = { kind: 'refund' as const, refundId, amount, reason, externalIdentifier };
    const resultOf = ({ transaction, connection }: ProviderCallResult): RefundResult => ({
      transaction,
      refund: transaction.refund(refundId) as Refund,
      ...(connection && { paymentService: connection.service }),
    });
    return resultOf(await reserveCallRecord(this.deps, command, movement, answeredWith(command.request, resultOf)));
  }
}
