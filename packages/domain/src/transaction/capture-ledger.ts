import type { CapabilityProfile } from '../connector/capability-profile';
import type { ConnectorOutcome } from '../connector/outcome';
import {
  CaptureAfterFinalError,
  CaptureExceedsAuthorizedError,
  InvalidStateTransitionError,
  NothingToCaptureError,
  UnsupportedFeatureError,
  VoidNotAllowedError,
} from '../errors';
import { Money } from '../money';
import type { DomainEventName } from './domain-events';
import { capturableAmount, capturedAmount, capturesIn, reservedCaptureAmount } from './totals';
import type { CaptureData, TransactionData } from './transaction-data';

export type ChildOutcome<T> = ConnectorOutcome<T>;

/** What the ledger functions may touch: the aggregate's data and its event recorder. */
export interface Ledger {
  data: TransactionData;
  now: Date;
  emit(name: DomainEventName, subjectId: string | null, context: Record<string, unknown>): void;
  authorize(): void;
  endUnauthorized(status: 'authorization_declined' | 'authorization_failed', details: { errorCode: string }): void;
}

export interface CaptureReservation {
  captureId: string;
  /** Omitted: everything still capturable. */
  amount?: number | undefined;
  /** Default true: the provider releases whatever is not captured. */
  final?: boolean | undefined;
}

export interface Reserved<T> {
  child: T;
  /** False when a child with this id already existed (a retried request): nothing new was reserved. */
  created: boolean;
}

export function reserveCapture(
  ledger: Ledger,
  request: CaptureReservation,
  capabilities: CapabilityProfile,
): Reserved<CaptureData> {
  const { data } = ledger;
  const existing = data.captures.find((capture) => capture.id === request.captureId);
  if (existing) return { child: existing, created: false };
  assertCapturableStatus(data);
  if (data.captureClosed || capturesIn(data, 'pending', 'succeeded').some((capture) => capture.final)) {
    throw new CaptureAfterFinalError('a final capture was already made: the rest of the authorization is released');
  }
  const remaining = capturableAmount(data);
  if (remaining === 0)
    throw new NothingToCaptureError('the whole authorized amount is already captured or being captured');
  const amount = request.amount === undefined ? remaining : Money.of(request.amount, data.currency).amount;
  if (amount > remaining) {
    throw new CaptureExceedsAuthorizedError(
      `cannot capture ${amount}: only ${remaining} of the authorized ${data.amount} ${data.currency} is left to capture`,
      '/amount',
    );
  }
  const final = request.final ?? true;
  if (!final && !capabilities.multipleCaptures) {
    throw new UnsupportedFeatureError(`${capabilities.connector} does not support multiple captures`, '/final');
  }
  if (amount < data.amount && !capabilities.partialCapture) {
    throw new UnsupportedFeatureError(`${capabilities.connector} does not support partial capture`, '/amount');
  }
  const capture: CaptureData = {
    id: request.captureId,
    amount,
    final,
    status: 'pending',
    providerCaptureId: null,
    external: false,
    errorCode: null,
    rawResponseCode: null,
    rawResponseDescription: null,
    createdAt: ledger.now,
    updatedAt: ledger.now,
  };
  data.captures.push(capture);
  data.status = 'capture_pending';
  ledger.emit('transaction.capture-pending', capture.id, { amount, final });
  return { child: capture, created: true };
}

function assertCapturableStatus(data: TransactionData): void {
  switch (data.status) {
    case 'authorization_succeeded':
    case 'capture_pending':
    case 'capture_succeeded':
      return;
    case 'authorization_void_pending':
    case 'authorization_voided':
      throw new InvalidStateTransitionError('cannot capture a voided transaction (or one being voided)');
    case 'processing':
    case 'buyer_approval_pending':
      throw new InvalidStateTransitionError('cannot capture before the buyer has authorized the payment');
    case 'authorization_declined':
    case 'authorization_failed':
      throw new InvalidStateTransitionError(`cannot capture a transaction that was not authorized (${data.status})`);
  }
}

