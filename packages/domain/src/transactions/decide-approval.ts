import { assertSupported, type CapabilityProfile } from '../connectors/capability-profile';
import { CancelNotAllowedError, InvalidFieldError, InvalidStateTransitionError } from '../errors';
import { Money } from '../money';
import type { NewTransaction } from './new-transaction';
import { reconciliationIdFor } from './reconciliation-id';
import { statusOf } from './status-of';
import { approvalDeadline } from './timing-policy';
import type { TransactionCommandOf } from './transaction-commands';
import type { RefusalReason, TransactionEvent } from './transaction-events';
import type { TransactionState } from './transaction-state';

/** A transaction is created `processing`, with the connector's approval window counted from now. */
export function decideCreation(input: NewTransaction, capabilities: CapabilityProfile, now: Date): TransactionEvent {
  const money = Money.of(input.amount, input.currency);
  assertSupported(capabilities, { ...input, amount: money.amount });
  if (input.paymentMethod !== capabilities.connector) {
    throw new InvalidFieldError(
      `payment method must be "${capabilities.connector}" for this connection`,
      '/payment_method/method',
    );
  }
  const { storedPaymentMethod: _stored, partialAuthorization: _partial, amount: _amount, ...fields } = input;
  return {
    type: 'created',
    at: now,
    details: {
      ...fields,
      amount: money.amount,
      currency: money.currency,
      billingDetails: input.billingDetails as NonNullable<NewTransaction['billingDetails']>,
      shippingDetails: input.shippingDetails as NonNullable<NewTransaction['shippingDetails']>,
      reconciliationId: reconciliationIdFor(input.id),
      connector: capabilities.connector,
      createdAt: now,
    },
    approvalExpiresAt: approvalDeadline(now, capabilities),
  };
}

export function beginApproval(
  state: TransactionState,
  { started }: TransactionCommandOf<'begin_approval'>,
  now: Date,
): TransactionEvent[] {
  if (state.kind !== 'awaiting_approval' || state.approval) refuse('begin buyer approval', state);
  return [
    {
      type: 'approval_started',
      at: now,
      url: started.approvalUrl,
      order: { sessionId: started.providerSessionId, orderId: started.providerOrderId },
      approvalExpiresAt: started.approvalExpiresAt,
    },
  ];
}

/** The provider refused to start (declined) or could not start (failed) the approval. */
export function refuseApproval(
  state: TransactionState,
  { refusal }: TransactionCommandOf<'refuse_approval'>,
  now: Date,
): TransactionEvent[] {
  if (state.kind !== 'awaiting_approval') refuse('refuse the approval', state);
  const errorCode = refusal.kind === 'declined' ? 'declined' : 'service_error';
  return [refused(now, refusal.kind, 'provider', errorCode, refusal.code, refusal.message)];
}

/** The approval window passed without a buyer decision; nothing to decide when it has not. */
export function expireApproval(state: TransactionState, now: Date): TransactionEvent[] {
  if (state.kind !== 'awaiting_approval' || !state.approvalExpiresAt) return [];
  if (state.approvalExpiresAt.getTime() > now.getTime()) return [];
  return [refused(now, 'failed', 'expired', 'incomplete_buyer_approval')];
}

/** Cancel works only while the buyer has not approved yet (Gr4vy's cancel). */
export function cancel(state: TransactionState, now: Date): TransactionEvent[] {
  if (state.kind !== 'awaiting_approval') {
    throw new CancelNotAllowedError(
      `a transaction can be canceled only while buyer approval is pending (status: ${statusOf(state)})`,
    );
  }
  return [refused(now, 'failed', 'canceled', 'canceled_buyer_approval')];
}

/** The merchant's own references only: `metadata` replaces the whole map (Gr4vy), absent fields stay. */
export function updateReferences(
  state: TransactionState,
  command: TransactionCommandOf<'update_references'>,
  now: Date,
): TransactionEvent[] {
  const { externalIdentifier, metadata } = command;
  const identifierChanges = externalIdentifier !== undefined && externalIdentifier !== state.details.externalIdentifier;
  if (!identifierChanges && metadata === undefined) return [];
  return [
    {
      type: 'references_updated',
      at: now,
      ...(identifierChanges && { externalIdentifier }),
      ...(metadata !== undefined && { metadata: { ...metadata } }),
    },
  ];
}

export function refused(
  at: Date,
  outcome: 'declined' | 'failed',
  reason: RefusalReason,
  errorCode: string,
  rawResponseCode: string | null = null,
  rawResponseDescription: string | null = null,
): TransactionEvent {
  return { type: 'refused', at, outcome, reason, failure: { errorCode, rawResponseCode, rawResponseDescription } };
}

function refuse(action: string, state: TransactionState): never {
  throw new InvalidStateTransitionError(`cannot ${action} when the transaction is ${statusOf(state)}`);
}
