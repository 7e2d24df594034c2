import { InvalidFieldError, PaymentServiceNotFoundError } from '../../errors';
import type { Actor } from '../actor';
import { type NewTransaction, Transaction } from '../transaction';
import { accountOf } from './payment-connection';
import type { PaymentDependencies } from './payment-dependencies';

export type CreateTransactionCommand = Omit<NewTransaction, 'id' | 'paymentServiceId'> & {
  paymentServiceId?: string | undefined;
  actor?: Actor | undefined;
  /** The id to give it, when the caller reserved one first (a checkout session's claim); else a new one. */
  id?: string | undefined;
};

/**
 * Creates a transaction and starts the buyer's approval at the provider. The transaction is stored (status
 * `processing`) *before* the provider is called, so a crash mid-call leaves a record the janitor can expire.
 */
export class CreateTransaction {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(command: CreateTransactionCommand): Promise<Transaction> {
    const { deps } = this;
    const { actor, id, ...fields } = command;
    const service = command.paymentServiceId
      ? await deps.paymentServices.get(command.merchantAccountId, command.paymentServiceId)
      : await deps.paymentServices.findDefault(command.merchantAccountId, command.paymentMethod);
    if (!service) {
      throw new PaymentServiceNotFoundError(
        command.paymentServiceId
          ? `payment service ${command.paymentServiceId} was not found`
          : `no active ${command.paymentMethod} payment service is configured for this merchant account`,
        '/payment_service_id',
      );
    }
    if (service.deletedAt)
      throw new InvalidFieldError(`payment service ${service.id} was deleted`, '/payment_service_id');
    if (!service.active)
      throw new InvalidFieldError(`payment service ${service.id} is not active`, '/payment_service_id');
    const connector = deps.connectors.get(service.connector);
    const created = Transaction.create(
      { ...fields, id: id ?? deps.ids.uuid(), paymentServiceId: service.id },
      connector.capabilities,
      deps.clock.now(),
      actor,
    );
    await deps.transactions.add(created);

    const outcome = await connector.createApproval(accountOf(service), created.state.details);
    const { transaction } = await deps.transactions.update(command.merchantAccountId, created.id, (tx) => {
      const now = deps.clock.now();
      tx.changedBy('api', actor);
      if (outcome.kind === 'succeeded') tx.beginApproval(outcome.value, now);
      else if (outcome.kind !== 'unknown') tx.refuseApproval(outcome, now);
      // unknown: stays `processing`; the expiry job ends it if the provider never confirms.
    });
    const { state } = transaction;
    if (state.kind === 'awaiting_approval' && state.approvalExpiresAt) {
      await deps.jobs.schedule({
        name: 'expire-approval',
        payload: { merchantAccountId: state.details.merchantAccountId, transactionId: state.details.id },
        runAt: state.approvalExpiresAt,
        key: `expire-approval:${state.details.id}`,
      });
    }
    return transaction;
  }
}
