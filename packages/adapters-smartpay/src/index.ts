export { SmartpayApiError, SmartpayNetworkError } from './client/errors';
export { DEFAULT_RETRY, nextRetryDelay, type RetryPolicy } from './client/retry-policy';
export { SmartpayClient, type SmartpayClientOptions, type SmartpayRequest } from './client/smartpay-client';
export { outcomeOfError } from './outcome-of';
export {
  registerSmartpayWebhookEndpoint,
  SmartpayCredentialsError,
  SUBSCRIBED_EVENTS,
  verifySmartpayCredentials,
} from './smartpay-connection-setup';
export { type SmartpayConnectorOptions, SmartpayPaymentConnector } from './smartpay-payment-connector';
export { parseSmartpayWebhook } from './webhooks/parse-webhook';
export { calculateSignature, decodeSigningSecret, signatureMatches } from './webhooks/signature';
export { checkoutSessionPayload, itemsFor, MAX_LINES } from './wire/checkout-payload';
export { orderSnapshot } from './wire/order-snapshot';
export { mapOrderStatus, SMARTPAY_STATUS_MAP } from './wire/status-map';
