import {
  type Actor,
  allowedActions,
  type Capture,
  type CartItem,
  isRotating,
  type MerchantWebhookDelivery,
  type PersonDetails,
  PUBLISHED_EVENT_NAMES,
  type RankedConnection,
  type Refund,
  type StoredEvent,
  type TransactionDetails,
  type TransactionSummary,
  type WebhookSubscription,
} from '@kessai/domain';
import type { PaymentServiceJson } from './schemas/payment-service';
import type { RefundJson } from './schemas/refund';
import type { CaptureJson, TransactionJson } from './schemas/transaction';
import type { WebhookDeliveryJson, WebhookSubscriptionJson } from './schemas/webhook-subscription';

/** Domain data → Gr4vy-shaped JSON. Pure functions; the zod response schemas check the result. */
const iso = (date: Date | null) => (date ? date.toISOString() : null);

function person(details: PersonDetails) {
  return {
    first_name: details.firstName,
    last_name: details.lastName,
    email_address: details.emailAddress,
    phone_number: details.phoneNumber ?? null,
    address: {
      line1: details.address.line1,
      line2: details.address.line2 ?? null,
      city: details.address.city,
      state: details.address.state,
      postal_code: details.address.postalCode,
      country: details.address.country,
      state_code: details.address.stateCode ?? null,
      house_number_or_name: details.address.houseNumberOrName ?? null,
      organization: details.address.organization ?? null,
    },
  };
}

function intentOutcome(data: TransactionSummary): TransactionJson['intent_outcome'] {
  switch (data.status) {
    case 'authorization_declined':
    case 'authorization_failed':
    case 'authorization_voided':
      return 'failed';
    case 'authorization_succeeded':
      return data.intent === 'authorize' ? 'succeeded' : 'pending';
    case 'capture_succeeded':
      return 'succeeded';
    default:
      return 'pending';
  }
}

/**
 * `paymentServiceName` is the connection's display name now (Gr4vy shows the current one). The fixed values are
 * the truth for a Smartpay redirect payment: Kessai learns nothing of settlement, disputes, gift cards or
 * reviews from Smartpay, and it refuses merchant-initiated, subsequent and account-funding payments on create.
 */
export function presentTransaction(data: TransactionSummary, paymentServiceName: string): TransactionJson {
  return {
    type: 'transaction',
    id: data.id,
    reconciliation_id: data.reconciliationId,
    merchant_account_id: data.merchantAccountId,
    status: data.status,
    intent: data.intent,
    intent_outcome: intentOutcome(data),
    amount: data.amount,
    authorized_amount: data.authorizedAmount,
    captured_amount: data.capturedAmount,
    refunded_amount: data.refundedAmount,
    settled: false,
    settled_amount: 0,
    settled_currency: null,
    currency: data.currency,
    country: data.country,
    external_identifier: data.externalIdentifier,
    metadata: data.metadata,
    method: 'smartpay',
    instrument_type: 'redirect',
    payment_method: {
      type: 'payment-method',
      method: data.paymentMethod,
      mode: 'redirect',
      approval_url: data.approvalUrl,
      approval_target: 'any',
      country: data.country,
      currency: data.currency,
      external_identifier: data.paymentMethodExternalIdentifier ?? null,
    },
    payment_service: {
      type: 'payment-service',
      id: data.paymentServiceId,
      payment_service_definition_id: `${data.connector}-${data.paymentMethod}`,
      method: data.paymentMethod,
      display_name: paymentServiceName,
    },
    payment_service_transaction_id: data.providerOrderId,
    additional_identifiers: data.providerSessionId
      ? { payment_service_checkout_session_id: data.providerSessionId }
      : {},
    buyer: {
      type: 'buyer',
      id: data.buyer?.id ?? null,
      display_name: data.buyer?.displayName ?? null,
      external_identifier: data.buyer?.externalIdentifier ?? null,
      account_number: data.buyer?.accountNumber ?? null,
      billing_details: person(data.billingDetails),
    },
    shipping_details: { type: 'shipping-details', ...person(data.shippingDetails) },
    cart_items: data.cartItems.map(presentCartItem),
    error_code: data.errorCode,
    raw_response_code: data.rawResponseCode,
    raw_response_description: data.rawResponseDescription,
    payment_source: 'ecommerce',
    merchant_initiated: false,
    is_subsequent_payment: false,
    account_funding_transaction: false,
    multi_tender: false,
    pending_review: false,
    disputed: false,
    gift_card_redemptions: [],
    created_at: data.createdAt.toISOString(),
    updated_at: data.updatedAt.toISOString(),
    authorized_at: iso(data.authorizedAt),
    captured_at: iso(data.capturedAt),
    voided_at: iso(data.voidedAt),
    canceled_at: iso(data.canceledAt),
    approval_expires_at: iso(data.approvalExpiresAt),
    buyer_approval_timedout_at: iso(data.buyerApprovalTimedOutAt),
    actions: allowedActions(data),
  };
}

export function presentCapture(
  transaction: Pick<TransactionDetails, 'id' | 'currency'>,
  capture: Capture,
): CaptureJson {
  return {
    type: 'transaction-capture',
    id: capture.id,
    transaction_id: transaction.id,
    status: capture.status,
    amount: capture.amount,
    currency: transaction.currency,
    final: capture.final,
    payment_service_capture_id: capture.providerCaptureId,
    error_code: capture.failure.errorCode,
    raw_response_code: capture.failure.rawResponseCode,
    raw_response_description: capture.failure.rawResponseDescription,
    created_at: capture.createdAt.toISOString(),
    updated_at: capture.updatedAt.toISOString(),
  };
}

