export { escapeLiteral, Pool } from 'pg';
export { connectPostgres, type Knex, type PostgresOptions, preparesStatements } from './connect';
export {
  EmbeddedPostgresError,
  type EmbeddedServer,
  freePort,
  processAlive,
  type ResolvedDatabase,
  resolveDatabase,
  startEmbeddedPostgres,
  wipeEmbeddedCluster,
} from './embedded/embedded-postgres';
export { letOthersTraverse, postgresUser, type SystemUser } from './embedded/root-access';
export {
  GraphileJobScheduler,
  type JobHandlers,
  type JobQueueConnections,
  startWorker,
  type WorkerOptions,
} from './jobs/graphile-jobs';
export { migrate, pendingMigrations, rollback, SchemaBehindError, stepMigration } from './migrations/migrate';
export { migrateDatabase } from './migrations/migrate-database';
export { CredentialCipher, type SealedCredentials } from './repositories/credential-cipher';
export { countTransactionsByStatus, readiness } from './repositories/health';
export { KnexApiKeyRegistry } from './repositories/knex-api-key-registry';
export { KnexAuditLog } from './repositories/knex-audit-log';
export { KnexBuyerRepository } from './repositories/knex-buyer-repository';
export { KnexCheckoutSessionRepository } from './repositories/knex-checkout-session-repository';
export { KnexDashboardSessionStore } from './repositories/knex-dashboard-session-store';
export { KnexDashboardUserRepository } from './repositories/knex-dashboard-user-repository';
export { KnexEmbedOriginRegistry } from './repositories/knex-embed-origin-registry';
export { KnexIdempotencyStore } from './repositories/knex-idempotency-store';
export { KnexOutbox } from './repositories/knex-outbox';
export { KnexPaymentServiceRepository } from './repositories/knex-payment-service-repository';
export { KnexReconciliationStore } from './repositories/knex-reconciliation-store';
export { KnexSignInAttemptLog } from './repositories/knex-sign-in-attempt-log';
export { KnexTransactionAnalytics } from './repositories/knex-transaction-analytics';
export { KnexTransactionRepository } from './repositories/knex-transaction-repository';
export { KnexWebhookDeliveryRepository } from './repositories/knex-webhook-delivery-repository';
export { KnexWebhookInbox } from './repositories/knex-webhook-inbox';
export { KnexWebhookSubscriptionRepository } from './repositories/knex-webhook-subscription-repository';
export { translatePgError } from './repositories/pg-errors';
export { rebuildTransactionFigures } from './repositories/transaction-figures';
