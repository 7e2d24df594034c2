// The merchant's own webhook subscriptions: their deliveries with every attempt, redelivery, secret rotation.
import { useState } from 'preact/hooks';
import { ApiFailure, newIdempotencyKey, type Page, request } from '../api';
import { dateTime } from '../format';
import { useI18n } from '../i18n';
import type { WebhookDelivery, WebhookSubscription } from '../resources';
import { useSession } from '../session';
import { Dialog } from '../ui/dialog';
import { CopyField, ErrorBanner, Field, Notice } from '../ui/widgets';
import { useResource } from '../use-resource';
import { Deliveries } from './webhook-deliveries';
import { EventTypesEditor, EventTypesSummary } from './webhook-event-types';
import { UrlEditor } from './webhook-url-editor';

const readSubscriptions = async () => (await request<Page<WebhookSubscription>>('GET', '/webhook-subscriptions')).items;

/** A signing secret as the API gave it once (on create or rotation), with the subscription it signs for. */
interface OneTimeSecret {
  value: string;
  subscription: Pick<WebhookSubscription, 'id' | 'url'>;
  rotated: boolean;
}

const oneTimeSecret = (subscription: WebhookSubscription, rotated: boolean): OneTimeSecret | null =>
  subscription.secret ? { value: subscription.secret, subscription, rotated } : null;

export function WebhooksPage() {
  const { t } = useI18n();
  const { canWrite } = useSession();
  const { data: subscriptions, error: failure, reload } = useResource(readSubscriptions, [], { every: 5000 });
  const [secret, setSecret] = useState<OneTimeSecret | null>(null);
  return (
    <section aria-labelledby="hooks-title">
      <h1 id="hooks-title">{t('hooks.title')}</h1>
      <p>{t('hooks.intro')}</p>
      <ErrorBanner failure={failure} />
      {canWrite ? (
        <AddSubscription
          onCreated={(created) => {
            setSecret(oneTimeSecret(created, false));
            void reload();
          }}
        />
      ) : (
        <p class="hint">{t('common.readOnly')}</p>
      )}
      {secret && <SecretOnce secret={secret} onDismiss={() => setSecret(null)} />}
      {subscriptions && subscriptions.length === 0 && <p>{t('hooks.none')}</p>}
      {subscriptions?.map((subscription) => (
        <SubscriptionCard
          key={subscription.id}
          subscription={subscription}
          canWrite={canWrite}
          onSecret={(rotated) => {
            setSecret(rotated);
            void reload();
          }}
          onChanged={() => void reload()}
        />
      ))}
    </section>
  );
}

/** The secret is in this page's memory only: once dismissed (or the page left) it cannot be shown again. */
function SecretOnce({ secret, onDismiss }: { secret: OneTimeSecret; onDismiss(): void }) {
  const { t } = useI18n();
  const { id, url } = secret.subscription;
  return (
    <section class="card secret-once" aria-labelledby="hooks-secret-title" data-subscription-id={id}>
      <h2 id="hooks-secret-title" class="break">
        {t(secret.rotated ? 'hooks.secretRotatedFor' : 'hooks.secretFor', { url })}
      </h2>
      <p class="hint">
        <code>{id}</code>
      </p>
      <p>
        <strong>{t('hooks.secretOnlyOnce')}</strong>
      </p>
      <CopyField label={t('hooks.secretOnce')} name="webhook_secret" value={secret.value} />
      <button type="button" onClick={onDismiss}>
        {t('hooks.secretDismiss')}
      </button>
    </section>
  );
}

function AddSubscription({ onCreated }: { onCreated(created: WebhookSubscription): void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const created = await request<WebhookSubscription>('POST', '/webhook-subscriptions', {
        body: { url },
        idempotencyKey: newIdempotencyKey(),
      });
      setUrl('');
      onCreated(created);
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="hooks-add-title">
      <h2 id="hooks-add-title">{t('hooks.add')}</h2>
      <ErrorBanner failure={failure} fields={['url']} />
      <Field
        label={t('hooks.url')}
        name="url"
        type="url"
        value={url}
        onInput={setUrl}
        required
        error={failure instanceof ApiFailure ? failure.detailFor('url') : undefined}
      />
      <button type="submit" class="primary" disabled={busy}>
        {t('hooks.create')}
      </button>
    </form>
  );
}

