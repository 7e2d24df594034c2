import { dayOf, daysEndingOn, startOfDay } from '../../shared/calendar';
import type { Clock } from '../../shared/clock';
import type { DayFigures, OverviewFigures, TransactionAnalytics } from '../ports/transaction-analytics';
import { attentionTimes } from './attention';

/** How many days, today included, the overview's charts and totals cover. */
export const OVERVIEW_DAYS = 30;

/** The figures of a period: its sums, and approved ÷ created (null when nothing was created). */
export interface PeriodFigures extends Omit<DayFigures, 'day'> {
  conversion: number | null;
}

export interface Overview extends Omit<OverviewFigures, 'days'> {
  timeZone: string;
  /** Every day of the period, oldest first, today last; days without transactions are zeros. */
  days: DayFigures[];
  today: PeriodFigures;
  period: PeriodFigures;
}

const NO_FIGURES = { created: 0, approved: 0, authorizedAmount: 0, capturedAmount: 0, refundedAmount: 0 };

function periodOf(days: readonly DayFigures[]): PeriodFigures {
  const sum = { ...NO_FIGURES };
  for (const day of days) {
    sum.created += day.created;
    sum.approved += day.approved;
    sum.authorizedAmount += day.authorizedAmount;
    sum.capturedAmount += day.capturedAmount;
    sum.refundedAmount += day.refundedAmount;
  }
  return { ...sum, conversion: sum.created === 0 ? null : sum.approved / sum.created };
}

/**
 * The landing figures of a merchant: what the transactions created in the last 30 days of its time zone came to,
 * day by day, where their money stands, and what needs a person's attention now.
 */
export class ReadOverview {
  constructor(
    private readonly analytics: TransactionAnalytics,
    private readonly clock: Clock,
  ) {}

  async run(merchantAccountId: string, timeZone: string): Promise<Overview> {
    const now = this.clock.now();
    const dayList = daysEndingOn(dayOf(now, timeZone), OVERVIEW_DAYS);
    const figures = await this.analytics.overview(merchantAccountId, {
      timeZone,
      from: startOfDay(dayList[0] ?? '', timeZone),
      ...attentionTimes(now),
    });
    const byDay = new Map(figures.days.map((figure) => [figure.day, figure]));
    const days = dayList.map((day) => byDay.get(day) ?? { day, ...NO_FIGURES });
    return {
      timeZone,
      days,
      today: periodOf(days.slice(-1)),
      period: periodOf(days),
      moneyStates: figures.moneyStates,
      attention: figures.attention,
    };
  }
}
