import { randomUUID } from 'node:crypto';
import { describeApiKeyRegistryContract } from '../testing/contracts/api-key-registry.contract';
import { describeBuyerRepositoryContract } from '../testing/contracts/buyer-repository.contract';
import { describeCheckoutSessionRepositoryContract } from '../testing/contracts/checkout-session-repository.contract';
import { describeEmbedOriginRegistryContract } from '../testing/contracts/embed-origin-registry.contract';
import { describeIdempotencyStoreContract } from '../testing/contracts/idempotency-store.contract';
import { describeOutboxContract } from '../testing/contracts/outbox.contract';
import { describePaymentServiceRepositoryContract } from '../testing/contracts/payment-service-repository.contract';
import { describeReconciliationStoreContract } from '../testing/contracts/reconciliation-store.contract';
import { describeTransactionAnalyticsContract } from '../testing/contracts/transaction-analytics.contract';
import { describeTransactionRepositoryContract } from '../testing/contracts/transaction-repository.contract';
import { describeTransactionRequestWritesContract } from '../testing/contracts/transaction-request-writes.contract';
import { describeWebhookDeliveryRepositoryContract } from '../testing/contracts/webhook-delivery-repository.contract';
import { describeWebhookInboxContract } from '../testing/contracts/webhook-inbox.contract';
import { describeWebhookSubscriptionRepositoryContract } from '../testing/contracts/webhook-subscription-repository.contract';
import { InMemoryApiKeyRegistry } from './in-memory-api-key-registry';
import { InMemoryBuyerRepository } from './in-memory-buyer-repository';
import { InMemoryCheckoutSessionRepository } from './in-memory-checkout-session-repository';
import { InMemoryEmbedOriginRegistry } from './in-memory-embed-origin-registry';
import { InMemoryIdempotencyStore } from './in-memory-idempotency-store';
import { InMemoryOutbox } from './in-memory-outbox';
import { InMemoryPaymentServiceRepository } from './in-memory-payment-service-repository';
import { InMemoryReconciliationStore } from './in-memory-reconciliation-store';
import { InMemoryTransactionAnalytics } from './in-memory-transaction-analytics';
import { InMemoryTransactionRepository } from './in-memory-transaction-repository';
import { InMemoryWebhookDeliveryRepository } from './in-memory-webhook-delivery-repository';
import { InMemoryWebhookInbox } from './in-memory-webhook-inbox';
import { InMemoryWebhookSubscriptionRepository } from './in-memory-webhook-subscription-repository';

// The in-memory adapters pass the same contract suites the PostgreSQL adapters run.
describeTransactionRepositoryContract('InMemoryTransactionRepository', async () => {
  const outbox = new InMemoryOutbox();
  return { repository: new InMemoryTransactionRepository(outbox), outbox };
});
describeTransactionRequestWritesContract('InMemoryTransactionRepository', async () => {
  const idempotency = new InMemoryIdempotencyStore();
  const inbox = new InMemoryWebhookInbox();
  return {
    repository: new InMemoryTransactionRepository(new InMemoryOutbox(), idempotency, inbox),
    idempotency,
    inbox,
  };
});
describeOutboxContract('InMemoryOutbox', async () => {
  const outbox = new InMemoryOutbox();
  return { repository: new InMemoryTransactionRepository(outbox), outbox };
});
describeIdempotencyStoreContract('InMemoryIdempotencyStore', async () => ({ store: new InMemoryIdempotencyStore() }));
describeWebhookInboxContract('InMemoryWebhookInbox', async () => ({
  inbox: new InMemoryWebhookInbox(),
  paymentServiceId: randomUUID(),
  merchantAccountId: 'default',
}));
describeApiKeyRegistryContract('InMemoryApiKeyRegistry', async () => ({ registry: new InMemoryApiKeyRegistry() }));
describeBuyerRepositoryContract('InMemoryBuyerRepository', async () => ({ repository: new InMemoryBuyerRepository() }));
describeCheckoutSessionRepositoryContract('InMemoryCheckoutSessionRepository', async () => ({
  repository: new InMemoryCheckoutSessionRepository(),
}));
describeEmbedOriginRegistryContract('InMemoryEmbedOriginRegistry', async () => ({
  registry: new InMemoryEmbedOriginRegistry(),
}));
describePaymentServiceRepositoryContract('InMemoryPaymentServiceRepository', async () => ({
  repository: new InMemoryPaymentServiceRepository(),
}));
describeReconciliationStoreContract('InMemoryReconciliationStore', async () => ({
  store: new InMemoryReconciliationStore(),
}));
describeWebhookSubscriptionRepositoryContract('InMemoryWebhookSubscriptionRepository', async () => ({
  repository: new InMemoryWebhookSubscriptionRepository(),
}));
describeWebhookDeliveryRepositoryContract('InMemoryWebhookDeliveryRepository', async () => {
  const subscriptions = new InMemoryWebhookSubscriptionRepository();
  return { subscriptions, deliveries: new InMemoryWebhookDeliveryRepository(subscriptions) };
});
describeTransactionAnalyticsContract('InMemoryTransactionAnalytics', async () => {
  const transactions = new InMemoryTransactionRepository(new InMemoryOutbox());
  const subscriptions = new InMemoryWebhookSubscriptionRepository();
  const deliveries = new InMemoryWebhookDeliveryRepository(subscriptions);
  return {
    analytics: new InMemoryTransactionAnalytics(transactions, subscriptions, deliveries),
    transactions,
    subscriptions,
    deliveries,
  };
});