function SubscriptionCard(props: {
  subscription: WebhookSubscription;
  canWrite: boolean;
  onSecret(secret: OneTimeSecret | null): void;
  onChanged(): void;
}) {
  const { subscription } = props;
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const [showDeliveries, setShowDeliveries] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [editingEvents, setEditingEvents] = useState(false);
  const [editingUrl, setEditingUrl] = useState(false);
  const [testSent, setTestSent] = useState<WebhookDelivery | null>(null);
  /** Bumped to make the deliveries list read again at once (a test was just queued). */
  const [deliveriesRead, setDeliveriesRead] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const path = `/webhook-subscriptions/${encodeURIComponent(subscription.id)}`;
  const attempt = async (call: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await call();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  };
  const rotate = () =>
    attempt(async () => {
      const rotated = await request<WebhookSubscription>('POST', `${path}/rotate-secret`);
      setRotating(false);
      props.onSecret(oneTimeSecret(rotated, true));
    });
  // Disabled keeps the subscription and its deliveries; nothing is sent until it is enabled again.
  const setActive = (active: boolean) =>
    attempt(async () => {
      await request('PUT', path, { body: { active } });
      props.onChanged();
    });
  const sendTest = () =>
    attempt(async () => {
      setTestSent(null);
      setTestSent(await request<WebhookDelivery>('POST', `${path}/test`));
      setShowDeliveries(true);
      setDeliveriesRead((n) => n + 1);
    });
  const remove = () =>
    attempt(async () => {
      await request('DELETE', path);
      setDeleting(false);
      props.onChanged();
    });
  return (
    <article class="card" aria-labelledby={`sub-${subscription.id}`}>
      <h2 id={`sub-${subscription.id}`} class="break">
        {subscription.url}
      </h2>
      <p class="hint">
        <code>{subscription.id}</code> · {subscription.active ? t('conn.active') : t('conn.inactive')}
        {subscription.rotating &&
          ` · ${t('hooks.rotating', { until: dateTime(subscription.previous_secret_expires_at, timeZone, locale) })}`}
      </p>
      {!subscription.active && <p class="hint">{t('hooks.disabledHint')}</p>}
      <EventTypesSummary subscription={subscription} />
      <div class="actions">
        <button type="button" aria-expanded={showDeliveries} onClick={() => setShowDeliveries(!showDeliveries)}>
          {t('hooks.showDeliveries')}
        </button>
        {props.canWrite && (
          <>
            <button type="button" aria-expanded={editingUrl} onClick={() => setEditingUrl(!editingUrl)}>
              {t('hooks.editUrl')}
            </button>
            <button type="button" aria-expanded={editingEvents} onClick={() => setEditingEvents(!editingEvents)}>
              {t('hooks.editEvents')}
            </button>
            <button type="button" onClick={() => setRotating(true)}>
              {t('hooks.rotate')}
            </button>
            <button
              type="button"
              disabled={busy || !subscription.active}
              title={subscription.active ? undefined : t('hooks.testNeedsActive')}
              onClick={() => void sendTest()}
            >
              {t('hooks.sendTest')}
            </button>
            <button type="button" disabled={busy} onClick={() => void setActive(!subscription.active)}>
              {t(subscription.active ? 'hooks.disable' : 'hooks.enable')}
            </button>
            <button type="button" onClick={() => setDeleting(true)}>
              {t('hooks.delete')}
            </button>
          </>
        )}
      </div>
      {!rotating && !deleting && <ErrorBanner failure={failure} />}
      {testSent && <Notice>{t('hooks.testQueued', { id: testSent.id })}</Notice>}
      {editingUrl && (
        <UrlEditor
          subscription={subscription}
          onCancel={() => setEditingUrl(false)}
          onSaved={() => {
            setEditingUrl(false);
            props.onChanged();
          }}
        />
      )}
      {editingEvents && (
        <EventTypesEditor
          subscription={subscription}
          onCancel={() => setEditingEvents(false)}
          onSaved={() => {
            setEditingEvents(false);
            props.onChanged();
          }}
        />
      )}
      {rotating && (
        <Dialog
          open
          busy={busy}
          title={t('hooks.rotateTitle')}
          onClose={() => {
            setRotating(false);
            setFailure(null);
          }}
          onConfirm={rotate}
        >
          <ErrorBanner failure={failure} />
          <p>{t('hooks.rotateBody')}</p>
        </Dialog>
      )}
      {deleting && (
        <Dialog
          open
          busy={busy}
          title={t('hooks.deleteTitle')}
          confirmLabel={t('hooks.delete')}
          onClose={() => {
            setDeleting(false);
            setFailure(null);
          }}
          onConfirm={remove}
        >
          <ErrorBanner failure={failure} />
          <p class="break">{t('hooks.deleteBody', { url: subscription.url })}</p>
        </Dialog>
      )}
      {showDeliveries && (
        <Deliveries subscriptionId={subscription.id} canWrite={props.canWrite} readAgain={deliveriesRead} />
      )}
    </article>
  );
}
