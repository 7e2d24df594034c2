import {
  DeliverWebhooks,
  ExpireStaleApprovals,
  FanOutWebhookEvents,
  type JobName,
  type MerchantWebhookDependencies,
  type PaymentDependencies,
  ProcessConnectorWebhook,
  ResolveUnknownOutcomes,
  SyncTransaction,
  scheduleDueLanes,
  UNKNOWN_OUTCOME_RECHECK_MS,
} from '@kessai/domain';

export type JobHandler = (payload: Record<string, string>) => Promise<void>;

/** How old an unresolved capture/refund/void must be before the janitor asks the provider about it. */
const UNRESOLVED_AFTER_MS = UNKNOWN_OUTCOME_RECHECK_MS;
const OUTBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const DELIVERY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * How long a connector webhook may stay unprocessed, never tried, before the janitor processes it: its processing
 * normally runs within a second where it arrived (see InProcessJobs), so one this old lost its process.
 */
const UNPROCESSED_WEBHOOK_AFTER_MS = 60_000;

/**
 * What each background job does. The same handlers run on the PostgreSQL job queue (several API processes) and
 * on the in-process runner (storage `memory`).
 */
export function jobHandlers(
  deps: PaymentDependencies,
  webhooks: MerchantWebhookDependencies,
  report: (job: string, error: unknown) => void = (job, error) => console.error(`[jobs] ${job} failed`, error),
): Record<JobName | 'janitor', JobHandler> {
  return {
    'expire-approval': async () => {
      await new ExpireStaleApprovals(deps).execute();
    },
    'sync-transaction': async (payload) => {
      await new SyncTransaction(deps).execute({
        merchantAccountId: required(payload, 'merchantAccountId'),
        transactionId: required(payload, 'transactionId'),
        source: 'janitor',
      });
    },
    'process-webhook': async (payload) => {
      await new ProcessConnectorWebhook(deps).execute(required(payload, 'inboxId'));
    },
    'dispatch-outbox': async () => {
      await new FanOutWebhookEvents(webhooks).execute();
    },
    'deliver-webhooks': async (payload) => {
      await new DeliverWebhooks(webhooks).execute({
        merchantAccountId: required(payload, 'merchantAccountId'),
        subscriptionId: required(payload, 'subscriptionId'),
        transactionId: required(payload, 'transactionId'),
      });
    },
    /**
     * Runs every minute: expiry, unknown outcomes, connector webhooks whose processing failed earlier, and the
     * merchant-webhook safety net (an outbox left undrained, a delivery whose job or sender was lost).
     */
    janitor: async () => {
      // Each duty runs whatever the others did.
      const duties: Array<() => Promise<unknown>> = [
        () => new FanOutWebhookEvents(webhooks).execute(),
        () => scheduleDueLanes(webhooks),
        () => new ExpireStaleApprovals(deps).execute(),
        () => new ResolveUnknownOutcomes(deps).execute(UNRESOLVED_AFTER_MS),
        // Dispatched outbox entries are kept a week for inspection, then dropped (transaction_events keeps them all).
        () => webhooks.outbox.prune(new Date(deps.clock.now().getTime() - OUTBOX_RETENTION_MS), 10_000),
        // Finished merchant-webhook deliveries stay visible (and redeliverable) for 30 days.
        () => webhooks.deliveries.prune(new Date(deps.clock.now().getTime() - DELIVERY_RETENTION_MS), 10_000),
        async () => {
          // Failed earlier, or never tried (the process that received it died before processing it).
          const lost = deps.clock.now().getTime() - UNPROCESSED_WEBHOOK_AFTER_MS;
          for (const message of await deps.inbox.pending(200)) {
            if (message.attempts > 0 || message.receivedAt.getTime() <= lost)
              await new ProcessConnectorWebhook(deps).execute(message.id).catch(() => undefined);
          }
        },
      ];
      // Reported, not thrown: a failed janitor would be retried as a whole, on top of next minute's run.
      for (const duty of duties) await duty().catch((error: unknown) => report('janitor', error));
    },
  };
}

function required(payload: Record<string, string>, key: string): string {
  const value = payload[key];
  if (!value) throw new Error(`job payload lacks ${key}`);
  return value;
}
