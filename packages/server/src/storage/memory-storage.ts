import {
  InMemoryApiKeyRegistry,
  InMemoryBuyerRepository,
  InMemoryIdempotencyStore,
  InMemoryOutbox,
  InMemoryPaymentServiceRepository,
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
  return {
    transactions: new InMemoryTransactionRepository(outbox),
    outbox,
    idempotency: new InMemoryIdempotencyStore(),
    inbox: new InMemoryWebhookInbox(),
    paymentServices: new InMemoryPaymentServiceRepository(),
    buyers: new InMemoryBuyerRepository(),
    apiKeys: new InMemoryApiKeyRegistry(),
    webhookSubscriptions,
    webhookDeliveries: new InMemoryWebhookDeliveryRepository(webhookSubscriptions),
    dashboard: memoryDashboardStorage(),
    readiness: async () => ({ ready: true, checks: { storage: 'memory' } }),
    collectGauges: async () => undefined,
  };
}
