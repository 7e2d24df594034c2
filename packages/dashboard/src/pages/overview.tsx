// The landing page after sign-in: what the last 30 days (in the merchant's time zone) came to, where the money
// stands and what needs a person now. Every number is counted by the API (GET /analytics/overview); the page only
// shows them.
import { useCallback } from 'preact/hooks';
import { request } from '../api';
import { yen } from '../format';
import { type Locale, type MessageKey, useI18n } from '../i18n';
import { MONEY_STATES } from '../money-state';
import type { Overview, OverviewPeriod } from '../overview-resource';
import { href } from '../router';
import { useSession } from '../session';
import { type AttentionChoice, attentionList } from '../transaction-filters';
import { BarChartFigure, type BarSeries } from '../ui/bar-chart';
import { ErrorBanner } from '../ui/widgets';
import { useResource } from '../use-resource';

/** The overview counts over up to a million rows: read again every 30 s, not every 2 s like a single transaction. */
const EVERY_MS = 30_000;

const intlLocale = (locale: Locale) => (locale === 'ja' ? 'ja-JP' : 'en-US');

function dayLabel(date: string, locale: Locale, style: 'short' | 'long'): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: 'UTC',
    ...(style === 'long' ? { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' } : {}),
    ...(style === 'short' ? { month: 'numeric', day: 'numeric' } : {}),
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function OverviewPage() {
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const load = () => request<Overview>('GET', '/analytics/overview', { query: { time_zone: timeZone } });
  const { data, error } = useResource(load, [timeZone], { every: EVERY_MS });
  const compact = useCallback(
    (amount: number) =>
      new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'JPY', notation: 'compact' }).format(
        amount,
      ),
    [locale],
  );

  return (
    <section aria-labelledby="overview-title" class="overview">
      <h1 id="overview-title">{t('overview.title')}</h1>
      <p class="hint">{t('overview.intro', { timeZone })}</p>
      <ErrorBanner failure={error} />
      {!data && !error && <p role="status">{t('common.loading')}</p>}
      {data && (
        <>
          <Attention overview={data} />
          <Period id="today" title={t('overview.today')} figures={data.today} />
          <BarChartFigure
            id="volume-today"
            caption={t('overview.chartToday')}
            horizontal
            labels={[t('overview.authorized'), t('overview.captured'), t('overview.refunded')]}
            series={[
              {
                name: t('overview.amount'),
                className: 'ct-series-a',
                values: [data.today.authorized_amount, data.today.captured_amount, data.today.refunded_amount],
              },
            ]}
            format={yen}
            formatAxis={compact}
          />
          <Period id="last-30-days" title={t('overview.last30')} figures={data.last_30_days} />
          <BarChartFigure
            id="volume-30-days"
            caption={t('overview.chart30')}
            labels={data.days.map((day) => dayLabel(day.date, locale, 'long'))}
            axisLabels={data.days.map((day) => dayLabel(day.date, locale, 'short'))}
            labelEvery={5}
            series={volumeSeries(data, t)}
            format={yen}
            formatAxis={compact}
          />
          <MoneyStates overview={data} />
        </>
      )}
    </section>
  );
}

function volumeSeries(data: Overview, t: (key: MessageKey) => string): BarSeries[] {
  return [
    { name: t('overview.authorized'), className: 'ct-series-a', values: data.days.map((d) => d.authorized_amount) },
    { name: t('overview.captured'), className: 'ct-series-b', values: data.days.map((d) => d.captured_amount) },
    { name: t('overview.refunded'), className: 'ct-series-c', values: data.days.map((d) => d.refunded_amount) },
  ];
}

function Period({ id, title, figures }: { id: string; title: string; figures: OverviewPeriod }) {
  const { t, locale } = useI18n();
  const conversion =
    figures.approval_conversion === null
      ? '—'
      : new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 1 }).format(
          figures.approval_conversion,
        );
  const facts: Array<[key: string, label: string, value: string, note?: string]> = [
    ['authorized', t('overview.authorized'), yen(figures.authorized_amount)],
    ['captured', t('overview.captured'), yen(figures.captured_amount)],
    ['refunded', t('overview.refunded'), yen(figures.refunded_amount)],
    [
      'conversion',
      t('overview.conversion'),
      conversion,
      t('overview.conversionOf', { approved: figures.approved_count, created: figures.created_count }),
    ],
  ];
  return (
    <section aria-labelledby={`${id}-title`} class="card" data-period={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <dl class="tiles">
        {facts.map(([key, label, value, note]) => (
          <div key={key} data-figure={key}>
            <dt>{label}</dt>
            <dd>
              <span class="figure">{value}</span>
              {note && <span class="hint">{note}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function MoneyStates({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="money-states-title" class="card">
      <h2 id="money-states-title">{t('overview.moneyStates')}</h2>
      <p class="hint">{t('overview.moneyStatesHint')}</p>
      <dl class="counts">
        {MONEY_STATES.map((state) => (
          <div key={state} data-money-state={state}>
            <dt>{t(`money.${state}`)}</dt>
            <dd>{overview.money_states[state].toLocaleString()}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Attention({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const { needs_attention: counts } = overview;
  // Each row opens the list narrowed to exactly what it counts (the deliveries live on the webhooks page).
  const list = (kind: AttentionChoice) => `${href({ page: 'transactions' })}${attentionList(kind)}`;
  const items: Array<[key: string, count: number, label: MessageKey, to: string]> = [
    ['unknown-outcomes', counts.unknown_outcomes, 'overview.unknownOutcomes', list('unknown_outcome')],
    ['partly-made-refunds', counts.partly_made_refunds, 'overview.partlyMadeRefunds', list('partly_made_refund')],
    ['expiring-approvals', counts.expiring_approvals, 'overview.expiringApprovals', list('expiring_approval')],
    ['failed-deliveries', counts.failed_webhook_deliveries, 'overview.failedDeliveries', href({ page: 'webhooks' })],
  ];
  const waiting = items.some(([, count]) => count > 0);
  return (
    <section aria-labelledby="attention-title" class={`card attention${waiting ? ' waiting' : ''}`}>
      <h2 id="attention-title">{t('overview.attention')}</h2>
      {!waiting && <p>{t('overview.nothingWaiting')}</p>}
      <ul>
        {items.map(([key, count, label, to]) => (
          <li key={key} data-attention={key} class={count > 0 ? 'waiting' : undefined}>
            <span class="count">{count.toLocaleString()}</span> <a href={to}>{t(label)}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
