/** Background work Kessai defers to a job queue shared by every API process. */
export type JobName =
  | 'expire-approval'
  | 'sync-transaction'
  | 'process-webhook'
  | 'dispatch-outbox'
  | 'deliver-webhooks'
  | 'reconcile';

export interface Job {
  name: JobName;
  payload: Record<string, string>;
  runAt: Date;
  /** Jobs with the same key are coalesced (at most one queued). */
  key?: string;
}

export interface JobScheduler {
  schedule(job: Job): Promise<void>;
}
