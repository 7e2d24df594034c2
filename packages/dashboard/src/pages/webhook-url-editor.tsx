import { useState } from 'preact/hooks';
import { ApiFailure, request } from '../api';
import { useI18n } from '../i18n';
import type { WebhookSubscription } from '../resources';
import { ErrorBanner, Field } from '../ui/widgets';

/** A new URL for the subscription: same secret, same events; what is queued goes to the new URL from now on. */
export function UrlEditor(props: { subscription: WebhookSubscription; onCancel(): void; onSaved(): void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState(props.subscription.url);
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await request('PUT', `/webhook-subscriptions/${encodeURIComponent(props.subscription.id)}`, { body: { url } });
      props.onSaved();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="url-editor" onSubmit={submit} aria-label={t('hooks.editUrl')} data-url-editor>
      <ErrorBanner failure={failure} fields={['url']} />
      <Field
        label={t('hooks.newUrl')}
        name="url"
        type="url"
        value={url}
        onInput={setUrl}
        required
        error={failure instanceof ApiFailure ? failure.detailFor('url') : undefined}
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('hooks.saveUrl')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
