import {
  type Clock,
  type ConnectionSetup,
  ConnectorRegistry,
  type IdGenerator,
  type JobScheduler,
  MerchantSendSlots,
  type MerchantWebhookDependencies,
  type Outbox,
  type PaymentConnector,
  type PaymentDependencies,
  type PaymentServiceRepository,
  type ReconciliationDependencies,
  type TransactionRepository,
  type WebhookInbox,
  type WebhookTransport,
} from '@kessai/domain';
import type { Container } from 'inversify';
import { NetworkWebhookTargetPolicy } from '../merchant-webhooks/network-target-policy';
import { PresenterEventTargetRenderer } from '../merchant-webhooks/presenter-event-target-renderer';
import type { StorageModule } from '../storage/storage-module';
import type { Config } from './config';
import { TOKENS } from './tokens';

/** The connectors, and what the payment and merchant-webhook use cases are made from. */
export function bindPayments(
  container: Container,
  config: Config,
  inputs: { smartpay: { connector: PaymentConnector; setup: ConnectionSetup }; storage: StorageModule },
): void {
  container.bind(TOKENS.SmartpayConnector).toConstantValue(inputs.smartpay.connector);
  container.bind(TOKENS.ConnectionSetup).toConstantValue(inputs.smartpay.setup);
  container
    .bind(TOKENS.Connectors)
    .toResolvedValue((smartpay: PaymentConnector) => new ConnectorRegistry([smartpay]), [TOKENS.SmartpayConnector]);

  container
    .bind(TOKENS.PaymentDependencies)
    .toResolvedValue(
      (
        transactions: TransactionRepository,
        paymentServices: PaymentServiceRepository,
        connectors: ConnectorRegistry,
        inbox: WebhookInbox,
        clock: Clock,
        ids: IdGenerator,
        jobs: JobScheduler,
      ): PaymentDependencies => ({ transactions, paymentServices, connectors, inbox, clock, ids, jobs }),
      [
        TOKENS.Transactions,
        TOKENS.PaymentServices,
        TOKENS.Connectors,
        TOKENS.Inbox,
        TOKENS.Clock,
        TOKENS.Ids,
        TOKENS.Jobs,
      ],
    );

  container.bind(TOKENS.MerchantWebhooks).toResolvedValue(
    (
      transactions: TransactionRepository,
      outbox: Outbox,
      transport: WebhookTransport,
      clock: Clock,
      ids: IdGenerator,
      jobs: JobScheduler,
      paymentServices: PaymentServiceRepository,
    ): MerchantWebhookDependencies => ({
      outbox,
      subscriptions: inputs.storage.webhookSubscriptions,
      deliveries: inputs.storage.webhookDeliveries,
      transport,
      targetPolicy: new NetworkWebhookTargetPolicy(config.MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS),
      targets: new PresenterEventTargetRenderer(transactions, paymentServices),
      clock,
      ids,
      jobs,
      sendSlots: new MerchantSendSlots(),
      rotationGraceMs: config.MERCHANT_WEBHOOK_ROTATION_GRACE_SECONDS * 1000,
      firstRetryMs: config.MERCHANT_WEBHOOK_FIRST_RETRY_MS,
    }),
    [
      TOKENS.Transactions,
      TOKENS.Outbox,
      TOKENS.WebhookTransport,
      TOKENS.Clock,
      TOKENS.Ids,
      TOKENS.Jobs,
      TOKENS.PaymentServices,
    ],
  );

  container.bind(TOKENS.Reconciliation).toResolvedValue(
    (deps: PaymentDependencies, webhooks: MerchantWebhookDependencies): ReconciliationDependencies => ({
      reconciliation: inputs.storage.reconciliation,
      transactions: deps.transactions,
      paymentServices: deps.paymentServices,
      connectors: deps.connectors,
      subscriptions: webhooks.subscriptions,
      deliveries: webhooks.deliveries,
      clock: deps.clock,
      ids: deps.ids,
      jobs: deps.jobs,
    }),
    [TOKENS.PaymentDependencies, TOKENS.MerchantWebhooks],
  );
}
