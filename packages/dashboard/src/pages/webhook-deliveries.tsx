// A webhook subscription's deliveries with every attempt's request and response, and redelivery.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Page, request } from '../api';
import { dateTime } from '../format';
import { label, useI18n } from '../i18n';
import type { WebhookDelivery } from '../resources';
import { href } from '../router';
import { useSession } from '../session';
import { CursorPager, ErrorBanner, StatusBadge } from '../ui/widgets';
import { useResource } from '../use-resource';

/** The event name of a test delivery: no transaction to link to. */
const TEST_EVENT = 'test';

const headerLines = (headers: Record<string, string>) =>
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');

/**
 * A subscription's deliveries, newest first, read again every few seconds while shown: each attempt's time, HTTP
 * status or error, duration, the headers sent (signature included) and the start of the answer, and the body sent.
 */
export function Deliveries(props: { subscriptionId: string; canWrite: boolean; readAgain: number }) {
  const { subscriptionId, canWrite } = props;
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const base = `/webhook-subscriptions/${encodeURIComponent(subscriptionId)}/deliveries`;
  // Newest first, 20 a page; a test just sent shows on the first page, so sending one goes back to it.
  const [cursor, setCursor] = useState<string | null>(null);
  const readFor = useRef(props.readAgain);
  useEffect(() => {
    if (readFor.current === props.readAgain) return;
    readFor.current = props.readAgain;
    setCursor(null);
  }, [props.readAgain]);
  // A failed read keeps the deliveries shown; the banner is for a refused redelivery.
  const { data: page } = useResource(
    () => request<Page<WebhookDelivery>>('GET', base, { query: { cursor: cursor ?? undefined } }),
    [subscriptionId, props.readAgain, cursor],
    { every: 3000 },
  );
  const deliveries = page?.items;
  const [failure, setFailure] = useState<Error | null>(null);
  const redeliver = async (id: string) => {
    setFailure(null);
    try {
      await request('POST', `${base}/${encodeURIComponent(id)}/redeliver`);
    } catch (error) {
      setFailure(error as Error);
    }
  };
  const when = (iso: string | null) => dateTime(iso, timeZone, locale);
  return (
    <div>
      <h3>{t('hooks.deliveries')}</h3>
      <ErrorBanner failure={failure} />
      {deliveries?.length === 0 && <p>{t('hooks.noDeliveries')}</p>}
      <ul class="ops">
        {deliveries?.map((delivery) => (
          <li key={delivery.id}>
            <StatusBadge status={delivery.status} /> <strong>{label(t, 'event', delivery.event_name)}</strong> ·{' '}
            {when(delivery.created_at)} ·{' '}
            {delivery.event_name === TEST_EVENT ? (
              t('hooks.testDelivery')
            ) : (
              <a href={href({ page: 'transaction', id: delivery.transaction_id })}>
                <code>{delivery.transaction_id}</code>
              </a>
            )}
            <details>
              <summary>
                {t('hooks.attempts')}: {delivery.attempts.length}
              </summary>
              <ol class="attempts">
                {delivery.attempts.map((attempt) => (
                  <li key={attempt.number}>
                    <dl class="attempt">
                      <dt>{t('hooks.attemptNumber')}</dt>
                      <dd>#{attempt.number}</dd>
                      <dt>{t('hooks.attemptedAt')}</dt>
                      <dd>{when(attempt.attempted_at)}</dd>
                      <dt>{t('hooks.responseStatus')}</dt>
                      <dd>{attempt.response_status ?? t('hooks.noResponse')}</dd>
                      <dt>{t('hooks.duration')}</dt>
                      <dd>{attempt.duration_ms} ms</dd>
                      {attempt.error && (
                        <>
                          <dt>{t('hooks.attemptError')}</dt>
                          <dd class="break">{attempt.error}</dd>
                        </>
                      )}
                    </dl>
                    {attempt.request_headers && (
                      <details>
                        <summary>{t('hooks.requestHeaders')}</summary>
                        <pre class="payload">{headerLines(attempt.request_headers)}</pre>
                      </details>
                    )}
                    {attempt.response_body_excerpt !== null && (
                      <details>
                        <summary>{t('hooks.responseBody')}</summary>
                        <pre class="payload">{attempt.response_body_excerpt || t('hooks.emptyBody')}</pre>
                      </details>
                    )}
                  </li>
                ))}
              </ol>
            </details>
            <details>
              <summary>{t('hooks.requestBody')}</summary>
              <pre class="payload">{JSON.stringify(delivery.payload, null, 2)}</pre>
            </details>
            {canWrite && (
              <button type="button" onClick={() => void redeliver(delivery.id)}>
                {t('hooks.redeliver')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <CursorPager page={page} label={t('hooks.deliveries')} go={setCursor} />
    </div>
  );
}
