// @kessai/domain: the framework-free payment core. Embed it with your own adapters (see README "Embedding").

export * from './api-keys/api-key';
export type * from './api-keys/api-key-pair-generator';
export type * from './api-keys/api-key-registry';
export * from './api-keys/api-key-scopes';
export * from './api-keys/manage-api-keys';
export * from './api-keys/record-api-key-use';
export type * from './buyers/buyer';
export type * from './buyers/buyer-repository';
export * from './buyers/manage-buyers';
export * from './buyers/manage-shipping-details';
export * from './buyers/resolve-transaction-buyer';
export * from './checkout-sessions/checkout-session';
export type * from './checkout-sessions/checkout-session-repository';
export * from './checkout-sessions/embed-origin';
export type * from './checkout-sessions/embed-origin-registry';
export * from './checkout-sessions/embed-pins';
export * from './checkout-sessions/manage-checkout-sessions';
export * from './checkout-sessions/manage-embed-origins';
export * from './checkout-sessions/pay-checkout-session';
export type * from './connections/connection-setup';
export * from './connections/manage-connections';
export type * from './connections/payment-service';
export type * from './connections/payment-service-repository';
export * from './connectors/capability-profile';
export { type CapabilityCatalog, ConnectorRegistry } from './connectors/connector-registry';
export * from './connectors/outcome';
export * from './connectors/payment-connector';
export * from './connectors/provider-claim';
export type * from './connectors/provider-snapshot';
export type * from './dashboard-audit/audit-entry';
export type * from './dashboard-audit/audit-log';
export * from './dashboard-users/dashboard-auth-dependencies';
export * from './dashboard-users/dashboard-session';
export * from './dashboard-users/dashboard-session-access';
export type * from './dashboard-users/dashboard-session-store';
export * from './dashboard-users/dashboard-sign-in';
export * from './dashboard-users/dashboard-user';
export type * from './dashboard-users/dashboard-user-repository';
export * from './dashboard-users/manage-dashboard-users';
export * from './dashboard-users/manage-team';
export type * from './dashboard-users/password-hasher';
export * from './dashboard-users/password-policy';
export * from './dashboard-users/session-token';
export type * from './dashboard-users/sign-in-attempt-log';
export * from './dashboard-users/sign-in-throttle';
export * from './errors';
export { DeliverWebhooks } from './merchant-webhooks/deliver-webhooks';
export type { MerchantWebhookDependencies } from './merchant-webhooks/dependencies';
export type * from './merchant-webhooks/event-target-renderer';
export { FanOutWebhookEvents } from './merchant-webhooks/fan-out-events';
export { scheduleDueLanes } from './merchant-webhooks/lanes';
export { ManageWebhookSubscriptions } from './merchant-webhooks/manage-subscriptions';
export * from './merchant-webhooks/merchant-send-slots';
export * from './merchant-webhooks/published-events';
export * from './merchant-webhooks/send-test-webhook';
export * from './merchant-webhooks/webhook-delivery';
export type * from './merchant-webhooks/webhook-delivery-repository';
export * from './merchant-webhooks/webhook-signature';
export * from './merchant-webhooks/webhook-subscription';
export type * from './merchant-webhooks/webhook-subscription-repository';
export type * from './merchant-webhooks/webhook-transport';
export * from './money';
export * from './payment-options/list-payment-options';
export type * from './payment-options/payment-option';
export * from './reconciliation/compare-order';
export * from './reconciliation/difference-kind';
export * from './reconciliation/item-counts';
export * from './reconciliation/japan-day';
export * from './reconciliation/manage-reconciliation';
export type * from './reconciliation/ports/reconciliation-store';
export * from './reconciliation/reconcile-day';
export type * from './reconciliation/reconciliation-dependencies';
export * from './reconciliation/reconciliation-item';
export * from './reconciliation/reconciliation-run';
export * from './reconciliation/run-completed-webhook';
export * from './reconciliation/schedule-daily-reconciliation';
export * from './retention/prune-in-batches';
export * from './retention/retention-policy';
export { dayOf, isTimeZone, startOfDay } from './shared/calendar';
export type * from './shared/clock';
export type * from './shared/id-generator';
export type * from './shared/job-scheduler';
export {
  type CursorPosition,
  decodeCursor,
  encodeCursor,
  pageCursors,
  THUMBPRINT_ID,
} from './shared/keyset-cursor';
export { RandomIdGenerator } from './shared/random-id-generator';
export { ManualClock, SystemClock } from './shared/system-clock';
export type { Actor } from './transactions/actor';
export * from './transactions/allowed-actions';
export * from './transactions/analytics/attention';
export * from './transactions/analytics/money-state';
export * from './transactions/analytics/read-overview';
export type * from './transactions/cart-item';
export { decide } from './transactions/decide';
export { decideCreation } from './transactions/decide-approval';
export * from './transactions/domain-events';
export { type EventSubject, subjectOf } from './transactions/event-subject';
export { evolve } from './transactions/evolve';
export { MoneyInvariantViolation } from './transactions/money-invariants';
export type { PartlyMadeRefund } from './transactions/partly-made-refund';
export type * from './transactions/person-details';
export * from './transactions/ports/idempotency-store';
export type * from './transactions/ports/outbox';
export type * from './transactions/ports/transaction-analytics';
export type * from './transactions/ports/transaction-repository';
export type * from './transactions/ports/webhook-inbox';
export { reconciliationIdFor } from './transactions/reconciliation-id';
export { ReturnLinkSigner } from './transactions/return-link-signer';
export { statusOf } from './transactions/status-of';
export * from './transactions/timing-policy';
export { type Totals, totals } from './transactions/totals';
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
} from './transactions/transaction';
export type * from './transactions/transaction-commands';
export type * from './transactions/transaction-events';
export * from './transactions/transaction-state';
export * from './transactions/transaction-status';
export { summaryOf, type TransactionSummary } from './transactions/transaction-summary';
export { BuyerReturn, type BuyerReturnResult } from './transactions/use-cases/buyer-return';
export { CancelTransaction } from './transactions/use-cases/cancel-transaction';
export {
  type CaptureCommand,
  type CaptureResult,
  CaptureTransaction,
} from './transactions/use-cases/capture-transaction';
export { retryOnConflict } from './transactions/use-cases/conflict-retry';
export { CreateTransaction, type CreateTransactionCommand } from './transactions/use-cases/create-transaction';
export { ExpireStaleApprovals } from './transactions/use-cases/expire-stale-approvals';
export { accountOf, connectionOf, type PaymentConnection } from './transactions/use-cases/payment-connection';
export type { PaymentDependencies } from './transactions/use-cases/payment-dependencies';
export { ProcessConnectorWebhook } from './transactions/use-cases/process-connector-webhook';
export { TransactionQueries } from './transactions/use-cases/queries';
export { ReceiveConnectorWebhook, type ReceivedWebhook } from './transactions/use-cases/receive-connector-webhook';
export { type RefundCommand, type RefundResult, RefundTransaction } from './transactions/use-cases/refund-transaction';
export {
  type BuyerReturnCommand,
  type BuyerReturnRedirect,
  ResolveBuyerReturn,
} from './transactions/use-cases/resolve-buyer-return';
export { ResolveUnknownOutcomes } from './transactions/use-cases/resolve-unknown-outcomes';
export { type SyncCommand, type SyncResult, SyncTransaction } from './transactions/use-cases/sync-transaction';
export { UpdateTransaction, type UpdateTransactionCommand } from './transactions/use-cases/update-transaction';
export { type VoidCommand, type VoidResult, VoidTransaction } from './transactions/use-cases/void-transaction';
export * from './transactions/void-outcome';
