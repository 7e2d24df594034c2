// @kessai/domain: the framework-free payment core. Embed it with your own adapters (see README "Embedding").

export {
  type CursorPosition,
  decodeCursor,
  encodeCursor,
  pageCursors,
  THUMBPRINT_ID,
} from './adapters/keyset-cursor';
export { RandomIdGenerator } from './adapters/random-id-generator';
export { ManualClock, SystemClock } from './adapters/system-clock';
export * from './api-keys/api-key';
export type * from './api-keys/api-key-registry';
export type * from './buyer/buyer';
export * from './buyer/manage-buyers';
export * from './connector/capability-profile';
export * from './connector/outcome';
export * from './connector/payment-connector';
export type * from './connector/provider-snapshot';
export * from './dashboard-users/dashboard-auth-dependencies';
export * from './dashboard-users/dashboard-session';
export * from './dashboard-users/dashboard-session-access';
export * from './dashboard-users/dashboard-sign-in';
export * from './dashboard-users/dashboard-user';
export * from './dashboard-users/manage-dashboard-users';
export * from './dashboard-users/password-policy';
export * from './dashboard-users/session-token';
export * from './dashboard-users/sign-in-throttle';
export * from './errors';
export * from './merchant-webhooks/merchant-send-slots';
export * from './merchant-webhooks/published-events';
export * from './merchant-webhooks/webhook-delivery';
export * from './merchant-webhooks/webhook-signature';
export * from './merchant-webhooks/webhook-subscription';
export * from './money';
export type * from './payment-service/connection-setup';
export * from './payment-service/manage-connections';
export type * from './payment-service/payment-service';
export type * from './ports/buyer-repository';
export type * from './ports/clock';
export type * from './ports/dashboard-session-store';
export type * from './ports/dashboard-user-repository';
export type * from './ports/event-target-renderer';
export type * from './ports/id-generator';
export * from './ports/idempotency-store';
export type * from './ports/job-scheduler';
export type * from './ports/outbox';
export type * from './ports/password-hasher';
export type * from './ports/payment-service-repository';
export type * from './ports/sign-in-attempt-log';
export type * from './ports/transaction-repository';
export type * from './ports/webhook-delivery-repository';
export type * from './ports/webhook-inbox';
export type * from './ports/webhook-subscription-repository';
export type * from './ports/webhook-transport';
export * from './retention/prune-in-batches';
export * from './retention/retention-policy';
export type { Actor } from './transaction/actor';
export type * from './transaction/cart-item';
export { decide } from './transaction/decide';
export { decideCreation } from './transaction/decide-approval';
export * from './transaction/domain-events';
export { type EventSubject, subjectOf } from './transaction/event-subject';
export { evolve } from './transaction/evolve';
export { MoneyInvariantViolation } from './transaction/money-invariants';
export type { PartlyMadeRefund } from './transaction/partly-made-refund';
export type * from './transaction/person-details';
export { reconciliationIdFor } from './transaction/reconciliation-id';
export { ReturnLinkSigner } from './transaction/return-link-signer';
export { statusOf } from './transaction/status-of';
export * from './transaction/timing-policy';
export { type Totals, totals } from './transaction/totals';
export {
  type CaptureReservation,
  type ChangeSource,
  type Decided,
  type NewTransaction,
  type RefundReservation,
  type Refusal,
  type Reserved,
  type SnapshotOptions,
  Transaction,
} from './transaction/transaction';
export type * from './transaction/transaction-commands';
export type * from './transaction/transaction-events';
export * from './transaction/transaction-state';
export * from './transaction/transaction-status';
export { summaryOf, type TransactionSummary } from './transaction/transaction-summary';
export { BuyerReturn, type BuyerReturnResult } from './use-cases/buyer-return';
export { CancelTransaction } from './use-cases/cancel-transaction';
export { type CaptureCommand, type CaptureResult, CaptureTransaction } from './use-cases/capture-transaction';
export { retryOnConflict } from './use-cases/conflict-retry';
export { type CapabilityCatalog, ConnectorRegistry } from './use-cases/connector-registry';
export { CreateTransaction, type CreateTransactionCommand } from './use-cases/create-transaction';
export { ExpireStaleApprovals } from './use-cases/expire-stale-approvals';
export { DeliverWebhooks } from './use-cases/merchant-webhooks/deliver-webhooks';
export type { MerchantWebhookDependencies } from './use-cases/merchant-webhooks/dependencies';
export { FanOutWebhookEvents } from './use-cases/merchant-webhooks/fan-out-events';
export { scheduleDueLanes } from './use-cases/merchant-webhooks/lanes';
export { ManageWebhookSubscriptions } from './use-cases/merchant-webhooks/manage-subscriptions';
export { accountOf, connectionOf, type PaymentConnection } from './use-cases/payment-connection';
export type { PaymentDependencies } from './use-cases/payment-dependencies';
export { ProcessConnectorWebhook } from './use-cases/process-connector-webhook';
export { TransactionQueries } from './use-cases/queries';
export { ReceiveConnectorWebhook, type ReceivedWebhook } from './use-cases/receive-connector-webhook';
export { type RefundCommand, type RefundResult, RefundTransaction } from './use-cases/refund-transaction';
export {
  type BuyerReturnCommand,
  type BuyerReturnRedirect,
  ResolveBuyerReturn,
} from './use-cases/resolve-buyer-return';
export { ResolveUnknownOutcomes } from './use-cases/resolve-unknown-outcomes';
export { type SyncCommand, type SyncResult, SyncTransaction } from './use-cases/sync-transaction';
export { UpdateTransaction, type UpdateTransactionCommand } from './use-cases/update-transaction';
export { type VoidCommand, VoidTransaction } from './use-cases/void-transaction';
