import type {
  ApiKeyRegistry,
  CancelTransaction,
  CaptureTransaction,
  Clock,
  CreateTransaction,
  DeliverWebhooks,
  IdempotencyStore,
  IdGenerator,
  ListPaymentOptions,
  ManageApiKeys,
  ManageBuyers,
  ManageCheckoutSessions,
  ManageConnections,
  ManageEmbedOrigins,
  ManageReconciliation,
  ManageShippingDetails,
  ManageWebhookSubscriptions,
  PayCheckoutSession,
  PaymentServiceRepository,
  ReadOverview,
  ReceiveConnectorWebhook,
  RefundTransaction,
  ResolveBuyerReturn,
  ResolveTransactionBuyer,
  ReturnLinkSigner,
  SendTestWebhook,
  SyncTransaction,
  TransactionQueries,
  UpdateTransaction,
  VoidTransaction,
  WebhookDeliveryRepository,
} from '@kessai/domain';
import type { Metrics } from './metrics';

/** Everything the HTTP layer calls: use cases and a few ports, resolved by the composition root. */
export interface ApiServices {
  createTransaction: CreateTransaction;
  captureTransaction: CaptureTransaction;
  voidTransaction: VoidTransaction;
  cancelTransaction: CancelTransaction;
  updateTransaction: UpdateTransaction;
  refundTransaction: RefundTransaction;
  syncTransaction: SyncTransaction;
  resolveBuyerReturn: ResolveBuyerReturn;
  receiveWebhook: ReceiveConnectorWebhook;
  queries: TransactionQueries;
  /** The overview's figures, counted by the storage. */
  readOverview: ReadOverview;
  paymentServices: PaymentServiceRepository;
  manageBuyers: ManageBuyers;
  manageShippingDetails: ManageShippingDetails;
  resolveTransactionBuyer: ResolveTransactionBuyer;
  /** Outgoing merchant webhooks: subscriptions, their deliveries, and redelivery by hand. */
  merchantWebhooks: {
    manage: ManageWebhookSubscriptions;
    deliver: DeliverWebhooks;
    sendTest: SendTestWebhook;
    deliveries: WebhookDeliveryRepository;
  };
  manageConnections: ManageConnections;
  /** Checkout sessions, the one transaction an embed token pays each with, and the origins the embed runs on. */
  checkoutSessions: {
    manage: ManageCheckoutSessions;
    pay: PayCheckoutSession;
    embedOrigins: ManageEmbedOrigins;
  };
  listPaymentOptions: ListPaymentOptions;
  /** Reconciliation runs (done by the `reconcile` job) and their items. */
  reconciliation: ManageReconciliation;
  /** What the authenticator looks tokens' keys up in. */
  apiKeys: ApiKeyRegistry;
  manageApiKeys: ManageApiKeys;
  idempotency: IdempotencyStore;
  clock: Clock;
  ids: IdGenerator;
  metrics: Metrics;
  /** Database reachable and migrated; used by /readyz. */
  readiness(): Promise<{ ready: boolean; checks: Record<string, string> }>;
  /** Refreshes gauges that are read from storage (transactions by status, job queue lag) before a scrape. */
  collectGauges(metrics: Metrics): Promise<void>;
  /** Where this API is reachable from outside (webhook URLs are built from it). */
  publicBaseUrl: string;
  /** Signs and checks the buyer's way back from the provider's page (`/transactions/{id}/return`). */
  returnLinks: ReturnLinkSigner;
}
