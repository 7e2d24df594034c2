import type { ApiServices } from '@kessai/api';
import { createPemKeyPair, Metrics } from '@kessai/api';
import {
  type ApiKeyPairGenerator,
  type ApiKeyRegistry,
  BuyerReturn,
  CancelTransaction,
  CaptureTransaction,
  type Clock,
  type ConnectionSetup,
  CreateTransaction,
  DeliverWebhooks,
  type IdempotencyStore,
  type IdGenerator,
  ListPaymentOptions,
  ManageApiKeys,
  ManageBuyers,
  ManageCheckoutSessions,
  ManageConnections,
  ManageEmbedOrigins,
  ManageReconciliation,
  ManageShippingDetails,
  ManageWebhookSubscriptions,
  type MerchantWebhookDependencies,
  PayCheckoutSession,
  type PaymentDependencies,
  ReadOverview,
  ReceiveConnectorWebhook,
  type ReconciliationDependencies,
  RefundTransaction,
  ResolveBuyerReturn,
  ResolveTransactionBuyer,
  SendTestWebhook,
  SyncTransaction,
  TransactionQueries,
  UpdateTransaction,
  VoidTransaction,
} from '@kessai/domain';
import type { Container } from 'inversify';
import type { StorageModule } from '../storage/storage-module';
import { type Config, publicBaseUrl } from './config';
import { returnLinkSigner } from './return-link-signer';
import { TOKENS } from './tokens';

/** What the HTTP API calls: the use cases, the stores it reads directly, and its own metrics. */
export function bindApi(
  container: Container,
  config: Config,
  inputs: { storage: StorageModule; metrics: Metrics | undefined },
): void {
  const { storage } = inputs;
  const metrics = inputs.metrics ?? new Metrics();
  const returnLinks = returnLinkSigner(config);
  const webhookBase = publicBaseUrl(config).replace(/\/$/, '');
  container.bind(TOKENS.ApiKeyPairs).toConstantValue({ generate: createPemKeyPair });
  container
    .bind(TOKENS.ManageApiKeys)
    .toResolvedValue(
      (apiKeys: ApiKeyRegistry, keyPairs: ApiKeyPairGenerator, clock: Clock, ids: IdGenerator) =>
        new ManageApiKeys({ apiKeys, keyPairs, clock, audit: { log: storage.dashboard.audit, ids } }),
      [TOKENS.ApiKeys, TOKENS.ApiKeyPairs, TOKENS.Clock, TOKENS.Ids],
    );
  const buyerDeps = (deps: PaymentDependencies) => ({ buyers: storage.buyers, clock: deps.clock, ids: deps.ids });
  container.bind(TOKENS.ApiServices).toResolvedValue(
    (
      deps: PaymentDependencies,
      idempotency: IdempotencyStore,
      apiKeys: ApiKeyRegistry,
      setup: ConnectionSetup,
      webhooks: MerchantWebhookDependencies,
      manageApiKeys: ManageApiKeys,
      reconciliation: ReconciliationDependencies,
    ): ApiServices => ({
      createTransaction: new CreateTransaction(deps),
      captureTransaction: new CaptureTransaction(deps),
      voidTransaction: new VoidTransaction(deps),
      cancelTransaction: new CancelTransaction(deps),
      updateTransaction: new UpdateTransaction(deps),
      refundTransaction: new RefundTransaction(deps),
      syncTransaction: new SyncTransaction(deps),
      resolveBuyerReturn: new ResolveBuyerReturn(
        returnLinks,
        new BuyerReturn(new TransactionQueries(deps.transactions), new SyncTransaction(deps), deps.clock),
      ),
      receiveWebhook: new ReceiveConnectorWebhook(deps),
      queries: new TransactionQueries(deps.transactions),
      readOverview: new ReadOverview(storage.analytics, deps.clock),
      paymentServices: deps.paymentServices,
      manageBuyers: new ManageBuyers(buyerDeps(deps)),
      manageShippingDetails: new ManageShippingDetails(buyerDeps(deps)),
      resolveTransactionBuyer: new ResolveTransactionBuyer(buyerDeps(deps)),
      merchantWebhooks: {
        manage: new ManageWebhookSubscriptions(webhooks),
        deliver: new DeliverWebhooks(webhooks),
        sendTest: new SendTestWebhook(webhooks),
        deliveries: webhooks.deliveries,
      },
      checkoutSessions: {
        manage: new ManageCheckoutSessions({
          checkoutSessions: storage.checkoutSessions,
          clock: deps.clock,
          ids: deps.ids,
        }),
        pay: new PayCheckoutSession({
          checkoutSessions: storage.checkoutSessions,
          createTransaction: new CreateTransaction(deps),
          queries: new TransactionQueries(deps.transactions),
          clock: deps.clock,
          ids: deps.ids,
        }),
        embedOrigins: new ManageEmbedOrigins({ embedOrigins: storage.embedOrigins, clock: deps.clock }),
      },
      listPaymentOptions: new ListPaymentOptions({
        paymentServices: deps.paymentServices,
        connectors: deps.connectors,
        checkoutSessions: storage.checkoutSessions,
        resolveBuyer: new ResolveTransactionBuyer(buyerDeps(deps)),
      }),
      manageConnections: new ManageConnections({
        paymentServices: deps.paymentServices,
        setup,
        clock: deps.clock,
        ids: deps.ids,
        webhookUrl: (connector, paymentServiceId) => `${webhookBase}/webhooks/${connector}/${paymentServiceId}`,
      }),
      reconciliation: new ManageReconciliation(reconciliation),
      apiKeys,
      manageApiKeys,
      idempotency,
      clock: deps.clock,
      ids: deps.ids,
      metrics,
      readiness: storage.readiness,
      collectGauges: storage.collectGauges,
      publicBaseUrl: publicBaseUrl(config),
      returnLinks,
    }),
    [
      TOKENS.PaymentDependencies,
      TOKENS.Idempotency,
      TOKENS.ApiKeys,
      TOKENS.ConnectionSetup,
      TOKENS.MerchantWebhooks,
      TOKENS.ManageApiKeys,
      TOKENS.Reconciliation,
    ],
  );
}
