import type { MoneyState } from '../analytics/money-state';

/** The stretch of time an overview covers, decided by `ReadOverview`; adapters only count within it. */
export interface OverviewWindow {
  /** IANA time zone in which days begin and end (the merchant's, `Asia/Tokyo` by default). */
  timeZone: string;
  /** Midnight, in `timeZone`, of the first day counted. */
  from: Date;
  now: Date;
  /** A capture, refund or void still pending and last touched before this has an unknown outcome. */
  unresolvedBefore: Date;
  /** An approval awaited that expires after `now` and before this is about to expire. */
  expiringBefore: Date;
}

/** What the transactions created on one day (in the window's time zone) came to. Amounts in minor units. */
export interface DayFigures {
  /** `YYYY-MM-DD` in the window's time zone. */
  day: string;
  created: number;
  /** Those the buyer approved (authorized at some point, whatever came after). */
  approved: number;
  authorizedAmount: number;
  capturedAmount: number;
  refundedAmount: number;
}

export interface AttentionCounts {
  /** Transactions with a capture, refund or void whose provider outcome is still unknown. */
  unknownOutcomes: number;
  /** Refunds the provider made only part of, the rest still to be sent. */
  partlyMadeRefunds: number;
  /** Approvals awaited that expire soon. */
  expiringApprovals: number;
  /** Webhook deliveries given up, on the merchant's subscriptions. */
  failedWebhookDeliveries: number;
}

export interface OverviewFigures {
  /** Only the days with at least one transaction created, in any order. */
  days: DayFigures[];
  /** Transactions created since `from`, by money state (`moneyStateOf`); every state present. */
  moneyStates: Record<MoneyState, number>;
  /** Not bounded by the window: everything waiting now. */
  attention: AttentionCounts;
}

/** Counts and sums over a merchant's transactions, computed by the storage (in SQL for PostgreSQL). */
export interface TransactionAnalytics {
  overview(merchantAccountId: string, window: OverviewWindow): Promise<OverviewFigures>;
}
