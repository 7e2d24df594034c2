import {
  authorizedAmount,
  type CaptureData,
  type CartItem,
  capturedAmount,
  type PersonDetails,
  type RefundData,
  refundedAmount,
  reservedCaptureAmount,
  reservedRefundAmount,
  type TransactionBuyer,
  type TransactionData,
} from '@kessai/domain';

/** Rows ↔ TransactionData. The cached totals are the domain's, derived from the children on every write. */
export interface TransactionRow {
  id: string;
  merchant_account_id: string;
  reconciliation_id: string;
  payment_service_id: string;
  connector: string;
  intent: TransactionData['intent'];
  status: TransactionData['status'];
  amount: number;
  currency: string;
  country: string;
  payment_method: string;
  payment_method_external_identifier: string | null;
  redirect_url: string;
  approval_url: string | null;
  approval_expires_at: Date | null;
  billing_details: PersonDetails;
  shipping_details: PersonDetails;
  buyer: TransactionBuyer | null;
  cart_items: CartItem[];
  external_identifier: string | null;
  metadata: Record<string, string>;
  provider_session_id: string | null;
  provider_transaction_id: string | null;
  error_code: string | null;
  raw_response_code: string | null;
  raw_response_description: string | null;
  capture_closed: boolean;
  authorized_amount: number;
  reserved_capture_amount: number;
  captured_amount: number;
  reserved_refund_amount: number;
  refunded_amount: number;
  created_at: Date;
  updated_at: Date;
  authorized_at: Date | null;
  captured_at: Date | null;
  voided_at: Date | null;
  canceled_at: Date | null;
  buyer_approval_timed_out_at: Date | null;
  version: number;
  event_count?: number;
}

