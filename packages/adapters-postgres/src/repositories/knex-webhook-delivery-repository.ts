import type {
  DeliveryAttempt,
  DeliveryLane,
  DeliveryListQuery,
  LaneHead,
  MerchantWebhookDelivery,
  Page,
  WebhookDeliveryRepository,
  WebhookDeliveryStatus,
} from '@kessai/domain';
import type { Knex } from 'knex';
import { deleteOldest } from './delete-oldest';
import { keysetPage } from './keyset-page';

interface Row {
  id: string;
  subscription_id: string;
  merchant_account_id: string;
  event_id: string;
  event_name: string;
  transaction_id: string;
  position: string | number;
  body: string;
  status: WebhookDeliveryStatus;
  /** Attempts recorded before their exchange was kept lack `requestHeaders` and `responseExcerpt`. */
  attempts: Array<
    Omit<DeliveryAttempt, 'attemptedAt' | 'requestHeaders' | 'responseExcerpt'> &
      Partial<Pick<DeliveryAttempt, 'requestHeaders' | 'responseExcerpt'>> & { attemptedAt: string }
  >;
  next_attempt_at: Date | null;
  give_up_at: Date;
  lease_until: Date | null;
  created_at: Date;
  delivered_at: Date | null;
}

const toDelivery = (row: Row): MerchantWebhookDelivery => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  merchantAccountId: row.merchant_account_id,
  eventId: row.event_id,
  eventName: row.event_name,
  transactionId: row.transaction_id,
  position: Number(row.position),
  body: row.body,
  status: row.status,
  attempts: row.attempts.map((a) => ({
    ...a,
    attemptedAt: new Date(a.attemptedAt),
    requestHeaders: a.requestHeaders ?? null,
    responseExcerpt: a.responseExcerpt ?? null,
  })),
  nextAttemptAt: row.next_attempt_at,
  giveUpAt: row.give_up_at,
  createdAt: row.created_at,
  deliveredAt: row.delivered_at,
});

export class KnexWebhookDeliveryRepository implements WebhookDeliveryRepository {
  constructor(private readonly knex: Knex) {}

  async record(deliveries: readonly MerchantWebhookDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    // ON CONFLICT DO NOTHING covers both the id and (subscription, event): a replayed fan-out changes nothing.
    await this.knex('webhook_deliveries')
      .insert(
        deliveries.map((d) => ({
          id: d.id,
          subscription_id: d.subscriptionId,
          merchant_account_id: d.merchantAccountId,
          event_id: d.eventId,
          event_name: d.eventName,
          transaction_id: d.transactionId,
          position: d.position,
          body: d.body,
          status: d.status,
          attempts: JSON.stringify(d.attempts),
          next_attempt_at: d.nextAttemptAt,
          give_up_at: d.giveUpAt,
          created_at: d.createdAt,
          delivered_at: d.deliveredAt,
        })),
      )
      .onConflict()
      .ignore();
  }

  async get(
    merchantAccountId: string,
    subscriptionId: string,
    id: string,
  ): Promise<MerchantWebhookDelivery | undefined> {
    const row = await this.knex<Row>('webhook_deliveries')
      .where({ id, subscription_id: subscriptionId, merchant_account_id: merchantAccountId })
      .first();
    return row && toDelivery(row);
  }

  async list(
    merchantAccountId: string,
    subscriptionId: string,
    query: DeliveryListQuery,
  ): Promise<Page<MerchantWebhookDelivery>> {
    const q = this.knex<Row>('webhook_deliveries').where({
      subscription_id: subscriptionId,
      merchant_account_id: merchantAccountId,
    });
    if (query.status) q.where({ status: query.status });
    const page = await keysetPage<Row>(q, 'created_at', query.limit, query.cursor);
    return { ...page, items: page.items.map(toDelivery) };
  }

