// One reconciliation run: what it compared and counted, the day's differences by kind and status (the filters live
// in the URL, like the transaction list's), an open one acknowledged with a note, and the same list as CSV.
import { useState } from 'preact/hooks';
import { ApiFailure, type Page, pathWithQuery, request } from '../api';
import { dateTime, yen } from '../format';
import { useI18n } from '../i18n';
import type { PaymentService } from '../resources';
import {
  DIFFERENCE_KINDS,
  type DifferenceKind,
  ITEM_STATUSES,
  type ItemStatus,
  kindsFound,
  type ReconciliationItem,
  type ReconciliationRun,
  runInProgress,
} from '../resources-reconciliation';
import { BASE, href, navigate, useSearch } from '../router';
import { useSession } from '../session';
import { Dialog } from '../ui/dialog';
import { CursorPager, ErrorBanner, Notice } from '../ui/widgets';
import { useResource } from '../use-resource';
import { KindCounts, RunStatusBadge } from './reconciliation';

export interface ItemFilters {
  kind: DifferenceKind | '';
  status: ItemStatus | '';
  cursor: string | null;
}

/** The item filters from the URL's query; an unknown kind or status reads as none. */
export function itemFiltersFrom(search: string): ItemFilters {
  const params = new URLSearchParams(search);
  const kind = params.get('kind') ?? '';
  const status = params.get('status') ?? '';
  return {
    kind: (DIFFERENCE_KINDS as readonly string[]).includes(kind) ? (kind as DifferenceKind) : '',
    status: (ITEM_STATUSES as readonly string[]).includes(status) ? (status as ItemStatus) : '',
    cursor: params.get('cursor') || null,
  };
}

function showItems(runId: string, filters: ItemFilters): void {
  const to = pathWithQuery(`${BASE}/reconciliation/${encodeURIComponent(runId)}`, {
    kind: filters.kind,
    status: filters.status,
    cursor: filters.cursor ?? undefined,
  });
  if (to !== location.pathname + location.search) navigate(to);
}

const runPath = (id: string) => `/reconciliation-runs/${encodeURIComponent(id)}`;

