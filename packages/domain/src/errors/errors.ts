import { DomainError } from './domain-error';

// Input rules ---------------------------------------------------------------------------------------------------

export class InvalidAmountError extends DomainError {
  readonly code = 'invalid_amount';
}
export class InvalidCurrencyError extends DomainError {
  readonly code = 'invalid_currency';
}
export class UnsupportedCurrencyError extends DomainError {
  readonly code = 'unsupported_currency';
}
export class UnsupportedCountryError extends DomainError {
  readonly code = 'unsupported_country';
}
export class MissingRequiredFieldError extends DomainError {
  readonly code = 'missing_required_field';
}
export class InvalidFieldError extends DomainError {
  readonly code = 'invalid_field';
}
export class TooManyCartItemsError extends DomainError {
  readonly code = 'too_many_cart_items';
}
export class CartItemsTotalMismatchError extends DomainError {
  readonly code = 'cart_items_total_mismatch';
}
export class UnsupportedFeatureError extends DomainError {
  readonly code = 'unsupported_feature';
}

// State rules ---------------------------------------------------------------------------------------------------

/** An intent method was called in a status that does not allow it (capture before authorization, ...). */
export class InvalidStateTransitionError extends DomainError {
  readonly code = 'invalid_state_transition';
}
export class CaptureExceedsAuthorizedError extends DomainError {
  readonly code = 'amount_exceeds_authorized';
}
export class CaptureAfterFinalError extends DomainError {
  readonly code = 'capture_after_final';
}
export class NothingToCaptureError extends DomainError {
  readonly code = 'nothing_to_capture';
}
export class RefundExceedsCapturedError extends DomainError {
  readonly code = 'amount_exceeds_refundable';
}
export class NothingToRefundError extends DomainError {
  readonly code = 'nothing_to_refund';
}
export class VoidNotAllowedError extends DomainError {
  readonly code = 'void_not_allowed';
}
export class CancelNotAllowedError extends DomainError {
  readonly code = 'cancel_not_allowed';
}
/** A connection the merchant deleted is kept for its transactions, but no longer changed. */
export class PaymentServiceDeletedError extends DomainError {
  readonly code = 'payment_service_deleted';
}

// Lookups and storage -------------------------------------------------------------------------------------------

export class TransactionNotFoundError extends DomainError {
  readonly code = 'transaction_not_found';
}
export class RefundNotFoundError extends DomainError {
  readonly code = 'refund_not_found';
}
export class PaymentServiceNotFoundError extends DomainError {
  readonly code = 'payment_service_not_found';
}
export class WebhookSubscriptionNotFoundError extends DomainError {
  readonly code = 'webhook_subscription_not_found';
}
export class WebhookDeliveryNotFoundError extends DomainError {
  readonly code = 'webhook_delivery_not_found';
}
export class ApiKeyNotFoundError extends DomainError {
  readonly code = 'api_key_not_found';
}
export class BuyerNotFoundError extends DomainError {
  readonly code = 'buyer_not_found';
}
export class ShippingDetailsNotFoundError extends DomainError {
  readonly code = 'shipping_details_not_found';
}
export class ReconciliationRunNotFoundError extends DomainError {
  readonly code = 'reconciliation_run_not_found';
}
export class ReconciliationItemNotFoundError extends DomainError {
  readonly code = 'reconciliation_item_not_found';
}
/** Only an open difference is acknowledged: a settled one needs nobody, an acknowledged one keeps its first note. */
export class ReconciliationItemNotOpenError extends DomainError {
  readonly code = 'reconciliation_item_not_open';
}
/** A transaction names a stored buyer it cannot take: both ways at once, beside a guest buyer, or none stored. */
export class InvalidBuyerReferenceError extends DomainError {
  readonly code = 'invalid_buyer_reference';
}
/** Another buyer of the merchant holds the external identifier; `holderId` names it (Gr4vy's answer does too). */
export class BuyerExternalIdentifierTakenError extends DomainError {
  readonly code = 'buyer_external_identifier_taken';
  constructor(
    readonly externalIdentifier: string,
    readonly holderId: string | undefined,
  ) {
    super(`a buyer with external_identifier ${externalIdentifier} already exists`, '/external_identifier');
  }
}
/** A merchant account's subscriptions are capped: each one multiplies every event into one more send. */
export class TooManyWebhookSubscriptionsError extends DomainError {
  readonly code = 'too_many_webhook_subscriptions';
}
/** A disabled subscription is sent nothing, a test event included: enable it first. */
export class WebhookSubscriptionDisabledError extends DomainError {
  readonly code = 'webhook_subscription_disabled';
}
/** A merchant account's active API keys are capped: each is one more credential that can sign for it. */
export class TooManyApiKeysError extends DomainError {
  readonly code = 'too_many_api_keys';
}
/** Another writer changed the aggregate since it was loaded; the use case reloads and retries (bounded). */
export class ConcurrencyConflictError extends DomainError {
  readonly code = 'concurrency_conflict';
}
/** The request's Idempotency-Key is held by another request (running, answered, or with another body). */
export class IdempotencyKeyHeldError extends DomainError {
  readonly code = 'idempotency_key_held';
}
export class DuplicateRecordError extends DomainError {
  readonly code = 'duplicate_record';
}
/** The password hasher has as many checks running and waiting as it allows: retry shortly, nothing was checked. */
export class PasswordCheckBusyError extends DomainError {
  readonly code = 'password_check_busy';
}

