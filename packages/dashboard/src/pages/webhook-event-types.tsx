// Which events a webhook subscription is sent: every one (including any Kessai publishes later) or a chosen set.
import { useState } from 'preact/hooks';
import { request } from '../api';
import { useI18n } from '../i18n';
import type { WebhookSubscription } from '../resources';
import { ErrorBanner } from '../ui/widgets';
import { useResource } from '../use-resource';

const readEventTypes = async () => (await request<{ items: string[] }>('GET', '/webhook-event-types')).items;

/** The subscription's events in a line: the names are the ones a receiver's code matches on, so they stay as sent. */
export function EventTypesSummary({ subscription }: { subscription: WebhookSubscription }) {
  const { t } = useI18n();
  return (
    <p class="hint break">
      {t('hooks.events')}:{' '}
      {subscription.all_events
        ? t('hooks.allEvents')
        : subscription.events.map((name) => <code key={name}>{name} </code>)}
    </p>
  );
}

export function EventTypesEditor(props: {
  subscription: WebhookSubscription;
  onSaved(changed: WebhookSubscription): void;
  onCancel(): void;
}) {
  const { subscription } = props;
  const { t } = useI18n();
  const { data: eventTypes, error: unreadable } = useResource(readEventTypes, []);
  const [every, setEvery] = useState(subscription.all_events);
  const [chosen, setChosen] = useState<string[]>(subscription.all_events ? [] : subscription.events);
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (name: string, on: boolean) =>
    setChosen((current) => (on ? [...current, name] : current.filter((other) => other !== name)));
  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const changed = await request<WebhookSubscription>(
        'PUT',
        `/webhook-subscriptions/${encodeURIComponent(subscription.id)}`,
        { body: { events: every ? null : chosen } },
      );
      props.onSaved(changed);
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  };
  const group = `events-${subscription.id}`;
  return (
    <form class="event-types" onSubmit={save}>
      <ErrorBanner failure={failure ?? unreadable} />
      <fieldset>
        <legend>{t('hooks.chooseEvents')}</legend>
        <div class="field checkbox">
          <input id={`${group}-all`} type="radio" name={group} checked={every} onChange={() => setEvery(true)} />
          <label for={`${group}-all`}>{t('hooks.allEventsChoice')}</label>
        </div>
        <div class="field checkbox">
          <input id={`${group}-some`} type="radio" name={group} checked={!every} onChange={() => setEvery(false)} />
          <label for={`${group}-some`}>{t('hooks.someEventsChoice')}</label>
        </div>
        {!every && (
          <ul class="event-choices">
            {eventTypes?.map((name) => (
              <li key={name} class="field checkbox">
                <input
                  id={`${group}-${name}`}
                  type="checkbox"
                  name="events"
                  value={name}
                  checked={chosen.includes(name)}
                  onChange={(e) => toggle(name, (e.target as HTMLInputElement).checked)}
                />
                <label for={`${group}-${name}`}>
                  <code>{name}</code>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <div class="actions">
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="primary" disabled={busy || (!every && chosen.length === 0)}>
          {t('hooks.saveEvents')}
        </button>
      </div>
    </form>
  );
}
