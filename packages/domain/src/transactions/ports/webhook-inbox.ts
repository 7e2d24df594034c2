/** A verified provider webhook, stored before it is acknowledged so nothing accepted is lost. */
export interface InboxMessage {
  id: string;
  paymentServiceId: string;
  merchantAccountId: string;
  eventId: string;
  eventType: string;
  providerOrderId: string | null;
  rawBody: string;
  receivedAt: Date;
  processedAt: Date | null;
  attempts: number;
  lastError: string | null;
}

export type NewInboxMessage = Omit<InboxMessage, 'processedAt' | 'attempts' | 'lastError'>;

/**
 * The messages one sync answered (see `WebhookInbox.markProcessedFor`): `id` whatever its receipt time, and every
 * other one about the provider order received up to `receivedUpTo`.
 */
export interface AnsweredWebhooks {
  id: string;
  paymentServiceId: string;
  providerOrderId: string;
  receivedUpTo: Date;
  now: Date;
}

/** Deduplicates provider webhooks by (payment service, event id) and hands them to processing. */
export interface WebhookInbox {
  /** `recorded: false` when this event id was already stored for the connection (a duplicate delivery). */
  record(message: NewInboxMessage): Promise<{ recorded: boolean; id: string }>;
  /** Unprocessed messages, oldest first. */
  pending(limit: number): Promise<InboxMessage[]>;
  get(id: string): Promise<InboxMessage | undefined>;
  /**
   * The message `id` (first, whatever its state; none when unknown), then up to `limit` other unprocessed messages
   * about its provider order received up to `receivedUpTo`, oldest first: what `markProcessedFor` with that time
   * would mark with it. One read where processing a webhook needs both.
   */
  waitingWith(id: string, receivedUpTo: Date, limit: number): Promise<InboxMessage[]>;
  /** Marks these messages processed (those not already), in one write. */
  markProcessed(ids: readonly string[], now: Date): Promise<void>;
  /**
   * Marks processed the message `id` and every message about its provider transaction received up to
   * `receivedUpTo`: one sync answered all of them (a burst of webhooks about one order costs one reconciliation,
   * not one each). `id` counts whatever its receipt time says (another process's clock may run ahead). Returns
   * how many were marked.
   */
  markProcessedFor(
    id: string,
    paymentServiceId: string,
    providerOrderId: string,
    receivedUpTo: Date,
    now: Date,
  ): Promise<number>;
  markFailed(id: string, error: string, now: Date): Promise<void>;
  /** Forgets up to `limit` messages processed before `before`; an unprocessed message is never forgotten. */
  prune(before: Date, limit: number): Promise<number>;
}
