import type {
  DeliverWebhooks,
  ExpireStaleApprovals,
  FanOutWebhookEvents,
  JobName,
  ProcessConnectorWebhook,
  ReconcileDay,
  SyncTransaction,
} from '@kessai/domain';
import { coalesced } from './coalesced';

/** `stopping` is aborted when the process's worker stops; a job that may run long checks it (see ReconcileDay). */
export type JobHandler = (payload: Record<string, string>, stopping: AbortSignal) => Promise<void>;

/** What each job does, by name: one map for every queue (in this process, in memory, on graphile-worker). */
export type JobHandlers = Readonly<Record<JobName | 'janitor' | 'retention', JobHandler>>;

/** The use cases the jobs run; made by the composition root, so nothing here looks anything up. */
export interface JobUseCases {
  expireApprovals: Pick<ExpireStaleApprovals, 'execute'>;
  syncTransaction: Pick<SyncTransaction, 'execute'>;
  processWebhook: Pick<ProcessConnectorWebhook, 'execute'>;
  fanOutEvents: Pick<FanOutWebhookEvents, 'execute'>;
  deliverWebhooks: Pick<DeliverWebhooks, 'execute'>;
  reconcile: Pick<ReconcileDay, 'execute'>;
  /** The minute's sweep (see `Janitor`). */
  janitor: { run(): Promise<void> };
  /** Deletes what is past its retention period (see `Retention`). */
  retention: { run(): Promise<void> };
}

export function jobHandlers(useCases: JobUseCases): JobHandlers {
  // One dispatcher at a time in this process (the outbox's lock orders them across processes): it drains
  // everything committed before it starts, so a wake-up while it runs needs one more run, not one each.
  const fanOut = coalesced(() => useCases.fanOutEvents.execute().then(() => undefined));
  return {
    'expire-approval': async () => {
      await useCases.expireApprovals.execute();
    },
    'sync-transaction': async (payload) => {
      await useCases.syncTransaction.execute({
        merchantAccountId: required(payload, 'merchantAccountId'),
        transactionId: required(payload, 'transactionId'),
        source: 'janitor',
      });
    },
    'process-webhook': async (payload) => {
      await useCases.processWebhook.execute(required(payload, 'inboxId'));
    },
    'dispatch-outbox': () => fanOut(),
    'deliver-webhooks': async (payload) => {
      await useCases.deliverWebhooks.execute({
        merchantAccountId: required(payload, 'merchantAccountId'),
        subscriptionId: required(payload, 'subscriptionId'),
        transactionId: required(payload, 'transactionId'),
      });
    },
    reconcile: async (payload, stopping) => {
      await useCases.reconcile.execute(required(payload, 'merchantAccountId'), required(payload, 'runId'), stopping);
    },
    janitor: () => useCases.janitor.run(),
    retention: () => useCases.retention.run(),
  };
}

function required(payload: Record<string, string>, key: string): string {
  const value = payload[key];
  if (!value) throw new Error(`job payload lacks ${key}`);
  return value;
}