export function ReconciliationRunPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const { canWrite, timeZone } = useSession();
  const filters = itemFiltersFrom(useSearch());
  const [acknowledging, setAcknowledging] = useState<ReconciliationItem | null>(null);
  const run = useResource(() => request<ReconciliationRun>('GET', runPath(id)), [id], { every: 3_000 });
  const status = run.data?.status;
  const items = useResource(
    () =>
      request<Page<ReconciliationItem>>('GET', `${runPath(id)}/items`, {
        query: { kind: filters.kind, status: filters.status, cursor: filters.cursor ?? undefined, limit: '20' },
      }),
    // A run that ends has found its items: read them again then.
    [id, filters.kind, filters.status, filters.cursor, status],
    { every: 10_000 },
  );
  const connections = useResource(
    async () => (await request<Page<PaymentService>>('GET', '/payment-services')).items,
    [],
    { every: 60_000 },
  );
  const data = run.data;
  const when = (iso: string | null) => dateTime(iso, timeZone, locale);
  const connection = data && connections.data?.find((service) => service.id === data.payment_service_id);
  const pick = (change: Partial<ItemFilters>) => showItems(id, { ...filters, cursor: null, ...change });
  return (
    <section aria-labelledby="recon-run-title">
      <p>
        <a href={href({ page: 'reconciliation' })}>← {t('recon.back')}</a>
      </p>
      <h1 id="recon-run-title">{data ? t('recon.runOf', { date: data.date }) : t('recon.title')}</h1>
      <ErrorBanner failure={run.error} />
      {run.state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {data && (
        <div class="card">
          <h2>{t('recon.summary')}</h2>
          <p aria-live="polite">
            <RunStatusBadge run={data} />
          </p>
          {canWrite && !runInProgress(data) && <RunAgain run={data} />}
          {data.failure_reason && <p class="field-error">{t('recon.failed', { reason: data.failure_reason })}</p>}
          <dl class="facts">
            <Fact name={t('recon.connection')} value={connection?.display_name ?? data.payment_service_id} />
            <Fact name={t('recon.transactions')} value={count(data.transaction_count)} />
            <Fact name={t('recon.providerOrders')} value={count(data.provider_order_count)} />
            <Fact
              name={t('recon.kessaiCaptured')}
              value={money(data.kessai?.captured_amount)}
              testId="kessai-captured"
            />
            <Fact
              name={t('recon.smartpayCaptured')}
              value={money(data.provider?.captured_amount)}
              testId="smartpay-captured"
            />
            <Fact
              name={t('recon.kessaiRefunded')}
              value={money(data.kessai?.refunded_amount)}
              testId="kessai-refunded"
            />
            <Fact
              name={t('recon.smartpayRefunded')}
              value={money(data.provider?.refunded_amount)}
              testId="smartpay-refunded"
            />
            <Fact name={t('recon.itemStatus.open')} value={count(data.open_count)} testId="open" />
            <Fact name={t('recon.itemStatus.resolved')} value={count(data.resolved_count)} testId="resolved" />
            <Fact
              name={t('recon.itemStatus.acknowledged')}
              value={count(data.acknowledged_count)}
              testId="acknowledged"
            />
            <Fact name={t('recon.kind.in_flight')} value={count(data.in_flight_count)} />
            <Fact name={t('recon.providerCalls')} value={count(data.provider_calls)} />
            <Fact
              name={t('recon.requestedBy')}
              value={data.requested_by?.display ?? t(data.trigger === 'schedule' ? 'recon.bySchedule' : 'common.none')}
            />
            <Fact name={t('recon.startedAt')} value={when(data.started_at)} />
            <Fact name={t('recon.completedAt')} value={when(data.completed_at)} />
          </dl>
          <h3>{t('recon.byKind')}</h3>
          {data.counts_by_kind && kindsFound(data).length > 0 ? (
            <ul class="recon-kinds">
              {kindsFound(data).map(([kind, number]) => (
                <li key={kind} data-kind={kind}>
                  <a href={pathWithQuery(`${BASE}/reconciliation/${encodeURIComponent(id)}`, { kind })}>
                    {t(`recon.kind.${kind}`)}
                  </a>
                  : {number}
                </li>
              ))}
            </ul>
          ) : (
            <KindCounts run={data} />
          )}
        </div>
      )}
      {data && (
        <>
          <h2>{t('recon.items')}</h2>
          <form class="filters card" aria-label={t('recon.itemFilters')} onSubmit={(event) => event.preventDefault()}>
            <div class="field">
              <label for="recon-kind">{t('recon.kindLabel')}</label>
              <select
                id="recon-kind"
                name="kind"
                value={filters.kind}
                onChange={(event) => pick({ kind: (event.target as HTMLSelectElement).value as DifferenceKind })}
              >
                <option value="">{t('recon.anyKind')}</option>
                {DIFFERENCE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`recon.kind.${kind}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="recon-status">{t('common.status')}</label>
              <select
                id="recon-status"
                name="status"
                value={filters.status}
                onChange={(event) => pick({ status: (event.target as HTMLSelectElement).value as ItemStatus })}
              >
                <option value="">{t('recon.anyStatus')}</option>
                {ITEM_STATUSES.map((one) => (
                  <option key={one} value={one}>
                    {t(`recon.itemStatus.${one}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="filter-buttons">
              <a
                class="button"
                data-export="csv"
                href={pathWithQuery(`${runPath(id)}/items.csv`, { kind: filters.kind, status: filters.status })}
                download={`reconciliation-${data.date}.csv`}
              >
                {t('recon.downloadCsv')}
              </a>
            </div>
          </form>
          <ErrorBanner failure={acknowledging ? null : items.error} />
          {runInProgress(data) && <Notice>{t('recon.working')}</Notice>}
          {items.data && items.data.items.length === 0 && !runInProgress(data) && <p>{t('recon.noItems')}</p>}
          {items.data && items.data.items.length > 0 && (
            <div class="table-wrap">
              <table class="cards recon-items">
                <caption>{t('recon.itemsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('recon.kindLabel')}</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col">{t('recon.transaction')}</th>
                    <th scope="col">{t('recon.smartpayOrder')}</th>
                    <th scope="col" class="num">
                      {t('recon.kessaiAmount')}
                    </th>
                    <th scope="col" class="num">
                      {t('recon.smartpayAmount')}
                    </th>
                    <th scope="col">{t('recon.seen')}</th>
                    <th scope="col">{t('recon.resolution')}</th>
                    {canWrite && <th scope="col">{t('common.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {items.data.items.map((item) => (
                    <tr key={item.id} data-item-id={item.id} data-kind={item.kind} data-status={item.status}>
                      <td data-label={t('recon.kindLabel')}>
                        {t(`recon.kind.${item.kind}`)} <code>{item.kind}</code>
                      </td>
                      <td data-label={t('common.status')}>
                        <span class={`status status-item-${item.status}`}>{t(`recon.itemStatus.${item.status}`)}</span>
                      </td>
                      <td data-label={t('recon.transaction')}>
                        {item.transaction_id ? (
                          <a href={href({ page: 'transaction', id: item.transaction_id })}>
                            <code>{item.transaction_id}</code>
                          </a>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td data-label={t('recon.smartpayOrder')}>
                        {item.provider_order_id ? <code>{item.provider_order_id}</code> : '—'}
                      </td>
                      <td data-label={t('recon.kessaiAmount')} class="num">
                        {money(item.kessai_amount)}
                      </td>
                      <td data-label={t('recon.smartpayAmount')} class="num">
                        {money(item.provider_amount)}
                      </td>
                      <td data-label={t('recon.seen')}>{item.detail}</td>
                      <td data-label={t('recon.resolution')} data-resolution={item.resolution ?? ''}>
                        {item.acknowledgement ? (
                          <span class="recon-acknowledgement" data-note={item.acknowledgement.note}>
                            {t('recon.acknowledgedBy', {
                              who: item.acknowledgement.actor.display,
                              when: when(item.acknowledgement.acknowledged_at),
                              note: item.acknowledgement.note,
                            })}
                          </span>
                        ) : item.resolution === 'settled_by_sync' ? (
                          t('recon.settledBySync')
                        ) : item.kind === 'in_flight' ? (
                          t('recon.inFlight')
                        ) : (
                          '—'
                        )}
                      </td>
                      {canWrite && (
                        <td data-label={t('common.actions')}>
                          {item.status === 'open' && item.kind !== 'in_flight' && (
                            <button
                              type="button"
                              aria-label={t('recon.acknowledgeLabel', { kind: t(`recon.kind.${item.kind}`) })}
                              onClick={() => setAcknowledging(item)}
                            >
                              {t('recon.acknowledge')}
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <CursorPager
            page={items.data}
            label={t('recon.itemsCaption')}
            go={(cursor) => pick({ ...filters, cursor })}
          />
        </>
      )}
      {acknowledging && (
        <Acknowledge
          runId={id}
          item={acknowledging}
          onClose={() => setAcknowledging(null)}
          onDone={async () => {
            setAcknowledging(null);
            await Promise.all([items.reload(), run.reload()]);
          }}
        />
      )}
    </section>
  );
}

/** Another run over the same connection and day: it finds the same items and counts what changed since. */
function RunAgain({ run }: { run: ReconciliationRun }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const again = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const next = await request<ReconciliationRun>('POST', '/reconciliation-runs', {
        body: { payment_service_id: run.payment_service_id, date: run.date },
      });
      navigate(href({ page: 'reconciliation-run', id: next.id }));
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="actions">
      <ErrorBanner failure={failure} />
      <button type="button" onClick={again} disabled={busy}>
        {t('recon.runAgain')}
      </button>
    </div>
  );
}

/** The note says why the difference may stay as it is; who and when are the API's (the session's user, now). */
function Acknowledge(props: { runId: string; item: ReconciliationItem; onClose(): void; onDone(): Promise<void> }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const noteError = failure instanceof ApiFailure ? failure.detailFor('note') : undefined;
  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await request('POST', `${runPath(props.runId)}/items/${encodeURIComponent(props.item.id)}/acknowledge`, {
        body: { note },
      });
      await props.onDone();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      busy={busy}
      title={t('recon.acknowledgeTitle', { kind: t(`recon.kind.${props.item.kind}`) })}
      confirmLabel={t('recon.acknowledge')}
      onClose={props.onClose}
      onConfirm={confirm}
    >
      <ErrorBanner failure={failure} fields={['note']} />
      <p>{props.item.detail}</p>
      <div class="field">
        <label for="recon-note">{t('recon.note')}</label>
        <textarea
          id="recon-note"
          name="note"
          rows={3}
          maxLength={1000}
          required
          value={note}
          aria-invalid={noteError ? 'true' : undefined}
          aria-describedby={noteError ? 'recon-note-error' : 'recon-note-hint'}
          onInput={(event) => setNote((event.target as HTMLTextAreaElement).value)}
        />
        <p id="recon-note-hint" class="hint">
          {t('recon.noteHint')}
        </p>
        {noteError && (
          <p id="recon-note-error" class="field-error" data-field-error="note">
            {noteError}
          </p>
        )}
      </div>
    </Dialog>
  );
}

const count = (value: number | null) => (value === null ? '—' : value.toLocaleString('en-US'));
const money = (value: number | null | undefined) => (value === null || value === undefined ? '—' : yen(value));

function Fact({ name, value, testId }: { name: string; value: string; testId?: string }) {
  return (
    <div>
      <dt>{name}</dt>
      <dd data-fact={testId}>{value}</dd>
    </div>
  );
}
