import type { CapabilityProfile } from '../../connectors/capability-profile';
import { type ConnectorOutcome, failed } from '../../connectors/outcome';
import { InvalidStateTransitionError, PaymentServiceNotFoundError } from '../../errors';
import type { Actor } from '../actor';
import type { IdempotentRequest } from '../ports/idempotency-store';
import type { RequestWrites } from '../ports/transaction-repository';
import { UNKNOWN_OUTCOME_RECHECK_MS } from '../timing-policy';
import type { Transaction } from '../transaction';
import type { Authorized } from '../transaction-state';
import { retryOnConflict } from './conflict-retry';
import { connectionOf, type PaymentConnection } from './payment-connection';
import type { PaymentDependencies } from './payment-dependencies';

/** One money movement at the provider, as the merchant asked for it. */
export type MoneyMovement =
  | { kind: 'capture'; captureId: string; amount?: number | undefined; final?: boolean | undefined }
  | {
      kind: 'refund';
      refundId: string;
      amount?: number | undefined;
      reason?: string | null | undefined;
      externalIdentifier?: string | null | undefined;
    }
  | { kind: 'void' };

/** What the provider answered to a movement. */
type Sent =
  | { kind: 'capture'; captureId: string; outcome: ConnectorOutcome<{ providerCaptureId: string }> }
  | { kind: 'refund'; refundId: string; outcome: ConnectorOutcome<{ providerRefundIds: string[] }> }
  | { kind: 'void'; outcome: ConnectorOutcome<unknown> };

export interface ProviderCallResult {
  transaction: Transaction;
  /** The connection the call went through; absent when nothing was sent (a retried request). */
  connection?: PaymentConnection;
}

/**
 * Captures, refunds and voids, in the three steps every one of them takes: reserve in one atomic write
 * (race-safe) → call the provider outside any unit of work, with an idempotency key derived from the child's id →
 * record the outcome. An unknown outcome stays pending and is resolved by a sync, never by a blind retry. A
 * reservation whose connection cannot be found (Kessai never deletes one, so only data written around it gets
 * here) is released as failed, then the error thrown, so reserved money never stays pending. The request's
 * Idempotency-Key rides the reservation's write and its answer the outcome's: two commits in all.
 */
export async function reserveCallRecord(
  deps: PaymentDependencies,
  target: { merchantAccountId: string; transactionId: string; actor?: Actor | undefined },
  movement: MoneyMovement,
  request?: IdempotentRequest<ProviderCallResult> | undefined,
): Promise<ProviderCallResult> {
  const { merchantAccountId, transactionId } = target;
  const capabilities = deps.connectors.capabilities();
  const write = <R>(change: (transaction: Transaction, now: Date) => R, writes?: RequestWrites) =>
    retryOnConflict(() =>
      deps.transactions.update(
        merchantAccountId,
        transactionId,
        (tx) => change(tx.changedBy('api', target.actor), deps.clock.now()),
        writes,
      ),
    );
  const claim = request?.claim;
  const reserved = await write((tx, now) => reserve(tx, movement, capabilities(tx.connector), now), { claim });
  if (!reserved.result) return { transaction: reserved.transaction };

  const state = reserved.transaction.state;
  if (state.kind !== 'authorized') throw new InvalidStateTransitionError('a reservation needs an authorization');
  let connection: PaymentConnection;
  try {
    connection = await connectionOf(deps, state.details);
  } catch (error) {
    if (error instanceof PaymentServiceNotFoundError) {
      const released = unsent(movement, failed('payment_service_not_found', error.message));
      await write((tx, now) => record(tx, released, now));
    }
    throw error;
  }
  const sent = await send(connection, state, movement);
  const answer = request && {
    claim: request.claim,
    of: (transaction: Transaction) => request.answer({ transaction, connection }),
  };
  const recorded = await write((tx, now) => record(tx, sent, now), { answer });
  if (sent.outcome.kind === 'unknown') await scheduleSync(deps, merchantAccountId, transactionId);
  return { transaction: recorded.transaction, connection };
}

/** A use case's request, answered from the use case's own result, which it makes from the template's. */
export function answeredWith<R>(
  request: IdempotentRequest<R> | undefined,
  resultOf: (call: ProviderCallResult) => R,
): IdempotentRequest<ProviderCallResult> | undefined {
  return request && { claim: request.claim, answer: (call) => request.answer(resultOf(call)) };
}

function reserve(tx: Transaction, movement: MoneyMovement, capabilities: CapabilityProfile, now: Date): boolean {
  switch (movement.kind) {
    case 'capture': {
      const { captureId, amount, final } = movement;
      return tx.reserveCapture({ captureId, amount, final }, capabilities, now).created;
    }
    case 'refund': {
      const { refundId, amount, reason, externalIdentifier } = movement;
      return tx.reserveRefund({ refundId, amount, reason, externalIdentifier }, capabilities, now).created;
    }
    case 'void':
      return tx.reserveVoid(capabilities, now);
  }
}

async function send(
  { connector, account }: PaymentConnection,
  reserved: Authorized,
  movement: MoneyMovement,
): Promise<Sent> {
  const providerOrderId = reserved.order.orderId;
  const currency = reserved.details.currency;
  switch (movement.kind) {
    case 'capture': {
      const { id, amount, final } = reservedChild(reserved.captures, movement.captureId);
      const idempotencyKey = `kessai-capture-${id}`;
      const request = { providerOrderId, captureId: id, amount, currency, final, idempotencyKey };
      return { kind: 'capture', captureId: id, outcome: await connector.capture(account, request) };
    }
    case 'refund': {
      const { id, amount, reason } = reservedChild(reserved.refunds, movement.refundId);
      const idempotencyKey = `kessai-refund-${id}`;
      const request = { providerOrderId, refundId: id, amount, currency, reason, idempotencyKey };
      return { kind: 'refund', refundId: id, outcome: await connector.refund(account, request) };
    }
    case 'void': {
      const idempotencyKey = `kessai-void-${reserved.details.id}`;
      return { kind: 'void', outcome: await connector.void(account, { providerOrderId, idempotencyKey }) };
    }
  }
}

function record(tx: Transaction, sent: Sent, now: Date): boolean {
  switch (sent.kind) {
    case 'capture':
      return tx.recordCaptureOutcome(sent.captureId, sent.outcome, now);
    case 'refund':
      return tx.recordRefundOutcome(sent.refundId, sent.outcome, now);
    case 'void':
      return tx.recordVoidOutcome(sent.outcome, now);
  }
}

/** A movement that was never sent, with the outcome it is recorded with. */
function unsent(movement: MoneyMovement, outcome: ConnectorOutcome<never>): Sent {
  switch (movement.kind) {
    case 'capture':
      return { kind: 'capture', captureId: movement.captureId, outcome };
    case 'refund':
      return { kind: 'refund', refundId: movement.refundId, outcome };
    case 'void':
      return { kind: 'void', outcome };
  }
}

/** An unknown outcome is resolved by asking the provider later, never by calling it again blindly. */
async function scheduleSync(
  deps: Pick<PaymentDependencies, 'jobs' | 'clock'>,
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

/** The child a reservation just made; it is there by construction, so its absence is a bug. */
function reservedChild<C extends { id: string }>(children: readonly C[], id: string): C {
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
