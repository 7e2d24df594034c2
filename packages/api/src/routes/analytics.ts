import type { DayFigures, Overview, PeriodFigures } from '@kessai/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { merchantOf } from '../request-context';
import { errorResponses } from '../schemas/common';
import { type OverviewJson, overviewQuery, overviewSchema } from '../schemas/overview';
import type { ApiServices } from '../services';

const countsOf = (figures: Omit<DayFigures, 'day'>) => ({
  created_count: figures.created,
  approved_count: figures.approved,
  authorized_amount: figures.authorizedAmount,
  captured_amount: figures.capturedAmount,
  refunded_amount: figures.refundedAmount,
});

const periodOf = (figures: PeriodFigures) => ({ ...countsOf(figures), approval_conversion: figures.conversion });

function presentOverview(overview: Overview, now: Date): OverviewJson {
  return {
    type: 'analytics-overview',
    time_zone: overview.timeZone,
    generated_at: now.toISOString(),
    days: overview.days.map((day) => ({ date: day.day, ...countsOf(day) })),
    today: periodOf(overview.today),
    last_30_days: periodOf(overview.period),
    money_states: overview.moneyStates,
    needs_attention: {
      unknown_outcomes: overview.attention.unknownOutcomes,
      partly_made_refunds: overview.attention.partlyMadeRefunds,
      expiring_approvals: overview.attention.expiringApprovals,
      failed_webhook_deliveries: overview.attention.failedWebhookDeliveries,
    },
  };
}

/** Kessai's own read of a merchant's figures (Gr4vy has no such route): counted by the storage, never by the page. */
export function analyticsRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/analytics/overview',
      {
        config: { scope: 'transactions.read' },
        schema: {
          tags: ['Analytics'],
          summary: 'Volumes, approval conversion, money states and what needs attention (a Kessai extension)',
          description:
            'Figures of the transactions created today and over the last 30 days, days beginning at midnight in ' +
            '`time_zone` (default Asia/Tokyo), each as it stands now; `needs_attention` counts what is waiting now.',
          querystring: overviewQuery,
          response: { 200: overviewSchema, ...errorResponses },
        },
      },
      async (request) => {
        const overview = await services.readOverview.run(merchantOf(request), request.query.time_zone);
        return presentOverview(overview, services.clock.now());
      },
    );
  };
}
