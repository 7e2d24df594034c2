import {
  type BatchLimits,
  type Clock,
  DISPATCHED_OUTBOX_RETENTION_MS,
  ENDED_SESSION_RETENTION_MS,
  EXPIRED_CHECKOUT_SESSION_RETENTION_MS,
  FAILED_JOB_RETENTION_MS,
  FINISHED_DELIVERY_RETENTION_MS,
  IDEMPOTENCY_TTL_MS,
  PROCESSED_WEBHOOK_RETENTION_MS,
  type Prune,
  pruneInBatches,
  RETENTION_BATCHES,
  SIGN_IN_FAILURE_RETENTION_MS,
} from '@kessai/domain';

/** A store with the ports' `prune(before, limit)`. */
interface Prunable {
  prune: Prune;
}

/** The stores retention prunes, each through its port; periods come from the domain's retention policy. */
export interface RetentionInputs {
  idempotency: Prunable;
  inbox: Prunable;
  outbox: Prunable;
  deliveries: Prunable;
  sessions: Prunable;
  signInFailures: Prunable;
  checkoutSessions: Prunable;
  /** The durable job queue's failed jobs and bookkeeping; none when jobs are timers in this process. */
  jobQueue?: { pruneFailed: Prune; collectGarbage(): Promise<void> } | undefined;
  clock: Clock;
  limits?: BatchLimits;
  /** Where a failed duty is reported. */
  report(error: unknown): void;
}

/**
 * Runs every ten minutes: deletes, in short batches, what each store keeps past its retention period. The
 * merchant's record (transactions, captures, refunds, their events) is never touched.
 */
export class Retention {
  constructor(private readonly inputs: RetentionInputs) {}

  async run(): Promise<void> {
    const { inputs } = this;
    const now = inputs.clock.now().getTime();
    const jobQueue = inputs.jobQueue;
    const duties: Array<[Prune, number]> = [
      [(before, limit) => inputs.idempotency.prune(before, limit), IDEMPOTENCY_TTL_MS],
      [(before, limit) => inputs.inbox.prune(before, limit), PROCESSED_WEBHOOK_RETENTION_MS],
      [(before, limit) => inputs.outbox.prune(before, limit), DISPATCHED_OUTBOX_RETENTION_MS],
      [(before, limit) => inputs.deliveries.prune(before, limit), FINISHED_DELIVERY_RETENTION_MS],
      [(before, limit) => inputs.sessions.prune(before, limit), ENDED_SESSION_RETENTION_MS],
      [(before, limit) => inputs.signInFailures.prune(before, limit), SIGN_IN_FAILURE_RETENTION_MS],
      [(before, limit) => inputs.checkoutSessions.prune(before, limit), EXPIRED_CHECKOUT_SESSION_RETENTION_MS],
      ...(jobQueue ? [[jobQueue.pruneFailed, FAILED_JOB_RETENTION_MS] satisfies [Prune, number]] : []),
    ];
    const report = (error: unknown) => inputs.report(error);
    // Reported, not thrown: one store's failure must not keep the others growing.
    for (const [prune, keepMs] of duties)
      await pruneInBatches(prune, new Date(now - keepMs), inputs.limits ?? RETENTION_BATCHES).catch(report);
    await jobQueue?.collectGarbage().catch(report);
  }
}
