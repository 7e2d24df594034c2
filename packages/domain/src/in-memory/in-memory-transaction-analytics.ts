import type { WebhookDeliveryRepository } from '../merchant-webhooks/webhook-delivery-repository';
import type { WebhookSubscriptionRepository } from '../merchant-webhooks/webhook-subscription-repository';
import { dayOf } from '../shared/calendar';
import { type AttentionKind, needsAttention } from '../transactions/analytics/attention';
import { MONEY_STATES, type MoneyState, moneyStateOf } from '../transactions/analytics/money-state';
import type {
  AttentionCounts,
  DayFigures,
  OverviewFigures,
  OverviewWindow,
  TransactionAnalytics,
} from '../transactions/ports/transaction-analytics';
import type { Page, TransactionRepository } from '../transactions/ports/transaction-repository';
import { refundsOf } from '../transactions/transaction-state';
import type { TransactionSummary } from '../transactions/transaction-summary';

async function everything<T>(read: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** The overview counted by reading every transaction through the ports: the reference the SQL one is held to. */
export class InMemoryTransactionAnalytics implements TransactionAnalytics {
  constructor(
    private readonly transactions: TransactionRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
  ) {}

  async overview(merchantAccountId: string, window: OverviewWindow): Promise<OverviewFigures> {
    const all = await everything((cursor) => this.transactions.list(merchantAccountId, { limit: 100, cursor }));
    const recent = all.filter((tx) => tx.createdAt.getTime() >= window.from.getTime());
    const days = new Map<string, DayFigures>();
    const moneyStates = Object.fromEntries(MONEY_STATES.map((state) => [state, 0])) as Record<MoneyState, number>;
    for (const tx of recent) {
      const day = dayOf(tx.createdAt, window.timeZone);
      const figures = days.get(day) ?? {
        day,
        created: 0,
        approved: 0,
        authorizedAmount: 0,
        capturedAmount: 0,
        refundedAmount: 0,
      };
      figures.created += 1;
      figures.approved += tx.authorizedAt ? 1 : 0;
      figures.authorizedAmount += tx.authorizedAmount;
      figures.capturedAmount += tx.capturedAmount;
      figures.refundedAmount += tx.refundedAmount;
      days.set(day, figures);
      moneyStates[moneyStateOf(tx)] += 1;
    }
    return { days: [...days.values()], moneyStates, attention: await this.attention(merchantAccountId, all, window) };
  }

  private async attention(
    merchantAccountId: string,
    all: readonly TransactionSummary[],
    window: OverviewWindow,
  ): Promise<AttentionCounts> {
    const times = { now: window.now, unresolvedBefore: window.unresolvedBefore, expiringBefore: window.expiringBefore };
    let unknownOutcomes = 0;
    let partlyMadeRefunds = 0;
    let expiringApprovals = 0;
    for (const summary of all) {
      const tx = await this.transactions.get(merchantAccountId, summary.id);
      if (!tx) continue;
      const is = (kind: AttentionKind) => needsAttention(tx.state, summary, { ...times, kind });
      // Refunds, not transactions, are counted here: a transaction may wait on more than one.
      partlyMadeRefunds += refundsOf(tx.state).filter(
        (r) => r.status === 'processing' && !r.external && r.refundedAtProvider > 0,
      ).length;
      if (is('unknown_outcome')) unknownOutcomes += 1;
      if (is('expiring_approval')) expiringApprovals += 1;
    }
    let failedWebhookDeliveries = 0;
    const subscriptions = await everything((cursor) =>
      this.subscriptions.list(merchantAccountId, { limit: 100, cursor }),
    );
    for (const subscription of subscriptions) {
      const failed = await everything((cursor) =>
        this.deliveries.list(merchantAccountId, subscription.id, { limit: 100, cursor, status: 'failed' }),
      );
      failedWebhookDeliveries += failed.length;
    }
    return { unknownOutcomes, partlyMadeRefunds, expiringApprovals, failedWebhookDeliveries };
  }
}
