import {
  type AttentionCounts,
  type DayFigures,
  MONEY_STATES,
  type MoneyState,
  type OverviewFigures,
  type OverviewWindow,
  type TransactionAnalytics,
} from '@kessai/domain';
import type { Knex } from 'knex';

interface GroupRow {
  day: string;
  money_state: MoneyState;
  created: number;
  approved: number;
  authorized_amount: string;
  captured_amount: string;
  refunded_amount: string;
}

/**
 * The rollup's rows of the window (`transaction-figures.ts`: a few per quarter-hour slot, however many transactions
 * were made), each slot put on its day in the window's time zone: the work grows with the days, not the
 * transactions. The attention counts read the small partial indexes of what is still pending, on
 * `transaction_activity` (migration 017).
 */
export const GROUPS_SQL = `
  SELECT (slot AT TIME ZONE :timeZone)::date::text AS day, money_state, sum(created)::int AS created,
    sum(approved)::int AS approved, sum(authorized_amount)::bigint AS authorized_amount,
    sum(captured_amount)::bigint AS captured_amount, sum(refunded_amount)::bigint AS refunded_amount
  FROM transaction_figures WHERE merchant_account_id = :merchant AND slot >= :from AND created <> 0
  GROUP BY 1, 2`;

const ATTENTION_SQL = `
  SELECT
    (SELECT count(*) FROM (
      SELECT transaction_id FROM captures
        WHERE status = 'pending' AND merchant_account_id = :merchant AND updated_at <= :before
      UNION
      SELECT transaction_id FROM refunds
        WHERE status = 'processing' AND merchant_account_id = :merchant AND updated_at <= :before
          AND NOT external AND refunded_at_provider = 0
      UNION
      SELECT id FROM transaction_activity
        WHERE status = 'authorization_void_pending' AND merchant_account_id = :merchant AND updated_at <= :before
    ) unresolved)::int AS unknown_outcomes,
    (SELECT count(*) FROM refunds
      WHERE status = 'processing' AND merchant_account_id = :merchant AND NOT external AND refunded_at_provider > 0
    )::int AS partly_made_refunds,
    (SELECT count(*) FROM transaction_activity
      WHERE status IN ('processing', 'buyer_approval_pending') AND merchant_account_id = :merchant
        AND approval_expires_at > :now AND approval_expires_at <= :soon
    )::int AS expiring_approvals,
    (SELECT count(*) FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.status = 'failed' AND d.merchant_account_id = :merchant AND s.deleted_at IS NULL
    )::int AS failed_webhook_deliveries`;

export class KnexTransactionAnalytics implements TransactionAnalytics {
  constructor(private readonly knex: Knex) {}

  async overview(merchantAccountId: string, window: OverviewWindow): Promise<OverviewFigures> {
    const [groups, attention] = await Promise.all([
      this.knex.raw<{ rows: GroupRow[] }>(GROUPS_SQL, {
        merchant: merchantAccountId,
        timeZone: window.timeZone,
        from: window.from,
      }),
      this.knex.raw<{ rows: Array<Record<string, number>> }>(ATTENTION_SQL, {
        merchant: merchantAccountId,
        before: window.unresolvedBefore,
        now: window.now,
        soon: window.expiringBefore,
      }),
    ]);
    const days = new Map<string, DayFigures>();
    const moneyStates = Object.fromEntries(MONEY_STATES.map((s) => [s, 0])) as Record<MoneyState, number>;
    for (const row of groups.rows) {
      const day = days.get(row.day) ?? {
        day: row.day,
        created: 0,
        approved: 0,
        authorizedAmount: 0,
        capturedAmount: 0,
        refundedAmount: 0,
      };
      day.created += row.created;
      day.approved += row.approved;
      day.authorizedAmount += Number(row.authorized_amount);
      day.capturedAmount += Number(row.captured_amount);
      day.refundedAmount += Number(row.refunded_amount);
      days.set(row.day, day);
      moneyStates[row.money_state] += row.created;
    }
    const counts = attention.rows[0] ?? {};
    const result: AttentionCounts = {
      unknownOutcomes: counts.unknown_outcomes ?? 0,
      partlyMadeRefunds: counts.partly_made_refunds ?? 0,
      expiringApprovals: counts.expiring_approvals ?? 0,
      failedWebhookDeliveries: counts.failed_webhook_deliveries ?? 0,
    };
    return { days: [...days.values()], moneyStates, attention: result };
  }
}