  /**
   * The head is locked (FOR UPDATE) while its lease is taken, so concurrent senders queue on it and then see the
   * lease. A head that stopped being pending while we waited drops out of the locked read; we then look again.
   */
  async claimHead(lane: DeliveryLane, now: Date, leaseMs: number): Promise<LaneHead> {
    for (let tries = 0; tries < 5; tries++) {
      const claimed = await this.knex.raw<{ rows: Row[] }>(
        `WITH head AS (
           SELECT id, next_attempt_at, lease_until FROM webhook_deliveries
            WHERE subscription_id = :subscriptionId AND transaction_id = :transactionId AND status = 'pending'
            ORDER BY position LIMIT 1 FOR UPDATE)
         UPDATE webhook_deliveries d SET lease_until = :leaseUntil FROM head
          WHERE d.id = head.id
            AND COALESCE(head.next_attempt_at, '-infinity') <= :now
            AND COALESCE(head.lease_until, '-infinity') <= :now
         RETURNING d.*`,
        {
          subscriptionId: lane.subscriptionId,
          transactionId: lane.transactionId,
          now,
          leaseUntil: new Date(now.getTime() + leaseMs),
        },
      );
      const row = claimed.rows[0];
      if (row) return { kind: 'ready', delivery: toDelivery(row) };
      const head = await this.knex<Row>('webhook_deliveries')
        .select('next_attempt_at', 'lease_until')
        .where({ subscription_id: lane.subscriptionId, transaction_id: lane.transactionId, status: 'pending' })
        .orderBy('position')
        .first();
      if (!head) return { kind: 'idle' };
      if (head.lease_until && head.lease_until.getTime() > now.getTime())
        return { kind: 'busy', leaseUntil: head.lease_until };
      if (head.next_attempt_at && head.next_attempt_at.getTime() > now.getTime())
        return { kind: 'wait', until: head.next_attempt_at };
    }
    return { kind: 'busy', leaseUntil: now };
  }

  async recordAttempt(
    id: string,
    attempt: DeliveryAttempt,
    next: { status: WebhookDeliveryStatus; nextAttemptAt: Date | null; deliveredAt: Date | null },
  ): Promise<void> {
    await this.knex('webhook_deliveries')
      .where({ id })
      .update({
        attempts: this.knex.raw(`attempts || jsonb_build_array(?::jsonb)`, [
          JSON.stringify({ ...attempt, attemptedAt: attempt.attemptedAt.toISOString() }),
        ]),
        status: next.status,
        next_attempt_at: next.nextAttemptAt,
        delivered_at: next.deliveredAt ? next.deliveredAt : this.knex.raw('delivered_at'),
        lease_until: null,
      });
  }

  async requeue(
    merchantAccountId: string,
    subscriptionId: string,
    id: string,
    now: Date,
    giveUpAt: Date,
  ): Promise<MerchantWebhookDelivery | undefined> {
    const [row] = await this.knex<Row>('webhook_deliveries')
      .where({ id, subscription_id: subscriptionId, merchant_account_id: merchantAccountId })
      .update({ status: 'pending', next_attempt_at: now, give_up_at: giveUpAt })
      .returning('*');
    return row && toDelivery(row as Row);
  }

  async dueLanes(now: Date, limit: number): Promise<DeliveryLane[]> {
    const result = await this.knex.raw<{
      rows: Array<Pick<Row, 'merchant_account_id' | 'subscription_id' | 'transaction_id'>>;
    }>(
      `SELECT merchant_account_id, subscription_id, transaction_id FROM (
         SELECT DISTINCT ON (d.subscription_id, d.transaction_id)
                d.merchant_account_id, d.subscription_id, d.transaction_id, d.next_attempt_at, d.lease_until
           FROM webhook_deliveries d
           JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.active AND s.deleted_at IS NULL
          WHERE d.status = 'pending'
          ORDER BY d.subscription_id, d.transaction_id, d.position) heads
        WHERE COALESCE(next_attempt_at, '-infinity') <= :now AND COALESCE(lease_until, '-infinity') <= :now
        LIMIT :limit`,
      { now, limit },
    );
    return result.rows.map((row) => ({
      merchantAccountId: row.merchant_account_id,
      subscriptionId: row.subscription_id,
      transactionId: row.transaction_id,
    }));
  }

  async abandon(subscriptionId: string, now: Date): Promise<number> {
    return this.knex('webhook_deliveries')
      .where({ subscription_id: subscriptionId, status: 'pending' })
      .update({ status: 'failed', next_attempt_at: null, give_up_at: now, lease_until: null });
  }

  async prune(before: Date, limit: number): Promise<number> {
    const finished = { table: 'webhook_deliveries', key: 'id', age: 'created_at', where: "status <> 'pending'" };
    return deleteOldest(this.knex, finished, before, limit);
  }
}
