import type { CapabilityProfile } from '../connector/capability-profile';
import { type ConnectorOutcome, failed } from '../connector/outcome';
import { InvalidStateTransitionError, PaymentServiceNotFoundError } from '../errors';
import type { Actor } from '../transaction/actor';
import type { Transaction } from '../transaction/transaction';
import type { Authorized } from '../transaction/transaction-state';
import { retryOnConflict } from './conflict-retry';
import { connectionOf, type PaymentConnection } from './payment-connection';
import type { PaymentDependencies } from './payment-dependencies';
import { scheduleSync } from './schedule-sync';

/** One money movement at the provider (a capture, a refund, a void), in the three steps every one of them takes. */
export interface ProviderCall<T> {
  /** Decides the reservation on the stored aggregate; false: nothing new to send (a retried request). */
  reserve(transaction: Transaction, capabilities: CapabilityProfile, now: Date): boolean;
  /** The provider call, made outside any unit of work with an idempotency key derived from the child's id. */
  send(connection: PaymentConnection, reserved: Authorized): Promise<ConnectorOutcome<T>>;
  record(transaction: Transaction, outcome: ConnectorOutcome<T>, now: Date): unknown;
}

export interface ProviderCallResult {
  transaction: Transaction;
  /** The connection the call went through; absent when nothing was sent. */
  connection?: PaymentConnection;
}

/**
 * Reserve in one atomic write (race-safe) → call the provider → record the outcome. An unknown outcome stays
 * pending and is resolved by a sync, never by a blind retry. A reservation whose connection cannot be found
 * (Kessai never deletes one, so only data written around it gets here) is released as failed, then the error
 * thrown, so reserved money never stays pending.
 */
export async function reserveCallRecord<T>(
  deps: PaymentDependencies,
  target: { merchantAccountId: string; transactionId: string; actor?: Actor | undefined },
  call: ProviderCall<T>,
): Promise<ProviderCallResult> {
  const { merchantAccountId, transactionId } = target;
  const capabilities = deps.connectors.capabilities();
  const write = <R>(change: (transaction: Transaction) => R) =>
    retryOnConflict(() =>
      deps.transactions.update(merchantAccountId, transactionId, (tx) => change(tx.changedBy('api', target.actor))),
    );
  const reserved = await write((tx) => call.reserve(tx, capabilities(tx.connector), deps.clock.now()));
  if (!reserved.result) return { transaction: reserved.transaction };

  const state = reserved.transaction.state;
  if (state.kind !== 'authorized') throw new InvalidStateTransitionError('a reservation needs an authorization');
  let connection: PaymentConnection;
  try {
    connection = await connectionOf(deps, state.details);
  } catch (error) {
    if (error instanceof PaymentServiceNotFoundError) {
      await write((tx) => call.record(tx, failed('payment_service_not_found', error.message), deps.clock.now()));
    }
    throw error;
  }
  const outcome = await call.send(connection, state);
  const recorded = await write((tx) => call.record(tx, outcome, deps.clock.now()));
  if (outcome.kind === 'unknown') await scheduleSync(deps, merchantAccountId, transactionId);
  return { transaction: recorded.transaction, connection };
}

/** The child a reservation just made; it is there by construction, so its absence is a bug. */
export function reservedChild<C extends { id: string }>(children: readonly C[], id: string): C {
  const child = children.find((candidate) => candidate.id === id);
  if (!child) throw new InvalidStateTransitionError(`reserved child ${id} is missing`);
  return child;
}

/**
 * The id of a capture or refund. A client `Idempotency-Key` is turned into it, so a retried request finds the
 * child it already made instead of making a second one (Kill Bill #639).
 */
export function childIdOf(
  deps: Pick<PaymentDependencies, 'ids'>,
  kind: 'capture' | 'refund',
  command: { merchantAccountId: string; transactionId: string; idempotencyKey?: string | undefined },
): string {
  return command.idempotencyKey
    ? deps.ids.derive(`${kind}:${command.merchantAccountId}:${command.transactionId}`, command.idempotencyKey)
    : deps.ids.uuid();
}