/** Records the provider's answer to a capture. A capture that is no longer pending is left as it is. */
export function recordCaptureOutcome(
  ledger: Ledger,
  captureId: string,
  outcome: ChildOutcome<{ providerCaptureId: string }>,
): boolean {
  const capture = ledger.data.captures.find((candidate) => candidate.id === captureId);
  if (capture?.status !== 'pending' || outcome.kind === 'unknown') return false;
  if (outcome.kind === 'succeeded') {
    settleCapture(ledger, capture, outcome.value.providerCaptureId);
  } else {
    const failure = {
      errorCode: outcome.kind === 'declined' ? 'declined' : 'service_error',
      rawResponseCode: outcome.code,
      rawResponseDescription: outcome.message,
    };
    Object.assign(capture, { status: outcome.kind, ...failure, updatedAt: ledger.now });
    // Gr4vy shows the last failed attempt on the transaction too, so a capture that failed is never read as done.
    Object.assign(ledger.data, failure);
    const name = outcome.kind === 'declined' ? 'transaction.capture-declined' : 'transaction.capture-failed';
    ledger.emit(name, capture.id, { amount: capture.amount, raw_response_code: outcome.code });
  }
  recomputeCaptureStatus(ledger.data);
  return true;
}

/** Marks a capture succeeded (from a provider answer or a provider report) and closes capturing if it was final. */
export function settleCapture(ledger: Ledger, capture: CaptureData, providerCaptureId: string): void {
  Object.assign(capture, { status: 'succeeded', providerCaptureId, errorCode: null, updatedAt: ledger.now });
  const { data } = ledger;
  data.capturedAt = ledger.now;
  if (capture.final || capturedAmount(data) === data.amount) data.captureClosed = true;
  data.status = 'capture_succeeded';
  ledger.emit('transaction.captured', capture.id, { amount: capture.amount, captured_amount: capturedAmount(data) });
}

/** After captures change: pending wins, then succeeded, else back to plain authorized. Void states are kept. */
export function recomputeCaptureStatus(data: TransactionData): void {
  if (data.status === 'authorization_voided' || data.status === 'authorization_void_pending') return;
  if (capturesIn(data, 'pending').length > 0) data.status = 'capture_pending';
  else if (capturesIn(data, 'succeeded').length > 0) data.status = 'capture_succeeded';
  else data.status = 'authorization_succeeded';
}

/** Returns false when a void is already pending (a retried request): nothing new was started. */
export function reserveVoid(ledger: Ledger, capabilities: CapabilityProfile): boolean {
  const { data } = ledger;
  if (data.status === 'authorization_void_pending') return false;
  if (!capabilities.void) throw new UnsupportedFeatureError(`${capabilities.connector} does not support void`);
  if (data.status !== 'authorization_succeeded' || reservedCaptureAmount(data) > 0) {
    const why =
      reservedCaptureAmount(data) > 0
        ? 'money was captured (or is being captured): refund it instead'
        : `the transaction is ${data.status}, not authorization_succeeded`;
    throw new VoidNotAllowedError(`cannot void: ${why}`);
  }
  data.status = 'authorization_void_pending';
  ledger.emit('transaction.void-pending', null, {});
  return true;
}

export function recordVoidOutcome(ledger: Ledger, outcome: ChildOutcome<unknown>): boolean {
  const { data } = ledger;
  if (data.status !== 'authorization_void_pending' || outcome.kind === 'unknown') return false;
  if (outcome.kind === 'succeeded') {
    markVoided(ledger, null);
    return true;
  }
  Object.assign(data, {
    status: 'authorization_succeeded',
    errorCode: outcome.kind === 'declined' ? 'declined' : 'service_error',
    rawResponseCode: outcome.code,
    rawResponseDescription: outcome.message,
  });
  ledger.emit('transaction.void-failed', null, { raw_response_code: outcome.code, outcome: outcome.kind });
  return true;
}

export function markVoided(ledger: Ledger, errorCode: string | null): void {
  Object.assign(ledger.data, { status: 'authorization_voided', voidedAt: ledger.now, captureClosed: true });
  if (errorCode) ledger.data.errorCode = errorCode;
  ledger.emit('transaction.voided', null, { error_code: errorCode });
}
