import type { AnsweredWebhooks, InboxMessage, NewInboxMessage, WebhookInbox } from '@kessai/domain';
import type { Knex } from 'knex';
import { deleteOldest } from './delete-oldest';
import { query, type Statement } from './pooled-connection';

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

/** A row's columns by name: a prepared statement never selects `*` (a later migration would change its answer). */
const COLUMN_NAMES = [
  'id',
  'payment_service_id',
  'merchant_account_id',
  'event_id',
  'event_type',
  'provider_transaction_id',
  'raw_body',
  'received_at',
  'processed_at',
  'attempts',
  'last_error',
] satisfies Array<keyof Row>;
const COLUMNS = COLUMN_NAMES.join(', ');

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

/** `markProcessedFor` as a statement, its values placed by `parameter` (also a transaction's unit of work's). */
export function markAnsweredSql(answered: AnsweredWebhooks, parameter: (value: unknown) => string): string {
  const [id, service, order, upTo, now] = [
    answered.id,
    answered.paymentServiceId,
    answered.providerOrderId,
    answered.receivedUpTo,
    answered.now,
  ].map(parameter);
  return `UPDATE webhook_inbox SET processed_at = ${now}, attempts = attempts + 1 WHERE payment_service_id = ${service} AND provider_transaction_id = ${order} AND processed_at IS NULL AND (received_at <= ${upTo} OR id = ${id})`;
}

/** `markProcessedFor`'s statement alone, answering how many webhooks it marked. */
export function markAnsweredStatement(answered: AnsweredWebhooks): Statement {
  const values: unknown[] = [];
  const text = markAnsweredSql(answered, (value) => {
    values.push(value);
    return `$${values.length}`;
  });
  return {
    name: 'kessai_inbox_mark_answered',
    text: `WITH m AS (${text} RETURNING 1) SELECT count(*)::int AS marked FROM m`,
    values,
  };
}

/** Provider webhooks, deduplicated by the unique (payment_service_id, event_id). */
export class KnexWebhookInbox implements WebhookInbox {
  constructor(private readonly knex: Knex) {}

  // Every webhook is stored, read and marked: prepared statements, parsed and planned once per connection.
  async record(message: NewInboxMessage): Promise<{ recorded: boolean; id: string }> {
    const inserted = await query<{ id: string }>(this.knex, {
      name: 'kessai_inbox_record',
      text: `INSERT INTO webhook_inbox (id, payment_service_id, merchant_account_id, event_id, event_type,
               provider_transaction_id, raw_body, received_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (payment_service_id, event_id) DO NOTHING RETURNING id`,
      values: [
        message.id,
        message.paymentServiceId,
        message.merchantAccountId,
        message.eventId,
        message.eventType,
        message.providerOrderId,
        message.rawBody,
        message.receivedAt,
      ],
    });
    if (inserted.length > 0) return { recorded: true, id: message.id };
    const [existing] = await query<{ id: string }>(this.knex, {
      name: 'kessai_inbox_by_event',
      text: 'SELECT id FROM webhook_inbox WHERE payment_service_id = $1 AND event_id = $2',
      values: [message.paymentServiceId, message.eventId],
    });
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
    const [row] = await query<Row>(this.knex, {
      name: 'kessai_inbox_by_id',
      text: `SELECT ${COLUMNS} FROM webhook_inbox WHERE id = $1`,
      values: [id],
    });
    return row ? toMessage(row) : undefined;
  }

  async waitingWith(id: string, receivedUpTo: Date, limit: number): Promise<InboxMessage[]> {
    // The message by its key, then the others through the pending-by-order index (migration 022), in order.
    const rows = await query<Row>(this.knex, {
      name: 'kessai_inbox_waiting_with',
      text: `WITH m AS (SELECT ${COLUMNS}, 0 AS place FROM webhook_inbox WHERE id = $1)
             SELECT ${COLUMNS} FROM (
               SELECT * FROM m
               UNION ALL
               (SELECT ${COLUMN_NAMES.map((column) => `w.${column}`).join(', ')}, 1 AS place FROM webhook_inbox w JOIN m
                  ON w.payment_service_id = m.payment_service_id AND w.provider_transaction_id = m.provider_transaction_id
                WHERE w.processed_at IS NULL AND w.received_at <= $2 AND w.id <> $1
                ORDER BY w.received_at LIMIT $3)
             ) waiting ORDER BY place, received_at`,
      values: [id, receivedUpTo, limit],
    });
    return rows.map(toMessage);
  }

  async markProcessed(ids: readonly string[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await query(this.knex, {
      name: 'kessai_inbox_mark_processed',
      text: 'UPDATE webhook_inbox SET processed_at = $2, attempts = attempts + 1 WHERE id = ANY($1::uuid[]) AND processed_at IS NULL',
      values: [ids, now],
    });
  }

  async markProcessedFor(
    id: string,
    paymentServiceId: string,
    providerOrderId: string,
    receivedUpTo: Date,
    now: Date,
  ): Promise<number> {
    const [row] = await query<{ marked: number }>(
      this.knex,
      markAnsweredStatement({ id, paymentServiceId, providerOrderId, receivedUpTo, now }),
    );
    return row?.marked ?? 0;
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
