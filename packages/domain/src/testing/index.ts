// @kessai/domain/testing: the in-memory adapters (also @kessai/domain/in-memory), a scripted fake connector,
// fixtures, and the port contract suites every adapter (ours or yours) runs to prove it behaves. Contract suites use
// jest's globals.

export * from '../in-memory';
export { type ApiKeyRegistryHarness, describeApiKeyRegistryContract } from './contracts/api-key-registry.contract';
export { type AuditLogHarness, describeAuditLogContract } from './contracts/audit-log.contract';
export { type BuyerRepositoryHarness, describeBuyerRepositoryContract } from './contracts/buyer-repository.contract';
export {
  type CheckoutSessionRepositoryHarness,
  describeCheckoutSessionRepositoryContract,
  newCheckoutSession,
} from './contracts/checkout-session-repository.contract';
export {
  type DashboardSessionStoreHarness,
  describeDashboardSessionStoreContract,
} from './contracts/dashboard-session-store.contract';
export {
  type DashboardUserRepositoryHarness,
  describeDashboardUserRepositoryContract,
  newDashboardUserRecord,
} from './contracts/dashboard-user-repository.contract';
export {
  describeEmbedOriginRegistryContract,
  type EmbedOriginRegistryHarness,
} from './contracts/embed-origin-registry.contract';
export { describeIdempotencyStoreContract, type IdempotencyStoreHarness } from './contracts/idempotency-store.contract';
export { describeOutboxContract, type OutboxHarness } from './contracts/outbox.contract';
export {
  describePaymentServiceRepositoryContract,
  type PaymentServiceRepositoryHarness,
} from './contracts/payment-service-repository.contract';
export {
  describeReconciliationStoreContract,
  newItem as newReconciliationItem,
  newRun as newReconciliationRun,
  type ReconciliationStoreHarness,
} from './contracts/reconciliation-store.contract';
export {
  describeSignInAttemptLogContract,
  type SignInAttemptLogHarness,
} from './contracts/sign-in-attempt-log.contract';
export {
  describeTransactionAnalyticsContract,
  type TransactionAnalyticsHarness,
} from './contracts/transaction-analytics.contract';
export {
  describeTransactionRepositoryContract,
  type TransactionRepositoryHarness,
} from './contracts/transaction-repository.contract';
export {
  describeTransactionRequestWritesContract,
  type TransactionRequestWritesHarness,
} from './contracts/transaction-request-writes.contract';
export {
  describeWebhookDeliveryRepositoryContract,
  type WebhookDeliveryRepositoryHarness,
} from './contracts/webhook-delivery-repository.contract';
export { describeWebhookInboxContract, type WebhookInboxHarness } from './contracts/webhook-inbox.contract';
export {
  describeWebhookSubscriptionRepositoryContract,
  newSubscription,
  type WebhookSubscriptionRepositoryHarness,
} from './contracts/webhook-subscription-repository.contract';
export { type FakeOrder, FakePaymentConnector, type ScriptedStep } from './fake-payment-connector';
export { FastTestPasswordHasher } from './fast-test-password-hasher';
export * from './fixtures';
