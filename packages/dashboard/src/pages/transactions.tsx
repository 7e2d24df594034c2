import { useState } from 'preact/hooks';
import { ApiFailure, type Page, request } from '../api';
import { dateTime, yen, zonedDayToIso } from '../format';
import { label, useI18n } from '../i18n';
import { TRANSACTION_STATUSES, type Transaction } from '../resources';
import { href } from '../router';
import { useSession } from '../session';
import { ErrorBanner, Field, Notice, StatusBadge } from '../ui/widgets';
import { useResource } from '../use-resource';

interface Filters {
  status: string;
  from: string;
  to: string;
  amountMin: string;
  amountMax: string;
  search: string;
}
const noFilters: Filters = { status: '', from: '', to: '', amountMin: '', amountMax: '', search: '' };

/** The filters as the API's query: dates are whole days in the merchant's time zone. */
function query(filters: Filters, timeZone: string, cursor: string | null) {
  return {
    status: filters.status || undefined,
    created_at_gte: filters.from ? zonedDayToIso(filters.from, timeZone, false) : undefined,
    created_at_lte: filters.to ? zonedDayToIso(filters.to, timeZone, true) : undefined,
    amount_gte: filters.amountMin.trim() || undefined,
    amount_lte: filters.amountMax.trim() || undefined,
    search: filters.search.trim() || undefined,
    cursor: cursor ?? undefined,
    limit: '20',
  };
}

const readPage = (filters: Filters, timeZone: string, cursor: string | null) =>
  request<Page<Transaction>>('GET', '/transactions', { query: query(filters, timeZone, cursor) });

export function TransactionsPage() {
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [cursor, setCursor] = useState<string | null>(null);
  const {
    state,
    data: page,
    error: failure,
  } = useResource(() => readPage(filters, timeZone, cursor), [filters, cursor, timeZone]);

  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft, [key]: value });
  const fieldError = (field: string) => (failure instanceof ApiFailure ? failure.detailFor(field) : undefined);
  return (
    <section aria-labelledby="tx-title">
      <h1 id="tx-title">{t('tx.title')}</h1>
      <form
        class="filters card"
        aria-label={t('tx.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          setCursor(null);
          setFilters(draft);
        }}
      >
        <div class="field">
          <label for="filter-status">{t('tx.status')}</label>
          <select
            id="filter-status"
            name="status"
            value={draft.status}
            onChange={(e) => set('status')((e.target as HTMLSelectElement).value)}
          >
            <option value="">{t('tx.anyStatus')}</option>
            {TRANSACTION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {label(t, 'status', status)}
              </option>
            ))}
          </select>
        </div>
        <Field label={t('tx.from')} name="from" type="date" value={draft.from} onInput={set('from')} />
        <Field label={t('tx.to')} name="to" type="date" value={draft.to} onInput={set('to')} />
        <Field
          label={t('tx.amountMin')}
          name="amount_gte"
          inputMode="numeric"
          value={draft.amountMin}
          onInput={set('amountMin')}
          error={fieldError('amount_gte')}
        />
        <Field
          label={t('tx.amountMax')}
          name="amount_lte"
          inputMode="numeric"
          value={draft.amountMax}
          onInput={set('amountMax')}
          error={fieldError('amount_lte')}
        />
        <Field
          label={t('tx.search')}
          name="search"
          type="search"
          value={draft.search}
          onInput={set('search')}
          error={fieldError('search')}
        />
        <div class="filter-buttons">
          <button type="submit" class="primary">
            {t('tx.apply')}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(noFilters);
              setFilters(noFilters);
              setCursor(null);
            }}
          >
            {t('tx.reset')}
          </button>
        </div>
      </form>
      <ErrorBanner failure={failure} fields={['amount_gte', 'amount_lte', 'search']} />
      <Notice>{t('common.refreshing')}</Notice>
      {state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {page && page.items.length === 0 && <p>{t('tx.empty')}</p>}
      {page && page.items.length > 0 && (
        <div class="table-wrap">
          <table class="cards">
            <caption>{t('tx.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.updated')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col" class="num">
                  {t('common.amount')}
                </th>
                <th scope="col">{t('tx.externalId')}</th>
                <th scope="col">{t('tx.buyer')}</th>
                <th scope="col">{t('common.id')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((tx) => (
                <tr key={tx.id} data-transaction-id={tx.id}>
                  <td data-label={t('common.updated')}>{dateTime(tx.updated_at, timeZone, locale)}</td>
                  <td data-label={t('common.status')}>
                    <StatusBadge status={tx.status} />
                  </td>
                  <td data-label={t('common.amount')} class="num">
                    {yen(tx.amount, tx.currency)}
                  </td>
                  <td data-label={t('tx.externalId')}>{tx.external_identifier ?? '—'}</td>
                  <td data-label={t('tx.buyer')}>{tx.buyer?.billing_details?.email_address ?? '—'}</td>
                  <td data-label={t('common.id')}>
                    <a href={href({ page: 'transaction', id: tx.id })}>
                      <code>{tx.id}</code>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label={t('tx.title')}>
        <button
          type="button"
          disabled={!page?.previous_cursor}
          onClick={() => setCursor(page?.previous_cursor ?? null)}
        >
          {t('common.previous')}
        </button>
        <button type="button" disabled={!page?.next_cursor} onClick={() => setCursor(page?.next_cursor ?? null)}>
          {t('common.next')}
        </button>
      </nav>
    </section>
  );
}
