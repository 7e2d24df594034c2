import type {
  AnsweredWebhooks,
  InboxMessage,
  NewInboxMessage,
  WebhookInbox,
} from '../transactions/ports/webhook-inbox';

export class InMemoryWebhookInbox implements WebhookInbox {
  private readonly messages = new Map<string, InboxMessage>();
  private readonly byEvent = new Map<string, string>();

  async record(message: NewInboxMessage): Promise<{ recorded: boolean; id: string }> {
    const eventKey = JSON.stringify([message.paymentServiceId, message.eventId]);
    const existing = this.byEvent.get(eventKey);
    if (existing) return { recorded: false, id: existing };
    this.messages.set(message.id, { ...message, processedAt: null, attempts: 0, lastError: null });
    this.byEvent.set(eventKey, message.id);
    return { recorded: true, id: message.id };
  }

  async pending(limit: number): Promise<InboxMessage[]> {
    return [...this.messages.values()]
      .filter((message) => message.processedAt === null)
      .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
      .slice(0, limit)
      .map((message) => structuredClone(message));
  }

  async get(id: string): Promise<InboxMessage | undefined> {
    const message = this.messages.get(id);
    return message && structuredClone(message);
  }

  async waitingWith(id: string, receivedUpTo: Date, limit: number): Promise<InboxMessage[]> {
    const message = await this.get(id);
    if (!message) return [];
    const others = (await this.pending(Number.POSITIVE_INFINITY)).filter(
      (other) =>
        other.id !== id &&
        message.providerOrderId !== null &&
        other.paymentServiceId === message.paymentServiceId &&
        other.providerOrderId === message.providerOrderId &&
        other.receivedAt.getTime() <= receivedUpTo.getTime(),
    );
    return [message, ...others.slice(0, limit)];
  }

  async markProcessed(ids: readonly string[], now: Date): Promise<void> {
    for (const id of ids) {
      const message = this.messages.get(id);
      if (message && !message.processedAt) Object.assign(message, { processedAt: now, attempts: message.attempts + 1 });
    }
  }

  async markProcessedFor(
    id: string,
    paymentServiceId: string,
    providerOrderId: string,
    receivedUpTo: Date,
    now: Date,
  ): Promise<number> {
    return this.markAnsweredNow({ id, paymentServiceId, providerOrderId, receivedUpTo, now });
  }

  /** `markProcessedFor` at once, for a transaction repository's unit of work. */
  markAnsweredNow(answered: AnsweredWebhooks): number {
    const { id, paymentServiceId, providerOrderId, receivedUpTo, now } = answered;
    let marked = 0;
    for (const message of this.messages.values()) {
      const same = message.paymentServiceId === paymentServiceId && message.providerOrderId === providerOrderId;
      const answers = message.id === id || (same && message.receivedAt.getTime() <= receivedUpTo.getTime());
      if (answers && !message.processedAt) {
        Object.assign(message, { processedAt: now, attempts: message.attempts + 1 });
        marked++;
      }
    }
    return marked;
  }

  async markFailed(id: string, error: string, _now: Date): Promise<void> {
    const message = this.messages.get(id);
    if (message) Object.assign(message, { attempts: message.attempts + 1, lastError: error });
  }

  async prune(before: Date, limit: number): Promise<number> {
    let pruned = 0;
    for (const message of [...this.messages.values()]) {
      if (pruned >= limit) break;
      if (message.processedAt === null || message.processedAt.getTime() >= before.getTime()) continue;
      this.messages.delete(message.id);
      this.byEvent.delete(JSON.stringify([message.paymentServiceId, message.eventId]));
      pruned++;
    }
    return pruned;
  }
}
