// Reconciliation: the runs that compared a connection's Japan day with Smartpay, newest first, and a run started on
// demand by an admin (the API refuses a viewer's start anyway). A run is done by a job: its page follows it.
import { useState } from 'preact/hooks';
import { ApiFailure, type Page, request } from '../api';
import { dateTime, yen } from '../format';
import { useI18n } from '../i18n';
import type { PaymentService } from '../resources';
import {
  japanDay,
  kindsFound,
  type MoneySides,
  type ReconciliationRun,
  runInProgress,
} from '../resources-reconciliation';
import { href, navigate } from '../router';
import { useSession } from '../session';
import { CursorPager, ErrorBanner, Field, Notice } from '../ui/widgets';
import { useResource } from '../use-resource';

const readRuns = (cursor: string | null) =>
  request<Page<ReconciliationRun>>('GET', '/reconciliation-runs', {
    query: { cursor: cursor ?? undefined, limit: '20' },
  });
const readConnections = async () => (await request<Page<PaymentService>>('GET', '/payment-services')).items;

export function ReconciliationPage() {
  const { t, locale } = useI18n();
  const { canWrite, timeZone } = useSession();
  const [cursor, setCursor] = useState<string | null>(null);
  const runs = useResource(() => readRuns(cursor), [cursor], { every: 5_000 });
  const connections = useResource(readConnections, [], { every: 60_000 });
  const names = new Map((connections.data ?? []).map((service) => [service.id, service.display_name]));
  const page = runs.data;
  return (
    <section aria-labelledby="recon-title">
      <h1 id="recon-title">{t('recon.title')}</h1>
      <p>{t('recon.intro')}</p>
      {canWrite ? <StartRun connections={connections.data ?? []} /> : <p class="hint">{t('common.readOnly')}</p>}
      <ErrorBanner failure={runs.error} />
      <Notice>{t('common.refreshing')}</Notice>
      {runs.state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {page && page.items.length === 0 && <p>{t('recon.none')}</p>}
      {page && page.items.length > 0 && (
        <div class="table-wrap">
          <table class="cards recon-runs">
            <caption>{t('recon.runsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('recon.date')}</th>
                <th scope="col">{t('recon.connection')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('recon.differences')}</th>
                <th scope="col">{t('recon.kessaiSide')}</th>
                <th scope="col">{t('recon.smartpaySide')}</th>
                <th scope="col">{t('recon.openResolved')}</th>
                <th scope="col">{t('common.created')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((run) => (
                <tr key={run.id} data-run-id={run.id}>
                  <td data-label={t('recon.date')}>
                    <a href={href({ page: 'reconciliation-run', id: run.id })}>
                      {t('recon.runOf', { date: run.date })}
                    </a>
                  </td>
                  <td data-label={t('recon.connection')}>
                    {names.get(run.payment_service_id) ?? run.payment_service_id}
                  </td>
                  <td data-label={t('common.status')}>
                    <RunStatusBadge run={run} />
                  </td>
                  <td data-label={t('recon.differences')}>
                    <KindCounts run={run} />
                  </td>
                  <td data-label={t('recon.kessaiSide')}>
                    <Sides sides={run.kessai} />
                  </td>
                  <td data-label={t('recon.smartpaySide')}>
                    <Sides sides={run.provider} />
                  </td>
                  <td data-label={t('recon.openResolved')} data-open={run.open_count ?? ''}>
                    {run.open_count === null
                      ? '—'
                      : t('recon.openResolvedCounts', {
                          open: run.open_count,
                          resolved: (run.resolved_count ?? 0) + (run.acknowledged_count ?? 0),
                        })}
                  </td>
                  <td data-label={t('common.created')}>{dateTime(run.created_at, timeZone, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CursorPager page={page} label={t('recon.runsCaption')} go={setCursor} />
    </section>
  );
}

/** A connection and a Japan day (yesterday by default: today's money is still moving); the run's page follows it. */
function StartRun({ connections }: { connections: PaymentService[] }) {
  const { t } = useI18n();
  const active = connections.filter((service) => service.active && !service.is_deleted);
  const [chosen, setChosen] = useState('');
  const [date, setDate] = useState(() => japanDay(new Date(), 1));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const connection = chosen || active[0]?.id || '';
  const start = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const run = await request<ReconciliationRun>('POST', '/reconciliation-runs', {
        body: { payment_service_id: connection, date },
      });
      navigate(href({ page: 'reconciliation-run', id: run.id }));
    } catch (error) {
      setFailure(error as Error);
      setBusy(false);
    }
  };
  const fieldError = (field: string) => (failure instanceof ApiFailure ? failure.detailFor(field) : undefined);
  return (
    <form class="card recon-start" aria-labelledby="recon-start-title" onSubmit={start}>
      <h2 id="recon-start-title">{t('recon.start')}</h2>
      <ErrorBanner failure={failure} fields={['payment_service_id', 'date']} />
      <div class="field">
        <label for="recon-connection">{t('recon.connection')}</label>
        <select
          id="recon-connection"
          name="payment_service_id"
          value={connection}
          required
          onChange={(event) => setChosen((event.target as HTMLSelectElement).value)}
        >
          {active.map((service) => (
            <option key={service.id} value={service.id}>
              {service.display_name}
            </option>
          ))}
        </select>
        {fieldError('payment_service_id') && <p class="field-error">{fieldError('payment_service_id')}</p>}
      </div>
      <Field
        label={t('recon.day')}
        name="date"
        type="date"
        value={date}
        onInput={setDate}
        required
        hint={t('recon.dayHint')}
        error={fieldError('date')}
      />
      <button type="submit" class="primary" disabled={busy || !connection || !date}>
        {t('recon.startButton')}
      </button>
    </form>
  );
}

export function RunStatusBadge({ run }: { run: Pick<ReconciliationRun, 'status'> }) {
  const { t } = useI18n();
  return (
    <span class={`status status-run-${run.status}`} data-run-status={run.status}>
      {t(`recon.runStatus.${run.status}`)}
      {runInProgress(run) ? '…' : ''}
    </span>
  );
}

/** The kinds found, each in words with its count; "none" for a clean day, a dash while the run works. */
export function KindCounts({ run }: { run: Pick<ReconciliationRun, 'counts_by_kind'> }) {
  const { t } = useI18n();
  if (!run.counts_by_kind) return <>—</>;
  const found = kindsFound(run);
  if (found.length === 0) return <>{t('recon.noDifference')}</>;
  return (
    <ul class="recon-kinds">
      {found.map(([kind, count]) => (
        <li key={kind} data-kind={kind}>
          {t(`recon.kind.${kind}`)}: {count}
        </li>
      ))}
    </ul>
  );
}

function Sides({ sides }: { sides: MoneySides | null }) {
  const { t } = useI18n();
  if (!sides) return <>—</>;
  return (
    <span class="recon-sides">
      {t('recon.capturedRefunded', { captured: yen(sides.captured_amount), refunded: yen(sides.refunded_amount) })}
    </span>
  );
}
