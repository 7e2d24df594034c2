import { type CurrencyCode, storedAmount } from '../money';
import { statusOf } from './status-of';
import type { CaptureData, RefundData, TransactionData } from './transaction-data';
import {
  type Authorized,
  type Capture,
  type FailureDetails,
  NO_FAILURE,
  type ProviderOrder,
  providerOrderOf,
  type Refund,
  type TransactionDetails,
  type TransactionState,
} from './transaction-state';
import { isAuthorized } from './transaction-status';

/**
 * The one mapping between the aggregate's state and its persisted snapshot (`TransactionData`), both ways.
 * Repositories and presenters keep reading the flat snapshot; only the state is decided on.
 */
export function stateFromData(data: TransactionData): TransactionState {
  const details = detailsOf(data);
  const phase = { details, updatedAt: data.updatedAt, approvalExpiresAt: data.approvalExpiresAt };
  const order = orderOf(data);
  if (isAuthorized(data.status)) return authorizedFromData(data, phase, order);
  switch (data.status) {
    case 'processing':
    case 'buyer_approval_pending':
      return {
        kind: 'awaiting_approval',
        ...phase,
        approval: data.status === 'buyer_approval_pending' && order ? { url: data.approvalUrl ?? '', order } : null,
      };
    case 'authorization_declined':
    case 'authorization_failed':
      return {
        kind: 'refused',
        ...phase,
        outcome: data.status === 'authorization_declined' ? 'declined' : 'failed',
        order,
        failure: { ...failureOf(data), errorCode: data.errorCode ?? '' },
        canceledAt: data.canceledAt,
        buyerApprovalTimedOutAt: data.buyerApprovalTimedOutAt,
      };
  }
}

function authorizedFromData(
  data: TransactionData,
  phase: { details: TransactionDetails; updatedAt: Date; approvalExpiresAt: Date | null },
  order: ProviderOrder | null,
): Authorized {
  if (!order) throw new Error(`transaction ${data.id} is ${data.status} but names no provider order`);
  return {
    kind: 'authorized',
    ...phase,
    order,
    authorizedAt: data.authorizedAt ?? data.createdAt,
    captures: data.captures.map(captureOf),
    refunds: data.refunds.map(refundOf),
    captureClosed: data.captureClosed,
    capturedAt: data.capturedAt,
    voiding:
      data.status === 'authorization_voided'
        ? { kind: 'voided', voidedAt: data.voidedAt ?? data.updatedAt }
        : data.status === 'authorization_void_pending'
          ? { kind: 'pending' }
          : { kind: 'none' },
    failure: failureOf(data),
  };
}

/**
 * A new snapshot whose children are its own; the details' nested values (addresses, buyer, cart items, metadata)
 * are shared with the state, which keeps them frozen. Every field is named, which also keeps the mapping on V8's fast path
 * (spreading a rest object is several times slower).
 */
export function dataFromState(state: TransactionState, version: number): TransactionData {
  const { details } = state;
  const order = providerOrderOf(state);
  const authorized = state.kind === 'authorized' ? state : null;
  const refused = state.kind === 'refused' ? state : null;
  const failure = state.kind === 'awaiting_approval' ? NO_FAILURE : state.failure;
  const data: TransactionData = {
    id: details.id,
    merchantAccountId: details.merchantAccountId,
    reconciliationId: details.reconciliationId,
    paymentServiceId: details.paymentServiceId,
    connector: details.connector,
    intent: details.intent,
    status: statusOf(state),
    amount: details.amount,
    currency: details.currency,
    country: details.country,
    paymentMethod: details.paymentMethod,
    redirectUrl: details.redirectUrl,
    approvalUrl: state.kind === 'awaiting_approval' ? (state.approval?.url ?? null) : null,
    approvalExpiresAt: state.approvalExpiresAt,
    billingDetails: details.billingDetails,
    shippingDetails: details.shippingDetails,
    cartItems: details.cartItems,
    externalIdentifier: details.externalIdentifier,
    metadata: details.metadata,
    providerSessionId: order?.sessionId ?? null,
    providerTransactionId: order?.orderId ?? null,
    errorCode: failure.errorCode,
    rawResponseCode: failure.rawResponseCode,
    rawResponseDescription: failure.rawResponseDescription,
    captureClosed: authorized?.captureClosed ?? false,
    captures: authorized ? authorized.captures.map(captureData) : [],
    refunds: authorized ? authorized.refunds.map(refundData) : [],
    createdAt: details.createdAt,
    updatedAt: state.updatedAt,
    authorizedAt: authorized?.authorizedAt ?? null,
    capturedAt: authorized?.capturedAt ?? null,
    voidedAt: authorized?.voiding.kind === 'voided' ? authorized.voiding.voidedAt : null,
    canceledAt: refused?.canceledAt ?? null,
    buyerApprovalTimedOutAt: refused?.buyerApprovalTimedOutAt ?? null,
    version,
  };
  if (details.paymentMethodExternalIdentifier !== undefined) {
    data.paymentMethodExternalIdentifier = details.paymentMethodExternalIdentifier;
  }
  if (details.buyer !== undefined) data.buyer = details.buyer;
  return data;
}

