import type { Actor } from '../actor';
import type { Transaction } from '../transaction';
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

  async execute(command: VoidCommand): Promise<Transaction> {
    const { transaction } = await reserveCallRecord(this.deps, command, { kind: 'void' });
    return transaction;
  }
}
