// What happened to a transaction: its captures and refunds (with Smartpay's ids and errors) and its event timeline
// with who did each thing.

import { yen } from '../format';
import { label, useI18n } from '../i18n';
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
                {r.reason && ` · ${t('detail.reason')}: ${r.reason}`} · {when(r.created_at)}
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

export function Timeline({
  events,
  more,
  when,
}: {
  events: TransactionEvent[];
  more: boolean;
  when(iso: string): string;
}) {
  const { t } = useI18n();
  return (
    <div class="card">
      <h2 id="timeline-title">{t('detail.timeline')}</h2>
      <ol class="timeline" aria-labelledby="timeline-title">
        {events.map((event) => {
          const actor = actorOf(event);
          const source = typeof event.context.source === 'string' ? event.context.source : null;
          return (
            <li key={event.id} data-event={event.name}>
              <time dateTime={event.created_at}>{when(event.created_at)}</time>{' '}
              <strong>{label(t, 'history', event.name)}</strong>
              {source && <span class="hint"> ({label(t, 'source', source)})</span>}
              <br />
              <span class="hint">
                {t('detail.actor')}:{' '}
                <span data-actor={actor?.type ?? 'system'}>
                  {actor ? `${actor.display} (${label(t, 'actor', actor.type)})` : t('detail.actorSystem')}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
      {more && <p class="hint">{t('detail.timelineFirst', { count: events.length })}</p>}
    </div>
  );
}
