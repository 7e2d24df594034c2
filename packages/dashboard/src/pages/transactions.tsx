import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, type Page, pathWithQuery, request } from '../api';
import { amountSentence } from '../error-sentences';
import { dateTime, yen } from '../format';
import { label, useI18n } from '../i18n';
import { moneyOf } from '../money-state';
import type { AmountProblem } from '../parse-amount';
import { TRANSACTION_STATUSES, type Transaction, type TransactionStatus } from '../resources';
import { BASE, href, navigate, useSearch } from '../router';
import { useSession } from '../session';
import {
  ATTENTION_CHOICES,
  apiQuery,
  type Filters,
  listFromUrl,
  listToUrl,
  NO_FILTERS,
  readAmounts,
  unfiltered,
} from '../transaction-filters';
import { MoneyBadge, Remaining, StatusWord } from '../ui/money-badge';
import { ErrorBanner, Field, Notice } from '../ui/widgets';
import { useResource } from '../use-resource';

/** The API's statuses and the dashboard's `cancelled` (a failed authorization with the cancel's error code). */
const STATUS_CHOICES = [...TRANSACTION_STATUSES, 'cancelled'] as const;
/** Statuses whose operation is still under way: shown beside the money state, which does not say it. */
const IN_FLIGHT = new Set<TransactionStatus>([
  'processing',
  'buyer_approval_pending',
  'capture_pending',
  'authorization_void_pending',
]);

const readPage = (filters: Filters, timeZone: string, cursor: string | null) =>
  request<Page<Transaction>>('GET', '/transactions', {
    query: { ...apiQuery(filters, timeZone), cursor: cursor ?? undefined, limit: '20' },
  });

/** The list's filters and page live in the URL: applying them is a navigation, so back/forward and reload keep them. */
function showList(filters: Filters, cursor: string | null): void {
  const to = `${BASE}/transactions${listToUrl(filters, cursor)}`;
  // Applying the filters already shown adds no history entry (back would seem to do nothing).
  if (to !== location.pathname + location.search) navigate(to);
}

