import {
  type Clock,
  UNKNOWN_OUTCOME_RECHECK_MS,
  UNPROCESSED_WEBHOOK_AFTER_MS,
  type WebhookInbox,
} from '@kessai/domain';

/** How old an unresolved capture/refund/void must be before the janitor asks the provider about it. */
const UNRESOLVED_AFTER_MS = UNKNOWN_OUTCOME_RECHECK_MS;

/** The use cases the janitor runs (FanOutWebhookEvents, ExpireStaleApprovals…) and the inbox it sweeps. */
export interface JanitorInputs {
  fanOutEvents: { execute(): Promise<unknown> };
  /** Re-queues merchant-webhook lanes whose job or sender was lost. */
  scheduleDueLanes(): Promise<unknown>;
  expireApprovals: { execute(): Promise<unknown> };
  resolveUnknownOutcomes: { execute(olderThanMs: number): Promise<unknown> };
  processWebhook: { execute(inboxId: string): Promise<unknown> };
  /** Starts the day's scheduled reconciliation runs once their Japan time has come. */
  scheduleReconciliation: { execute(): Promise<unknown> };
  inbox: Pick<WebhookInbox, 'pending'>;
  clock: Clock;
  /** Where a failed duty is reported. */
  report(error: unknown): void;
}

/**
 * Runs every minute: expiry, unknown outcomes, connector webhooks whose processing failed earlier, and the
 * merchant-webhook safety net (an outbox left undrained, a delivery whose job or sender was lost), and the daily
 * reconciliation runs once their time has come.
 */
export class Janitor {
  constructor(private readonly inputs: JanitorInputs) {}

  async run(): Promise<void> {
    const { inputs } = this;
    // Each duty runs whatever the others did.
    const duties: Array<() => Promise<unknown>> = [
      () => inputs.fanOutEvents.execute(),
      () => inputs.scheduleDueLanes(),
      () => inputs.expireApprovals.execute(),
      () => inputs.resolveUnknownOutcomes.execute(UNRESOLVED_AFTER_MS),
      () => this.processLostWebhooks(),
      () => inputs.scheduleReconciliation.execute(),
    ];
    // Reported, not thrown: a failed janitor would be retried as a whole, on top of next minute's run.
    for (const duty of duties) await duty().catch((error: unknown) => inputs.report(error));
  }

  /** Failed earlier, or never tried (the process that received it died before processing it). */
  private async processLostWebhooks(): Promise<void> {
    const lost = this.ago(UNPROCESSED_WEBHOOK_AFTER_MS).getTime();
    for (const message of await this.inputs.inbox.pending(200)) {
      if (message.attempts > 0 || message.receivedAt.getTime() <= lost)
        await this.inputs.processWebhook.execute(message.id).catch(() => undefined);
    }
  }

  private ago(ms: number): Date {
    return new Date(this.inputs.clock.now().getTime() - ms);
  }
}
