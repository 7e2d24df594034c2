import { randomUUID } from 'node:crypto';
import {
  describeApiKeyRegistryContract,
  describeBuyerRepositoryContract,
  describeCheckoutSessionRepositoryContract,
  describeEmbedOriginRegistryContract,
  describeIdempotencyStoreContract,
  describeOutboxContract,
  describePaymentServiceRepositoryContract,
  describeReconciliationStoreContract,
  describeTransactionAnalyticsContract,
  describeTransactionRepositoryContract,
  describeTransactionRequestWritesContract,
  describeWebhookDeliveryRepositoryContract,
  describeWebhookInboxContract,
  describeWebhookSubscriptionRepositoryContract,
} from '@kessai/domain/testing';
import { CredentialCipher } from './repositories/credential-cipher';
import { KnexApiKeyRegistry } from './repositories/knex-api-key-registry';
import { KnexBuyerRepository } from './repositories/knex-buyer-repository';
import { KnexCheckoutSessionRepository } from './repositories/knex-checkout-session-repository';
import { KnexEmbedOriginRegistry } from './repositories/knex-embed-origin-registry';
import { KnexIdempotencyStore } from './repositories/knex-idempotency-store';
import { KnexOutbox } from './repositories/knex-outbox';
import { KnexPaymentServiceRepository } from './repositories/knex-payment-service-repository';
import { KnexReconciliationStore } from './repositories/knex-reconciliation-store';
import { KnexTransactionAnalytics } from './repositories/knex-transaction-analytics';
import { KnexTransactionRepository } from './repositories/knex-transaction-repository';
import { KnexWebhookDeliveryRepository } from './repositories/knex-webhook-delivery-repository';
import { KnexWebhookInbox } from './repositories/knex-webhook-inbox';
import { KnexWebhookSubscriptionRepository } from './repositories/knex-webhook-subscription-repository';
import { useTestDatabase } from './testing/test-database';

// The same contract suites the in-memory adapters pass, against a real PostgreSQL (one database for this file).
const database = useTestDatabase();

describeTransactionRepositoryContract('KnexTransactionRepository', async () => ({
  repository: new KnexTransactionRepository(database().knex),
  outbox: new KnexOutbox(database().knex),
}));
describeTransactionRequestWritesContract('KnexTransactionRepository', async () => ({
  repository: new KnexTransactionRepository(database().knex),
  idempotency: new KnexIdempotencyStore(database().knex),
  inbox: new KnexWebhookInbox(database().knex),
}));
describeOutboxContract('KnexOutbox', async () => ({
  outbox: new KnexOutbox(database().knex),
  repository: new KnexTransactionRepository(database().knex),
}));
describeIdempotencyStoreContract('KnexIdempotencyStore', async () => ({
  store: new KnexIdempotencyStore(database().knex),
}));
describeWebhookInboxContract('KnexWebhookInbox', async () => ({
  inbox: new KnexWebhookInbox(database().knex),
  paymentServiceId: randomUUID(),
  merchantAccountId: 'default',
}));
describeApiKeyRegistryContract('KnexApiKeyRegistry', async () => ({
  registry: new KnexApiKeyRegistry(database().knex),
}));
describeBuyerRepositoryContract('KnexBuyerRepository', async () => ({
  repository: new KnexBuyerRepository(database().knex),
}));
describeCheckoutSessionRepositoryContract('KnexCheckoutSessionRepository', async () => ({
  repository: new KnexCheckoutSessionRepository(database().knex),
}));
describeEmbedOriginRegistryContract('KnexEmbedOriginRegistry', async () => ({
  registry: new KnexEmbedOriginRegistry(database().knex),
}));
describePaymentServiceRepositoryContract('KnexPaymentServiceRepository', async () => ({
  repository: new KnexPaymentServiceRepository(
    database().knex,
    new CredentialCipher('k1', { k1: Buffer.alloc(32, 7) }),
  ),
}));
describeReconciliationStoreContract('KnexReconciliationStore', async () => ({
  store: new KnexReconciliationStore(database().knex),
}));
const cipher = () => new CredentialCipher('k1', { k1: Buffer.alloc(32, 9) });
describeWebhookSubscriptionRepositoryContract('KnexWebhookSubscriptionRepository', async () => ({
  repository: new KnexWebhookSubscriptionRepository(database().knex, cipher()),
}));
describeWebhookDeliveryRepositoryContract('KnexWebhookDeliveryRepository', async () => ({
  deliveries: new KnexWebhookDeliveryRepository(database().knex),
  subscriptions: new KnexWebhookSubscriptionRepository(database().knex, cipher()),
}));
describeTransactionAnalyticsContract('KnexTransactionAnalytics', async () => ({
  analytics: new KnexTransactionAnalytics(database().knex),
  transactions: new KnexTransactionRepository(database().knex),
  subscriptions: new KnexWebhookSubscriptionRepository(database().knex, cipher()),
  deliveries: new KnexWebhookDeliveryRepository(database().knex),
}));
