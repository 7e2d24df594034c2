import {
  type CheckoutSessionRepository,
  DeliverWebhooks,
  ExpireStaleApprovals,
  FanOutWebhookEvents,
  type IdempotencyStore,
  type JobScheduler,
  type MerchantWebhookDependencies,
  type PaymentDependencies,
  ProcessConnectorWebhook,
  ReconcileDay,
  type ReconciliationDependencies,
  ResolveUnknownOutcomes,
  ScheduleDailyReconciliation,
  SyncTransaction,
  scheduleDueLanes,
} from '@kessai/domain';
import type { Container } from 'inversify';
import { Janitor } from '../jobs/janitor';
import { type DurableJobQueue, jobEngine } from '../jobs/job-engine';
import { type JobHandlers, jobHandlers } from '../jobs/job-handlers';
import { OutboxKick } from '../jobs/outbox-kick';
import { Retention } from '../jobs/retention';
import type { DashboardStorage } from '../storage/dashboard-storage';
import { TOKENS } from './tokens';

/**
 * The scheduler is bound first and needs nothing: the use cases need it. The handlers are made from the use
 * cases, and the workers from the handlers.
 */
export function bindJobs(
  container: Container,
  options: {
    durable: DurableJobQueue | undefined;
    runWorker: boolean;
    onJobError: (job: string, error: unknown) => void;
    /** The dashboard's sessions and sign-in failures, which retention prunes. */
    dashboard: DashboardStorage;
    /** Expired checkout sessions, which retention prunes. */
    checkoutSessions: CheckoutSessionRepository;
    /** When the daily reconciliation starts: minutes after midnight, Japan time. */
    reconciliationDailyAt: number;
  },
): void {
  const engine = jobEngine(options.durable, options.runWorker, options.onJobError);
  container.bind(TOKENS.Jobs).toConstantValue(engine.scheduler);
  container
    .bind(TOKENS.OutboxKick)
    .toResolvedValue(
      (jobs: JobScheduler) => new OutboxKick(jobs, (error) => options.onJobError('dispatch-outbox', error)),
      [TOKENS.Jobs],
    );
  container
    .bind(TOKENS.JobHandlers)
    .toResolvedValue(
      (
        deps: PaymentDependencies,
        webhooks: MerchantWebhookDependencies,
        idempotency: IdempotencyStore,
        reconciliation: ReconciliationDependencies,
      ) => handlersFrom(deps, webhooks, { ...options, idempotency, reconciliation }),
      [TOKENS.PaymentDependencies, TOKENS.MerchantWebhooks, TOKENS.Idempotency, TOKENS.Reconciliation],
    );
  container
    .bind(TOKENS.JobWorkers)
    .toResolvedValue((handlers: JobHandlers) => engine.workers(handlers), [TOKENS.JobHandlers]);
}

function handlersFrom(
  deps: PaymentDependencies,
  webhooks: MerchantWebhookDependencies,
  stores: {
    idempotency: IdempotencyStore;
    dashboard: DashboardStorage;
    checkoutSessions: CheckoutSessionRepository;
    durable: DurableJobQueue | undefined;
    onJobError: (job: string, error: unknown) => void;
    reconciliation: ReconciliationDependencies;
    reconciliationDailyAt: number;
  },
): JobHandlers {
  const { durable, onJobError } = stores;
  const expireApprovals = new ExpireStaleApprovals(deps);
  const processWebhook = new ProcessConnectorWebhook(deps);
  const fanOutEvents = new FanOutWebhookEvents(webhooks);
  const handlers: JobHandlers = jobHandlers({
    expireApprovals,
    syncTransaction: new SyncTransaction(deps),
    processWebhook,
    fanOutEvents,
    deliverWebhooks: new DeliverWebhooks(webhooks),
    reconcile: new ReconcileDay(stores.reconciliation),
    janitor: new Janitor({
      fanOutEvents,
      scheduleDueLanes: () => scheduleDueLanes(webhooks),
      expireApprovals,
      resolveUnknownOutcomes: new ResolveUnknownOutcomes(deps),
      processWebhook,
      scheduleReconciliation: new ScheduleDailyReconciliation(stores.reconciliation, stores.reconciliationDailyAt),
      inbox: deps.inbox,
      clock: deps.clock,
      report: (error) => onJobError('janitor', error),
    }),
    retention: new Retention({
      idempotency: stores.idempotency,
      inbox: deps.inbox,
      outbox: webhooks.outbox,
      deliveries: webhooks.deliveries,
      sessions: stores.dashboard.sessions,
      signInFailures: stores.dashboard.attempts,
      checkoutSessions: stores.checkoutSessions,
      jobQueue: durable && {
        pruneFailed: (before, limit) => durable.pruneFailed(before, limit),
        collectGarbage: () => durable.collectGarbage(),
      },
      clock: deps.clock,
      report: (error) => onJobError('retention', error),
    }),
  });
  return handlers;
}
