import { useEffect, useRef, useState } from 'preact/hooks';
import { type Page, request } from '../api';
import { dateTime, yen } from '../format';
import { label, useI18n } from '../i18n';
import { type Money, moneyOf, shownStatus } from '../money-state';
import type { Capture, Person, Refund, Transaction, TransactionEvent } from '../resources';
import { href } from '../router';
import { useSession } from '../session';
import { MoneyBadge, StatusWord } from '../ui/money-badge';
import { CopyField, ErrorBanner, Notice } from '../ui/widgets';
import { useResource } from '../use-resource';
import { ActionButtons } from './transaction-actions';
import { Operations, Timeline } from './transaction-history';
import { References } from './transaction-metadata';

interface Detail {
  tx: Transaction;
  captures: Capture[];
  refunds: Refund[];
  events: TransactionEvent[];
  /** The history goes on past the page shown (its next page is a click away in the API, not re-read every poll). */
  moreEvents: boolean;
}

/** The first page of the history: Gr4vy's largest, so a long history costs one bounded read per poll. */
const EVENTS_SHOWN = 100;

async function readDetail(id: string): Promise<Detail> {
  const base = `/transactions/${encodeURIComponent(id)}`;
  const [tx, captures, refunds, events] = await Promise.all([
    request<Transaction>('GET', base),
    request<Page<Capture>>('GET', `${base}/captures`),
    request<Page<Refund>>('GET', `${base}/refunds`, { query: { limit: '100' } }),
    request<Page<TransactionEvent>>('GET', `${base}/events`, { query: { limit: String(EVENTS_SHOWN) } }),
  ]);
  return {
    tx,
    captures: captures.items,
    refunds: refunds.items,
    events: events.items,
    moreEvents: events.next_cursor !== null,
  };
}