export interface CaptureRow {
  id: string;
  transaction_id: string;
  merchant_account_id: string;
  position: number;
  amount: number;
  final: boolean;
  status: CaptureData['status'];
  provider_capture_id: string | null;
  external: boolean;
  error_code: string | null;
  raw_response_code: string | null;
  raw_response_description: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface RefundRow {
  id: string;
  transaction_id: string;
  merchant_account_id: string;
  position: number;
  amount: number;
  reason: string | null;
  external_identifier: string | null;
  status: RefundData['status'];
  provider_refund_ids: string[];
  refunded_at_provider: number;
  external: boolean;
  error_code: string | null;
  raw_response_code: string | null;
  raw_response_description: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toTransactionRow(data: TransactionData): TransactionRow {
  return {
    id: data.id,
    merchant_account_id: data.merchantAccountId,
    reconciliation_id: data.reconciliationId,
    payment_service_id: data.paymentServiceId,
    connector: data.connector,
    intent: data.intent,
    status: data.status,
    amount: data.amount,
    currency: data.currency,
    country: data.country,
    payment_method: data.paymentMethod,
    payment_method_external_identifier: data.paymentMethodExternalIdentifier ?? null,
    redirect_url: data.redirectUrl,
    approval_url: data.approvalUrl,
    approval_expires_at: data.approvalExpiresAt,
    billing_details: data.billingDetails,
    shipping_details: data.shippingDetails,
    buyer: data.buyer ?? null,
    cart_items: data.cartItems,
    external_identifier: data.externalIdentifier,
    metadata: data.metadata,
    provider_session_id: data.providerSessionId,
    provider_transaction_id: data.providerTransactionId,
    error_code: data.errorCode,
    raw_response_code: data.rawResponseCode,
    raw_response_description: data.rawResponseDescription,
    capture_closed: data.captureClosed,
    authorized_amount: authorizedAmount(data),
    reserved_capture_amount: reservedCaptureAmount(data),
    captured_amount: capturedAmount(data),
    reserved_refund_amount: reservedRefundAmount(data),
    refunded_amount: refundedAmount(data),
    created_at: data.createdAt,
    updated_at: data.updatedAt,
    authorized_at: data.authorizedAt,
    captured_at: data.capturedAt,
    voided_at: data.voidedAt,
    canceled_at: data.canceledAt,
    buyer_approval_timed_out_at: data.buyerApprovalTimedOutAt,
    version: data.version,
  };
}

export function toCaptureRow(transaction: TransactionData, capture: CaptureData, position: number): CaptureRow {
  return {
    id: capture.id,
    transaction_id: transaction.id,
    merchant_account_id: transaction.merchantAccountId,
    position,
    amount: capture.amount,
    final: capture.final,
    status: capture.status,
    provider_capture_id: capture.providerCaptureId,
    external: capture.external,
    error_code: capture.errorCode,
    raw_response_code: capture.rawResponseCode,
    raw_response_description: capture.rawResponseDescription,
    created_at: capture.createdAt,
    updated_at: capture.updatedAt,
  };
}

export function toRefundRow(transaction: TransactionData, refund: RefundData, position: number): RefundRow {
  return {
    id: refund.id,
    transaction_id: transaction.id,
    merchant_account_id: transaction.merchantAccountId,
    position,
    amount: refund.amount,
    reason: refund.reason,
    external_identifier: refund.externalIdentifier,
    status: refund.status,
    provider_refund_ids: refund.providerRefundIds,
    refunded_at_provider: refund.refundedAtProvider,
    external: refund.external,
    error_code: refund.errorCode,
    raw_response_code: refund.rawResponseCode,
    raw_response_description: refund.rawResponseDescription,
    created_at: refund.createdAt,
    updated_at: refund.updatedAt,
  };
}

export function fromCaptureRow(row: CaptureRow): CaptureData {
  return {
    id: row.id,
    amount: row.amount,
    final: row.final,
    status: row.status,
    providerCaptureId: row.provider_capture_id,
    external: row.external,
    errorCode: row.error_code,
    rawResponseCode: row.raw_response_code,
    rawResponseDescription: row.raw_response_description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function fromRefundRow(row: RefundRow): RefundData {
  return {
    id: row.id,
    amount: row.amount,
    reason: row.reason,
    externalIdentifier: row.external_identifier,
    status: row.status,
    providerRefundIds: row.provider_refund_ids,
    refundedAtProvider: row.refunded_at_provider,
    external: row.external,
    errorCode: row.error_code,
    rawResponseCode: row.raw_response_code,
    rawResponseDescription: row.raw_response_description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function fromTransactionRow(row: TransactionRow, captures: CaptureRow[], refunds: RefundRow[]): TransactionData {
  const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;
  return {
    id: row.id,
    merchantAccountId: row.merchant_account_id,
    reconciliationId: row.reconciliation_id,
    paymentServiceId: row.payment_service_id,
    connector: row.connector,
    intent: row.intent,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    country: row.country,
    paymentMethod: row.payment_method,
    ...(row.payment_method_external_identifier !== null
      ? { paymentMethodExternalIdentifier: row.payment_method_external_identifier }
      : {}),
    redirectUrl: row.redirect_url,
    approvalUrl: row.approval_url,
    approvalExpiresAt: row.approval_expires_at,
    billingDetails: row.billing_details,
    shippingDetails: row.shipping_details,
    ...(row.buyer ? { buyer: row.buyer } : {}),
    cartItems: row.cart_items,
    externalIdentifier: row.external_identifier,
    metadata: row.metadata,
    providerSessionId: row.provider_session_id,
    providerTransactionId: row.provider_transaction_id,
    errorCode: row.error_code,
    rawResponseCode: row.raw_response_code,
    rawResponseDescription: row.raw_response_description,
    captureClosed: row.capture_closed,
    captures: captures.slice().sort(byPosition).map(fromCaptureRow),
    refunds: refunds.slice().sort(byPosition).map(fromRefundRow),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    authorizedAt: row.authorized_at,
    capturedAt: row.captured_at,
    voidedAt: row.voided_at,
    canceledAt: row.canceled_at,
    buyerApprovalTimedOutAt: row.buyer_approval_timed_out_at,
    version: row.version,
  };
}

/**
 * The columns reads name explicitly (not `t.*`): a prepared statement's result type must not change under it, and
 * `*` would change with the next migration that adds a column, while older processes still hold the statement.
 */
export const TRANSACTION_COLUMNS = [
  'id',
  'merchant_account_id',
  'reconciliation_id',
  'payment_service_id',
  'connector',
  'intent',
  'status',
  'amount',
  'currency',
  'country',
  'payment_method',
  'payment_method_external_identifier',
  'redirect_url',
  'approval_url',
  'approval_expires_at',
  'billing_details',
  'shipping_details',
  'buyer',
  'cart_items',
  'external_identifier',
  'metadata',
  'provider_session_id',
  'provider_transaction_id',
  'error_code',
  'raw_response_code',
  'raw_response_description',
  'capture_closed',
  'authorized_amount',
  'reserved_capture_amount',
  'captured_amount',
  'reserved_refund_amount',
  'refunded_amount',
  'created_at',
  'updated_at',
  'authorized_at',
  'captured_at',
  'voided_at',
  'canceled_at',
  'buyer_approval_timed_out_at',
  'version',
  'event_count',
] as const satisfies ReadonlyArray<keyof TransactionRow>;
