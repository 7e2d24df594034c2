import {
  InMemoryApiKeyRegistry,
  InMemoryBuyerRepository,
  InMemoryCheckoutSessionRepository,
  InMemoryEmbedOriginRegistry,
  InMemoryIdempotencyStore,
  InMemoryOutbox,
  InMemoryPaymentServiceRepository,
  InMemoryReconciliationStore,
  InMemoryTransactionAnalytics,
  InMemoryTransactionRepository,
  InMemoryWebhookDeliveryRepository,
  InMemoryWebhookInbox,
  InMemoryWebhookSubscriptionRepository,
} from '@kessai/domain/in-memory';
import { memoryDashboardStorage } from './dashboard-storage';
import type { StorageModule } from './storage-module';

/** Storage `memory`: everything in this process (demos, tests). Lost on exit. */
export function memoryStorage(): StorageModule {
  const outbox = new InMemoryOutbox();
  const webhookSubscriptions = new InMemoryWebhookSubscriptionRepository();
  // One store: a capture's key and answer ride its transaction's writes, the other requests' go through the hooks.
  const idempotency = new InMemoryIdempotencyStore();
  const inbox = new InMemoryWebhookInbox();
  const transactions = new InMemoryTransactionRepository(outbox, idempotency, inbox);
  const webhookDeliveries = new InMemoryWebhookDeliveryRepository(webhookSubscriptions);
  return {
    transactions,
    analytics: new InMemoryTransactionAnalytics(transactions, webhookSubscriptions, webhookDeliveries),
    outbox,
    idempotency,
    inbox,
    paymentServices: new InMemoryPaymentServiceRepository(),
    buyers: new InMemoryBuyerRepository(),
    checkoutSessions: new InMemoryCheckoutSessionRepository(),
    embedOrigins: new InMemoryEmbedOriginRegistry(),
    apiKeys: new InMemoryApiKeyRegistry(),
    webhookSubscriptions,
    webhookDeliveries,
    reconciliation: new InMemoryReconciliationStore(),
    dashboard: memoryDashboardStorage(),
    readiness: async () => ({ ready: true, checks: { storage: 'memory' } }),
    collectGauges: async () => undefined,
  };
}