export function TransactionsPage() {
  const { t } = useI18n();
  const { timeZone } = useSession();
  const search = useSearch();
  const { filters, cursor } = listFromUrl(search);
  const [draft, setDraft] = useState<Filters>(filters);
  const [amountProblem, setAmountProblem] = useState<{ field: keyof Filters; problem: AmountProblem } | null>(null);
  // Back/forward or a link changes the URL's filters: the form shows them. Not on mount: the effect runs after the
  // first paint, and would wipe what someone typed in between.
  const shownSearch = useRef(search);
  useEffect(() => {
    if (shownSearch.current === search) return;
    shownSearch.current = search;
    setDraft(listFromUrl(search).filters);
    setAmountProblem(null);
  }, [search]);
  const {
    state,
    data: page,
    error: failure,
  } = useResource(() => readPage(filters, timeZone, cursor), [search, timeZone]);

  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft, [key]: value });
  const fieldError = (field: string) => (failure instanceof ApiFailure ? failure.detailFor(field) : undefined);
  const amountError = (field: 'amountMin' | 'amountMax', apiField: string) =>
    amountProblem?.field === field ? amountSentence(t, amountProblem.problem) : fieldError(apiField);
  return (
    <section aria-labelledby="tx-title">
      <h1 id="tx-title">{t('tx.title')}</h1>
      <form
        class="filters card"
        aria-label={t('tx.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          const read = readAmounts(draft);
          setAmountProblem(read.ok ? null : { field: read.field, problem: read.problem });
          if (read.ok) showList(read.filters, null);
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
            {STATUS_CHOICES.map((status) => (
              <option key={status} value={status}>
                {label(t, 'status', status)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-attention">{t('tx.attention')}</label>
          <select
            id="filter-attention"
            name="attention"
            value={draft.attention}
            onChange={(e) => set('attention')((e.target as HTMLSelectElement).value)}
          >
            <option value="">{t('tx.anyAttention')}</option>
            {ATTENTION_CHOICES.map((kind) => (
              <option key={kind} value={kind}>
                {t(`tx.attention.${kind}`)}
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
          error={amountError('amountMin', 'amount_gte')}
        />
        <Field
          label={t('tx.amountMax')}
          name="amount_lte"
          inputMode="numeric"
          value={draft.amountMax}
          onInput={set('amountMax')}
          error={amountError('amountMax', 'amount_lte')}
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
              setDraft(NO_FILTERS);
              setAmountProblem(null);
              showList(NO_FILTERS, null);
            }}
          >
            {t('tx.reset')}
          </button>
          <a
            class="button"
            data-export="csv"
            href={pathWithQuery('/transactions/export.csv', apiQuery(filters, timeZone))}
            download="transactions.csv"
          >
            {t('tx.exportCsv')}
          </a>
        </div>
      </form>
      <ErrorBanner failure={failure} fields={['amount_gte', 'amount_lte', 'search']} />
      <Notice>{t('common.refreshing')}</Notice>
      {state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {page &&
        page.items.length === 0 &&
        (unfiltered(filters) && !cursor ? <FirstTransaction /> : <p>{t('tx.empty')}</p>)}
      {page && page.items.length > 0 && (
        <div class="table-wrap">
          <table class="cards">
            <caption>{t('tx.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.updated')}</th>
                <th scope="col">{t('tx.moneyState')}</th>
                <th scope="col" class="num">
                  {t('common.amount')}
                </th>
                <th scope="col" class="num">
                  {t('tx.captured')}
                </th>
                <th scope="col" class="num">
                  {t('tx.refunded')}
                </th>
                <th scope="col" class="num">
                  {t('tx.remaining')}
                </th>
                <th scope="col">{t('tx.externalId')}</th>
                <th scope="col">{t('tx.buyer')}</th>
                <th scope="col">{t('common.id')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((tx) => (
                <Row key={tx.id} tx={tx} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label={t('tx.title')}>
        <button
          type="button"
          disabled={!page?.previous_cursor}
          onClick={() => showList(filters, page?.previous_cursor ?? null)}
        >
          {t('common.previous')}
        </button>
        <button
          type="button"
          disabled={!page?.next_cursor}
          onClick={() => showList(filters, page?.next_cursor ?? null)}
        >
          {t('common.next')}
        </button>
      </nav>
    </section>
  );
}

/** A row is one link to the transaction (the id's link stretched over the row by the stylesheet). */
function Row({ tx }: { tx: Transaction }) {
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const money = moneyOf(tx);
  const amount = (value: number) => yen(value, tx.currency);
  return (
    <tr data-transaction-id={tx.id} class="linked-row">
      <td data-label={t('common.updated')}>{dateTime(tx.updated_at, timeZone, locale)}</td>
      <td data-label={t('tx.moneyState')}>
        <MoneyBadge state={money.state} />
        {IN_FLIGHT.has(tx.status) && (
          <>
            {' '}
            <StatusWord status={tx.status} />
          </>
        )}
      </td>
      <td data-label={t('common.amount')} class="num" data-amount="amount">
        {amount(tx.amount)}
      </td>
      <td data-label={t('tx.captured')} class="num" data-amount="captured">
        {amount(money.captured)}
      </td>
      <td data-label={t('tx.refunded')} class="num" data-amount="refunded">
        {amount(money.refunded)}
      </td>
      <td data-label={t('tx.remaining')} class="num" data-amount="remaining">
        <Remaining money={money} currency={tx.currency} />
      </td>
      <td data-label={t('tx.externalId')}>{tx.external_identifier ?? '—'}</td>
      <td data-label={t('tx.buyer')}>{tx.buyer?.billing_details?.email_address ?? '—'}</td>
      <td data-label={t('common.id')}>
        <a class="row-link" href={href({ page: 'transaction', id: tx.id })}>
          <code>{tx.id}</code>
        </a>
      </td>
    </tr>
  );
}

/** A new account's list: says there is nothing yet and how the first payment arrives. */
function FirstTransaction() {
  const { t } = useI18n();
  return (
    <div class="card empty-state" data-empty="none-yet">
      <h2>{t('tx.none')}</h2>
      <p>{t('tx.noneHow')}</p>
      <p>
        <a href="/docs/">{t('tx.noneDocs')}</a>
      </p>
    </div>
  );
}