// Connecting to a provider --------------------------------------------------------------------------------------

/** The provider refused the secret key it was given. */
export class ProviderCredentialsRefusedError extends DomainError {
  readonly code = 'invalid_credentials';
  constructor(message: string) {
    super(message, '/secret_key');
  }
}
/** The provider refused to set the connection up for a reason of its own, kept as it said it. */
export class ProviderRefusedSetupError extends DomainError {
  readonly code = 'provider_refused_setup';
  constructor(
    message: string,
    readonly providerCode: string,
    readonly providerMessage: string,
  ) {
    super(message);
  }
}
/** The provider did not answer usably (down, timed out, unreadable): nothing is known, so try again. */
export class ProviderUnreachableError extends DomainError {
  readonly code = 'provider_unreachable';
  /** `cause` is the adapter's own error (which says why, e.g. DNS or refused), for logs and start-up messages. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    if (options) this.cause = options.cause;
  }
}
/** Webhooks must be verifiable: without an endpoint Kessai registered, the merchant gives the signing secret. */
export class WebhookSigningSecretRequiredError extends DomainError {
  readonly code = 'webhook_signing_secret_required';
  constructor() {
    super('webhook_signing_secret is required when Kessai cannot register the webhook endpoint itself');
  }
}
/** No dashboard user with that id in the caller's merchant account. */
export class DashboardUserNotFoundError extends DomainError {
  readonly code = 'dashboard_user_not_found';
}
/** The change would leave the merchant account with no active admin to manage it. */
/** The current password given to change it is not the user's. */
export class WrongPasswordError extends DomainError {
  readonly code = 'wrong_password';
}
export class LastAdminError extends DomainError {
  readonly code = 'last_admin';
}
/** Only an admin manages the team. */
export class AdminOnlyError extends DomainError {
  readonly code = 'admin_only';
}

// Checkout sessions and embed tokens ----------------------------------------------------------------------------

export class CheckoutSessionNotFoundError extends DomainError {
  readonly code = 'checkout_session_not_found';
}
/** A session past its `expires_at` takes no payment; the merchant makes a new one. */
export class CheckoutSessionExpiredError extends DomainError {
  readonly code = 'checkout_session_expired';
}
/** A session whose transaction exists is what the buyer paid for: it no longer changes. */
export class CheckoutSessionPaidError extends DomainError {
  readonly code = 'checkout_session_paid';
}
/** An embed token pins what its transaction may be (amount, currency, buyer, cart, metadata); `field` names the difference. */
export class EmbedPinMismatchError extends DomainError {
  readonly code = 'embed_pin_mismatch';
}
/** An embed token may do only what Embed needs; `field`-less, mapped to 403. */
export class EmbedTokenForbiddenError extends DomainError {
  readonly code = 'embed_forbidden';
}
/** An embed origin is a scheme, host and port only: `https://shop.example` (http for localhost alone). */
export class InvalidEmbedOriginError extends DomainError {
  readonly code = 'invalid_embed_origin';
}
