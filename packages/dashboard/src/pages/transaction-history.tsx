// What happened to a transaction: its captures and refunds (with Smartpay's ids and errors) and its event timeline
// with who did each thing.

import { yen } from '../format';
import { label, useI18n } from '../i18n';
import { refundReasonWords } from '../refund-reasons';
import type { Actor, Capture, Refund, TransactionEvent } from '../resources';
import { StatusWord } from '../ui/money-badge';

export interface History {
  currency: string;
  captures: Capture[];
  refunds: Refund[];
  events: TransactionEvent[];
}

export function Operations({ detail, when }: { detail: History; when(iso: string | null): string }) {
  const { t } = useI18n();
  const currency = detail.currency;
  return (
    <div class="grid">
      <div class="card">
        <h2 id="captures-title">{t('detail.captures')}</h2>
        {detail.captures.length === 0 ? (
          <p>{t('detail.noCaptures')}</p>
        ) : (
          <ul class="ops" aria-labelledby="captures-title">
            {detail.captures.map((c) => (
              <li key={c.id} data-capture-id={c.id}>
                <StatusWord status={c.status} /> <strong>{yen(c.amount, currency)}</strong>
                {c.final && ` · ${t('detail.final')}`} · {when(c.created_at)}
                <br />
                {t('detail.providerId')}: <code>{c.payment_service_capture_id ?? '—'}</code>
                <Failure error={c} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="card">
        <h2 id="refunds-title">{t('detail.refunds')}</h2>
        {detail.refunds.length === 0 ? (
          <p>{t('detail.noRefunds')}</p>
        ) : (
          <ul class="ops" aria-labelledby="refunds-title">
            {detail.refunds.map((r) => (
              <li key={r.id} data-refund-id={r.id}>
                <StatusWord status={r.status} /> <strong>{yen(r.amount, currency)}</strong>
                {r.reason && ` · ${t('detail.reason')}: ${refundReasonWords(t, r.reason)}`} · {when(r.created_at)}
                <br />
                {t('detail.providerId')}: <code>{r.payment_service_refund_ids.join(', ') || '—'}</code>
                <Failure error={r} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** Why a capture or refund did not succeed: the error code in words, then the provider's own description. */
function Failure({ error }: { error: Pick<Capture, 'error_code' | 'raw_response_description'> }) {
  const { t } = useI18n();
  if (!error.error_code && !error.raw_response_description) return null;
  const words = [error.error_code && label(t, 'error', error.error_code), error.raw_response_description];
  return <p class="field-error">{words.filter(Boolean).join(' · ')}</p>;
}

function actorOf(event: TransactionEvent): Actor | null {
  const actor = event.actor ?? event.context.actor;
  return actor && typeof actor === 'object' ? (actor as Actor) : null;
}

/** The amount an event moved: its capture's or refund's, which the event names as its subject. */
function amountOf(event: TransactionEvent, detail: History): number | null {
  const subject = event.context.subject_id;
  if (typeof subject !== 'string') return null;
  const child = event.name.startsWith('refund.')
    ? detail.refunds.find((refund) => refund.id === subject)
    : detail.captures.find((capture) => capture.id === subject);
  return child?.amount ?? null;
}

/** The history newest first, each event a sentence: what happened, the amount it moved and who did it. */
export function Timeline({ detail, more, when }: { detail: History; more: boolean; when(iso: string): string }) {
  const { t } = useI18n();
  const newestFirst = [...detail.events].reverse();
  return (
    <div class="card">
      <h2 id="timeline-title">{t('detail.timeline')}</h2>
      <ol class="timeline" aria-labelledby="timeline-title" reversed>
        {newestFirst.map((event) => {
          const actor = actorOf(event);
          const source = typeof event.context.source === 'string' ? event.context.source : null;
          const amount = amountOf(event, detail);
          const what = label(t, 'history', event.name);
          const happened =
            amount === null ? what : t('timeline.withAmount', { event: what, amount: yen(amount, detail.currency) });
          const who = actor ? actor.display : t('detail.actorSystem');
          return (
            <li key={event.id} data-event={event.name}>
              <time dateTime={event.created_at}>{when(event.created_at)}</time>{' '}
              <strong class="timeline-sentence" data-actor={actor?.type ?? 'system'}>
                {t('timeline.by', { what: happened, who })}
              </strong>
              <br />
              <span class="hint">
                {[actor && label(t, 'actor', actor.type), source && label(t, 'source', source)]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          );
        })}
      </ol>
      {more && <p class="hint">{t('detail.timelineFirst', { count: detail.events.length })}</p>}
    </div>
  );
}
