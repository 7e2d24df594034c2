import {
  DeliverWebhooks,
  ExpireStaleApprovals,
  FanOutWebhookEvents,
  type JobScheduler,
  type MerchantWebhookDependencies,
  type PaymentDependencies,
  ProcessConnectorWebhook,
  ResolveUnknownOutcomes,
  SyncTransaction,
  scheduleDueLanes,
} from '@kessai/domain';
import type { Container } from 'inversify';
import { Janitor } from '../jobs/janitor';
import { type DurableJobQueue, jobEngine } from '../jobs/job-engine';
import { type JobHandlers, jobHandlers } from '../jobs/job-handlers';
import { OutboxKick } from '../jobs/outbox-kick';
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
      (deps: PaymentDependencies, webhooks: MerchantWebhookDependencies) =>
        handlersFrom(deps, webhooks, options.onJobError),
      [TOKENS.PaymentDependencies, TOKENS.MerchantWebhooks],
    );
  container
    .bind(TOKENS.JobWorkers)
    .toResolvedValue((handlers: JobHandlers) => engine.workers(handlers), [TOKENS.JobHandlers]);
}

function handlersFrom(
  deps: PaymentDependencies,
  webhooks: MerchantWebhookDependencies,
  onJobError: (job: string, error: unknown) => void,
): JobHandlers {
  const expireApprovals = new ExpireStaleApprovals(deps);
  const processWebhook = new ProcessConnectorWebhook(deps);
  const fanOutEvents = new FanOutWebhookEvents(webhooks);
  return jobHandlers({
    expireApprovals,
    syncTransaction: new SyncTransaction(deps),
    processWebhook,
    fanOutEvents,
    deliverWebhooks: new DeliverWebhooks(webhooks),
    janitor: new Janitor({
      fanOutEvents,
      scheduleDueLanes: () => scheduleDueLanes(webhooks),
      expireApprovals,
      resolveUnknownOutcomes: new ResolveUnknownOutcomes(deps),
      processWebhook,
      outbox: webhooks.outbox,
      deliveries: webhooks.deliveries,
      inbox: deps.inbox,
      clock: deps.clock,
      report: (error) => onJobError('janitor', error),
    }),
  });
}