export function presentRefund(
  transaction: Pick<TransactionDetails, 'id' | 'reconciliationId' | 'currency' | 'externalIdentifier'>,
  refund: Refund,
): RefundJson {
  return {
    type: 'refund',
    id: refund.id,
    transaction_id: transaction.id,
    reconciliation_id: refund.id.replace(/-/g, '').slice(0, 22),
    transaction_reconciliation_id: transaction.reconciliationId,
    status: refund.status,
    amount: refund.amount,
    currency: transaction.currency,
    reason: refund.reason,
    target_type: 'payment-method',
    external_identifier: refund.externalIdentifier,
    transaction_external_identifier: transaction.externalIdentifier,
    payment_service_refund_id: refund.providerRefundIds[0] ?? null,
    payment_service_refund_ids: [...refund.providerRefundIds],
    error_code: refund.failure.errorCode,
    raw_response_code: refund.failure.rawResponseCode,
    raw_response_description: refund.failure.rawResponseDescription,
    created_at: refund.createdAt.toISOString(),
    updated_at: refund.updatedAt.toISOString(),
  };
}

export function presentEvent(event: StoredEvent) {
  return {
    type: 'transaction-event' as const,
    id: event.id,
    name: event.name,
    created_at: event.occurredAt.toISOString(),
    actor: (event.context.actor as Actor | undefined) ?? null,
    context: { ...event.context, subject_id: event.subjectId, sequence: event.sequence },
  };
}

/**
 * `position` is the connection's rank among the merchant's, oldest first; `used_for_new_transactions` says whether
 * it is the one a transaction naming none is made on. The capability flags and accepted lists are what Smartpay
 * is. Credentials are never shown.
 */
export function presentPaymentService(
  { service, position, usedForNewTransactions }: RankedConnection,
  publicBaseUrl: string,
): PaymentServiceJson {
  return {
    type: 'payment-service',
    id: service.id,
    merchant_account_id: service.merchantAccountId,
    payment_service_definition_id: `${service.connector}-smartpay`,
    method: 'smartpay',
    display_name: service.displayName,
    active: service.active,
    position,
    accepted_currencies: ['JPY'],
    accepted_countries: ['JP'],
    payment_method_tokenization_enabled: false,
    network_tokens_enabled: false,
    open_loop: false,
    settlement_reporting_enabled: false,
    three_d_secure_enabled: false,
    is_deleted: Boolean(service.deletedAt),
    webhook_url: `${publicBaseUrl.replace(/\/$/, '')}/webhooks/${service.connector}/${service.id}`,
    provider_webhook_endpoint_id: service.providerWebhookEndpointId,
    created_at: service.createdAt.toISOString(),
    updated_at: service.updatedAt.toISOString(),
    used_for_new_transactions: usedForNewTransactions,
  };
}

/** Never shows the secrets: they are returned once, by the routes that create them (create, rotate-secret). */
export function presentWebhookSubscription(subscription: WebhookSubscription, now: Date): WebhookSubscriptionJson {
  const rotating = isRotating(subscription, now);
  return {
    type: 'webhook-subscription',
    id: subscription.id,
    merchant_account_id: subscription.merchantAccountId,
    url: subscription.url,
    active: subscription.active,
    rotating,
    previous_secret_expires_at: rotating ? iso(subscription.previousSecretExpiresAt) : null,
    events: [...(subscription.eventTypes ?? PUBLISHED_EVENT_NAMES)],
    all_events: subscription.eventTypes === null,
    created_at: subscription.createdAt.toISOString(),
    updated_at: subscription.updatedAt.toISOString(),
  };
}

export function presentWebhookDelivery(delivery: MerchantWebhookDelivery): WebhookDeliveryJson {
  return {
    type: 'webhook-delivery',
    id: delivery.id,
    subscription_id: delivery.subscriptionId,
    event_id: delivery.eventId,
    event_name: delivery.eventName,
    transaction_id: delivery.transactionId,
    status: delivery.status,
    attempts: delivery.attempts.map((attempt) => ({
      number: attempt.number,
      attempted_at: attempt.attemptedAt.toISOString(),
      duration_ms: attempt.durationMs,
      response_status: attempt.responseStatus,
      error: attempt.error,
      request_headers: attempt.requestHeaders,
      response_body_excerpt: attempt.responseExcerpt,
    })),
    next_attempt_at: iso(delivery.nextAttemptAt),
    give_up_at: delivery.giveUpAt.toISOString(),
    created_at: delivery.createdAt.toISOString(),
    delivered_at: iso(delivery.deliveredAt),
    payload: JSON.parse(delivery.body) as Record<string, unknown>,
  };
}

export function presentCartItem(item: CartItem) {
  return {
    name: item.name,
    quantity: item.quantity,
    unit_amount: item.unitAmount,
    discount_amount: item.discountAmount,
    tax_amount: item.taxAmount,
    product_type: item.productType ?? null,
    sku: item.sku ?? null,
    external_identifier: item.externalIdentifier ?? null,
    description: item.description ?? null,
    product_url: item.productUrl ?? null,
    image_url: item.imageUrl ?? null,
    categories: item.categories ?? null,
    upc: item.upc ?? null,
    seller_country: item.sellerCountry ?? null,
    tax_exempt: item.taxExempt ?? null,
    unit_of_measure: item.unitOfMeasure ?? null,
    commodity_code: item.commodityCode ?? null,
  };
}