function detailsOf(data: TransactionData): TransactionDetails {
  return {
    id: data.id,
    merchantAccountId: data.merchantAccountId,
    reconciliationId: data.reconciliationId,
    paymentServiceId: data.paymentServiceId,
    connector: data.connector,
    intent: data.intent,
    amount: storedAmount(data.amount),
    currency: data.currency as CurrencyCode,
    country: data.country,
    paymentMethod: data.paymentMethod,
    ...(data.paymentMethodExternalIdentifier !== undefined && {
      paymentMethodExternalIdentifier: data.paymentMethodExternalIdentifier,
    }),
    redirectUrl: data.redirectUrl,
    billingDetails: data.billingDetails,
    shippingDetails: data.shippingDetails,
    ...(data.buyer !== undefined && { buyer: data.buyer }),
    cartItems: data.cartItems,
    externalIdentifier: data.externalIdentifier,
    metadata: data.metadata,
    createdAt: data.createdAt,
  };
}

function orderOf(data: TransactionData): ProviderOrder | null {
  return data.providerTransactionId === null
    ? null
    : { sessionId: data.providerSessionId, orderId: data.providerTransactionId };
}

function failureOf(source: FailureDetails): FailureDetails {
  return {
    errorCode: source.errorCode,
    rawResponseCode: source.rawResponseCode,
    rawResponseDescription: source.rawResponseDescription,
  };
}

function captureOf(data: CaptureData): Capture {
  return {
    id: data.id,
    amount: storedAmount(data.amount),
    final: data.final,
    status: data.status,
    providerCaptureId: data.providerCaptureId,
    external: data.external,
    failure: failureOf(data),
    createdAt: data.createdAt,
    updatedAt: data.updatedAt,
  };
}

function refundOf(data: RefundData): Refund {
  return {
    id: data.id,
    amount: storedAmount(data.amount),
    reason: data.reason,
    externalIdentifier: data.externalIdentifier,
    status: data.status,
    providerRefundIds: [...data.providerRefundIds],
    refundedAtProvider: storedAmount(data.refundedAtProvider),
    external: data.external,
    failure: failureOf(data),
    createdAt: data.createdAt,
    updatedAt: data.updatedAt,
  };
}

export function captureData(capture: Capture): CaptureData {
  return {
    id: capture.id,
    amount: capture.amount,
    final: capture.final,
    status: capture.status,
    providerCaptureId: capture.providerCaptureId,
    external: capture.external,
    errorCode: capture.failure.errorCode,
    rawResponseCode: capture.failure.rawResponseCode,
    rawResponseDescription: capture.failure.rawResponseDescription,
    createdAt: capture.createdAt,
    updatedAt: capture.updatedAt,
  };
}

export function refundData(refund: Refund): RefundData {
  return {
    id: refund.id,
    amount: refund.amount,
    reason: refund.reason,
    externalIdentifier: refund.externalIdentifier,
    status: refund.status,
    providerRefundIds: [...refund.providerRefundIds],
    refundedAtProvider: refund.refundedAtProvider,
    external: refund.external,
    errorCode: refund.failure.errorCode,
    rawResponseCode: refund.failure.rawResponseCode,
    rawResponseDescription: refund.failure.rawResponseDescription,
    createdAt: refund.createdAt,
    updatedAt: refund.updatedAt,
  };
}
