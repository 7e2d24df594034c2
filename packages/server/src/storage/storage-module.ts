import type { Metrics } from '@kessai/api';
import type {
  ApiKeyRegistry,
  BuyerRepository,
  CheckoutSessionRepository,
  EmbedOriginRegistry,
  IdempotencyStore,
  Outbox,
  PaymentServiceRepository,
  ReconciliationStore,
  TransactionAnalytics,
  TransactionRepository,
  WebhookDeliveryRepository,
  WebhookInbox,
  WebhookSubscriptionRepository,
} from '@kessai/domain';
import type { DurableJobQueue } from '../jobs/job-engine';
import type { DashboardStorage } from './dashboard-storage';

/** One storage choice: every storage port, plus the checks /readyz and /metrics read. */
export interface StorageModule {
  transactions: TransactionRepository;
  /** The overview's counts and sums over the same transactions. */
  analytics: TransactionAnalytics;
  outbox: Outbox;
  idempotency: IdempotencyStore;
  inbox: WebhookInbox;
  paymentServices: PaymentServiceRepository;
  buyers: BuyerRepository;
  checkoutSessions: CheckoutSessionRepository;
  embedOrigins: EmbedOriginRegistry;
  apiKeys: ApiKeyRegistry;
  webhookSubscriptions: WebhookSubscriptionRepository;
  webhookDeliveries: WebhookDeliveryRepository;
  reconciliation: ReconciliationStore;
  dashboard: DashboardStorage;
  readiness(): Promise<{ ready: boolean; checks: Record<string, string> }>;
  collectGauges(metrics: Metrics): Promise<void>;
}

/** Storage opened before the container (PostgreSQL): its ports, its durable job queue, and how to close both. */
export interface OpenStorage {
  storage: StorageModule;
  jobs: DurableJobQueue;
  close(): Promise<void>;
}