export function TransactionPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const { timeZone, canWrite } = useSession();
  const { state, data: detail, error: failure, reload } = useResource(() => readDetail(id), [id]);
  const [done, setDone] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [id]);

  const when = (iso: string | null | undefined) => dateTime(iso, timeZone, locale);
  const money = detail && moneyOf(detail.tx, historyOf(detail));
  const left = (amount: number | null) => (amount === null ? '—' : yen(amount, detail?.tx.currency));

  return (
    <section aria-labelledby="detail-title">
      <p>
        <a href={href({ page: 'transactions' })}>← {t('detail.back')}</a>
      </p>
      <h1 id="detail-title" ref={heading} tabIndex={-1}>
        {t('detail.title', { id })}
      </h1>
      <ErrorBanner failure={failure} />
      <Notice>{t('common.refreshing')}</Notice>
      {state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {detail && money && (
        <>
          <div class="card summary">
            <h2>{t('detail.summary')}</h2>
            <p class="big-status" aria-live="polite">
              <MoneyBadge state={money.state} /> <StatusWord status={shownStatus(detail.tx)} />
            </p>
            <dl class="facts">
              <Fact name={t('detail.amount')} value={yen(detail.tx.amount, detail.tx.currency)} testId="amount" />
              <Fact
                name={t('detail.authorized')}
                value={yen(detail.tx.authorized_amount, detail.tx.currency)}
                testId="authorized"
              />
              <Fact
                name={t('detail.captured')}
                value={yen(detail.tx.captured_amount, detail.tx.currency)}
                testId="captured"
              />
              <Fact
                name={t('detail.refunded')}
                value={yen(detail.tx.refunded_amount, detail.tx.currency)}
                testId="refunded"
              />
              <Fact name={t('detail.capturable')} value={left(money.capturable)} testId="capturable" />
              <Fact
                name={t('detail.refundable')}
                value={yen(money.refundable, detail.tx.currency)}
                testId="refundable"
              />
              <Fact name={t('detail.intent')} value={t(`detail.intent.${detail.tx.intent}`)} />
              <Fact name={t('tx.externalId')} value={detail.tx.external_identifier ?? '—'} />
              <Fact name={t('detail.connection')} value={detail.tx.payment_service?.display_name ?? '—'} />
              <Fact
                name={t('detail.smartpayOrder')}
                value={detail.tx.payment_service_transaction_id ?? '—'}
                testId="smartpay-order"
                code
              />
              <Fact name={t('common.created')} value={when(detail.tx.created_at)} />
              <Fact name={t('detail.authorizedAt')} value={when(detail.tx.authorized_at)} testId="authorized-at" />
              {detail.tx.approval_expires_at && detail.tx.status === 'buyer_approval_pending' && (
                <Fact name={t('detail.approvalExpires')} value={when(detail.tx.approval_expires_at)} />
              )}
              {(detail.tx.error_code || detail.tx.raw_response_description) && (
                <Fact
                  name={t('detail.error')}
                  value={[
                    detail.tx.error_code && label(t, 'error', detail.tx.error_code),
                    detail.tx.raw_response_code,
                    detail.tx.raw_response_description,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  testId="error"
                />
              )}
            </dl>
            {released(detail.tx, money) && <p class="hint">{t('detail.released')}</p>}
            {detail.tx.payment_method?.approval_url && (
              <CopyField
                label={t('detail.approvalUrl')}
                name="approval_url"
                value={detail.tx.payment_method.approval_url}
              />
            )}
            {!canWrite && <p class="hint">{t('detail.readOnly')}</p>}
            <ActionButtons
              tx={detail.tx}
              canWrite={canWrite}
              money={money}
              onDone={(message) => {
                setDone(message);
                void reload();
              }}
            />
            {done && <p role="status">{done}</p>}
          </div>
          <div class="grid">
            <div class="card">
              <h2>{t('detail.buyer')}</h2>
              {detail.tx.buyer?.display_name && <p>{detail.tx.buyer.display_name}</p>}
              <PersonCard title={t('detail.billing')} person={detail.tx.buyer?.billing_details ?? null} />
              <PersonCard title={t('detail.shipping')} person={detail.tx.shipping_details ?? null} />
            </div>
            <Cart tx={detail.tx} />
          </div>
          <References
            tx={detail.tx}
            canWrite={canWrite}
            onSaved={() => {
              setDone(t('meta.saved'));
              void reload();
            }}
          />
          <Operations detail={{ ...detail, currency: detail.tx.currency }} when={when} />
          <Timeline detail={{ ...detail, currency: detail.tx.currency }} more={detail.moreEvents} when={when} />
        </>
      )}
    </section>
  );
}

/** What the page read beyond the transaction tells the money state: captures, refunds, a released rest. */
const historyOf = (detail: Detail) => ({
  captures: detail.captures,
  refunds: detail.refunds,
  released: detail.events.some((event) => event.name === 'transaction.capture-closed'),
});

/** Part of the authorization was captured and nothing more can be: the rest was released. */
const released = (tx: Transaction, money: Money) =>
  money.capturable === 0 && money.captured > 0 && money.captured < tx.authorized_amount;

function Fact({ name, value, testId, code }: { name: string; value: string; testId?: string; code?: boolean }) {
  return (
    <div>
      <dt>{name}</dt>
      <dd data-fact={testId}>{code ? <code>{value}</code> : value}</dd>
    </div>
  );
}

function PersonCard({ title, person }: { title: string; person: Person | null }) {
  if (!person) return null;
  const a = person.address;
  return (
    <div>
      <h3>{title}</h3>
      <address>
        {person.last_name} {person.first_name}
        <br />
        {person.email_address}
        {person.phone_number && (
          <>
            <br />
            {person.phone_number}
          </>
        )}
        {a && (
          <>
            <br />
            {a.postal_code} {a.state} {a.city} {a.line1} {a.line2 ?? ''} ({a.country})
          </>
        )}
      </address>
    </div>
  );
}

function Cart({ tx }: { tx: Transaction }) {
  const { t } = useI18n();
  return (
    <div class="card">
      <h2 id="cart-title">{t('detail.cart')}</h2>
      <div class="table-wrap">
        <table aria-labelledby="cart-title">
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col" class="num">
                {t('detail.quantity')}
              </th>
              <th scope="col" class="num">
                {t('detail.unit')}
              </th>
              <th scope="col" class="num">
                {t('detail.tax')}
              </th>
              <th scope="col" class="num">
                {t('detail.discount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {tx.cart_items.map((item, index) => (
              <tr key={`${index}-${item.name}`}>
                <td>
                  {item.name}
                  {item.sku && <code> {item.sku}</code>}
                </td>
                <td class="num">{item.quantity}</td>
                <td class="num">{yen(item.unit_amount, tx.currency)}</td>
                <td class="num">{yen(item.tax_amount, tx.currency)}</td>
                <td class="num">{yen(item.discount_amount, tx.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
