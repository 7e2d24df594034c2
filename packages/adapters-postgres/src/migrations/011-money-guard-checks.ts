import type { Knex } from 'knex';
import { up as moneyGuardTriggers } from './002-money-guard-triggers';

/**
 * The money's last guard in the database becomes the transaction row alone, in constant time: its cached totals
 * (reserved and succeeded captures, processing and succeeded refunds, what refunds returned) and their CHECKs
 * (001: non-negative, reserved captures ≤ amount, captured ≤ authorized, reserved refunds ≤ captured, refunded ≤
 * reserved refunds; here: reserved captures ≤ authorized). Every capture or refund Kessai writes moves them in the
 * same version-checked statement, so an over-capture or an over-refund fails that statement (SQLSTATE 23514).
 * The constraint triggers of 002, which summed every child of the transaction at each commit (a capture cost
 * O(captures)), are dropped. The totals are derived once more from the children here, the last time the
 * database sums them, so the CHECKs start from what the rows hold.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER captures_money_guard ON captures;
    DROP TRIGGER refunds_money_guard ON refunds;
    DROP FUNCTION kessai_money_guard();
    WITH c AS (
      SELECT transaction_id,
             COALESCE(SUM(amount) FILTER (WHERE status IN ('pending', 'succeeded')), 0) AS reserved,
             COALESCE(SUM(amount) FILTER (WHERE status = 'succeeded'), 0) AS captured
        FROM captures GROUP BY transaction_id
    ), r AS (
      SELECT transaction_id,
             COALESCE(SUM(amount) FILTER (WHERE status IN ('processing', 'succeeded')), 0) AS reserved,
             COALESCE(SUM(refunded_at_provider) FILTER (WHERE status IN ('processing', 'succeeded')), 0) AS refunded
        FROM refunds GROUP BY transaction_id
    ), sums AS (
      SELECT x.id, COALESCE(c.reserved, 0) AS reserved_capture, COALESCE(c.captured, 0) AS captured,
             COALESCE(r.reserved, 0) AS reserved_refund, COALESCE(r.refunded, 0) AS refunded
        FROM transactions x LEFT JOIN c ON c.transaction_id = x.id LEFT JOIN r ON r.transaction_id = x.id
    )
    UPDATE transactions t
       SET reserved_capture_amount = s.reserved_capture, captured_amount = s.captured,
           reserved_refund_amount = s.reserved_refund, refunded_amount = s.refunded
      FROM sums s
     WHERE s.id = t.id
       AND (t.reserved_capture_amount, t.captured_amount, t.reserved_refund_amount, t.refunded_amount)
           IS DISTINCT FROM (s.reserved_capture, s.captured, s.reserved_refund, s.refunded);
    ALTER TABLE transactions ADD CONSTRAINT transactions_capture_within_authorized
      CHECK (reserved_capture_amount <= authorized_amount);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE transactions DROP CONSTRAINT transactions_capture_within_authorized');
  await moneyGuardTriggers(knex);
}
