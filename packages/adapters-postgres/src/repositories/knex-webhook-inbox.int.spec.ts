import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '../testing/test-database';
import { markAnsweredStatement } from './knex-webhook-inbox';
import { sqlLiteral } from './pg-statement';

/** Buffers (pages) a plan node and its children touched, as `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` reports. */
interface PlanNode {
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
}

describe('KnexWebhookInbox at scale', () => {
  const database = useTestDatabase();

  it("marks an order's webhooks reading only that order's pending ones, however many the connection received", async () => {
    const { knex } = database();
    const service = randomUUID();
    const received = new Date('2026-12-01T00:00:00Z');
    const message = (order: string, processed: boolean) => ({
      id: randomUUID(),
      payment_service_id: service,
      merchant_account_id: 'm-inbox',
      event_id: randomUUID(),
      event_type: 'payment.updated',
      provider_transaction_id: order,
      raw_body: `{"order":"${order}","pad":"${'x'.repeat(200)}"}`,
      received_at: received,
      processed_at: processed ? received : null,
    });
    // Five thousand webhooks of other orders, half still pending, then the two of the order being answered.
    const others = Array.from({ length: 5_000 }, (_, i) => message(`order_other_${i % 2_500}`, i % 2 === 0));
    for (let i = 0; i < others.length; i += 1_000) await knex('webhook_inbox').insert(others.slice(i, i + 1_000));
    const mine = [message('order_mine', false), message('order_mine', false)];
    await knex('webhook_inbox').insert(mine);
    await knex.raw('ANALYZE webhook_inbox');

    // As the repository sends it: a prepared statement, which PostgreSQL runs with a generic plan once it is warm.
    const marking = markAnsweredStatement({
      id: mine[0]?.id as string,
      paymentServiceId: service,
      providerOrderId: 'order_mine',
      receivedUpTo: new Date('2026-12-02T00:00:00Z'),
      now: new Date(),
    });
    const plan = await knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL plan_cache_mode = force_generic_plan');
      await trx.raw(`PREPARE mark_answered AS ${marking.text}`);
      const literals = (marking.values ?? []).map((value) =>
        sqlLiteral(value instanceof Date ? value.toISOString() : String(value)),
      );
      const explained = await trx.raw(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE mark_answered(${literals.join(', ')})`,
      );
      await trx.raw('DEALLOCATE mark_answered');
      return (explained.rows[0]['QUERY PLAN'] as Array<{ Plan: PlanNode & { 'Actual Rows': number } }>)[0]?.Plan;
    });
    const pages = (plan?.['Shared Hit Blocks'] ?? 0) + (plan?.['Shared Read Blocks'] ?? 0);
    // Two rows updated and their index entries: a few dozen pages at most, where reading the connection's whole
    // inbox took hundreds.
    expect(pages).toBeLessThan(60);
    const marked = await knex('webhook_inbox').whereIn(
      'id',
      mine.map((m) => m.id),
    );
    expect(marked.every((row) => row.processed_at !== null)).toBe(true);
    expect(await knex('webhook_inbox').whereNull('processed_at').count<Array<{ count: string }>>()).toEqual([
      { count: '2500' },
    ]);
  });
});
