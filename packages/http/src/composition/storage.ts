import type {
  BuyerRepository,
  IdempotencyStore,
  Outbox,
  PaymentServiceRepository,
  TransactionRepository,
  WebhookDeliveryRepository,
  WebhookInbox,
  WebhookSubscriptionRepository,
} from '@kessai/domain';
import {
  InMemoryBuyerRepository,
  InMemoryIdempotencyStore,
  InMemoryOutbox,
  InMemoryPaymentServiceRepository,
  InMemoryTransactionRepository,
  InMemoryWebhookDeliveryRepository,
  InMemoryWebhookInbox,
  InMemoryWebhookSubscriptionRepository,
} from '@kessai/domain/testing';
import type { Metrics } from '../api/metrics';
import { type ApiKeyRegistry, InMemoryApiKeyRegistry } from '../auth/api-keys';
import { type DashboardStorage, memoryDashboardStorage } from './dashboard-bindings';

/** One storage choice: every storage port, plus the checks /readyz and /metrics read. */
export interface StorageModule {
  transactions: TransactionRepository;
  outbox: Outbox;
  idempotency: IdempotencyStore;
  inbox: WebhookInbox;
  paymentServices: PaymentServiceRepository;
  buyers: BuyerRepository;
  apiKeys: ApiKeyRegistry;
  webhookSubscriptions: WebhookSubscriptionRepository;
  webhookDeliveries: WebhookDeliveryRepository;
  dashboard: DashboardStorage;
  readiness(): Promise<{ ready: boolean; checks: Record<string, string> }>;
  collectGauges(metrics: Metrics): Promise<void>;
}

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
