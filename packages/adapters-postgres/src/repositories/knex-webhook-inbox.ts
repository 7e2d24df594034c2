import type { InboxMessage, NewInboxMessage, WebhookInbox } from '@kessai/domain';
import type { Knex } from 'knex';
import { deleteOldest } from './delete-oldest';

interface Row {
  id: string;
  payment_service_id: string;
  merchant_account_id: string;
  event_id: string;
  event_type: string;
  provider_transaction_id: string | null;
  raw_body: string;
  received_at: Date;
  processed_at: Date | null;
  attempts: number;
  last_error: string | null;
}

const toMessage = (row: Row): InboxMessage => ({
  id: row.id,
  paymentServiceId: row.payment_service_id,
  merchantAccountId: row.merchant_account_id,
  eventId: row.event_id,
  eventType: row.event_type,
  providerOrderId: row.provider_transaction_id,
  rawBody: row.raw_body,
  receivedAt: row.received_at,
  processedAt: row.processed_at,
  attempts: row.attempts,
  lastError: row.last_error,
});

/** Provider webhooks, deduplicated by the unique (payment_service_id, event_id). */
export class KnexWebhookInbox implements WebhookInbox {
  constructor(private readonly knex: Knex) {}

  async record(message: NewInboxMessage): Promise<{ recorded: boolean; id: string }> {
    const inserted = await this.knex('webhook_inbox')
      .insert({
        id: message.id,
        payment_service_id: message.paymentServiceId,
        merchant_account_id: message.merchantAccountId,
        event_id: message.eventId,
        event_type: message.eventType,
        provider_transaction_id: message.providerOrderId,
        raw_body: message.rawBody,
        received_at: message.receivedAt,
      })
      .onConflict(['payment_service_id', 'event_id'])
      .ignore()
      .returning('id');
    if (inserted.length > 0) return { recorded: true, id: message.id };
    const existing = await this.knex<Row>('webhook_inbox')
      .where({ payment_service_id: message.paymentServiceId, event_id: message.eventId })
      .first('id');
    return { recorded: false, id: existing?.id ?? message.id };
  }

  async pending(limit: number): Promise<InboxMessage[]> {
    const rows = await this.knex<Row>('webhook_inbox')
      .whereNull('processed_at')
      .orderBy('received_at', 'asc')
      .limit(limit);
    return rows.map(toMessage);
  }

  async get(id: string): Promise<InboxMessage | undefined> {
    const row = await this.knex<Row>('webhook_inbox').where({ id }).first();
    return row ? toMessage(row) : undefined;
  }

  async markProcessed(id: string, now: Date): Promise<void> {
    await this.knex('webhook_inbox')
      .where({ id })
      .whereNull('processed_at')
      .update({ processed_at: now, attempts: this.knex.raw('attempts + 1') });
  }

  async markProcessedFor(
    id: string,
    paymentServiceId: string,
    providerOrderId: string,
    receivedUpTo: Date,
    now: Date,
  ): Promise<number> {
    return this.knex('webhook_inbox')
      .where({ payment_service_id: paymentServiceId, provider_transaction_id: providerOrderId })
      .whereNull('processed_at')
      .where((answered) => answered.where('received_at', '<=', receivedUpTo).orWhere({ id }))
      .update({ processed_at: now, attempts: this.knex.raw('attempts + 1') });
  }

  async markFailed(id: string, error: string, _now: Date): Promise<void> {
    await this.knex('webhook_inbox')
      .where({ id })
      .update({ attempts: this.knex.raw('attempts + 1'), last_error: error.slice(0, 2000) });
  }

  async prune(before: Date, limit: number): Promise<number> {
    // `processed_at < ?` is never true of NULL: an unprocessed message is never selected.
    return deleteOldest(this.knex, { table: 'webhook_inbox', key: 'id', age: 'processed_at' }, before, limit);
  }
}
