// What `GET /analytics/overview` answers (Kessai's own route, counted by the API's storage): the overview page's data.
import type { MoneyState } from './money-state';

export interface OverviewCounts {
  created_count: number;
  approved_count: number;
  authorized_amount: number;
  captured_amount: number;
  refunded_amount: number;
}

export interface OverviewPeriod extends OverviewCounts {
  /** approved ÷ created, 0..1; null when nothing was created. */
  approval_conversion: number | null;
}

export interface Overview {
  type: 'analytics-overview';
  time_zone: string;
  generated_at: string;
  /** 30 days, oldest first, today last. */
  days: Array<OverviewCounts & { date: string }>;
  today: OverviewPeriod;
  last_30_days: OverviewPeriod;
  /** Counted by the API with the same rule as `moneyOf` (a spec holds the two equal). */
  money_states: Record<MoneyState, number>;
  needs_attention: {
    unknown_outcomes: number;
    partly_made_refunds: number;
    expiring_approvals: number;
    failed_webhook_deliveries: number;
  };
}
