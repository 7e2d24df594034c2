// API keys for the merchant's backend: the private key exists only in the create answer, so it is offered as a
// file download at once and never kept by the dashboard.
import { useState } from 'preact/hooks';
import { ApiFailure, newIdempotencyKey, type Page, request } from '../api';
import { dateTime } from '../format';
import { useI18n } from '../i18n';
import type { ApiKey } from '../resources';
import { useSession } from '../session';
import { Dialog } from '../ui/dialog';
import { ErrorBanner, Field } from '../ui/widgets';
import { useResource } from '../use-resource';

function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-pem-file' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

const readKeys = (cursor: string | null) =>
  request<Page<ApiKey>>('GET', '/api-keys', { query: { cursor: cursor ?? undefined } });

export function ApiKeysPage() {
  const { t, locale } = useI18n();
  const { canWrite, timeZone } = useSession();
  const [cursor, setCursor] = useState<string | null>(null);
  const { data: page, error: loadFailure, reload } = useResource(() => readKeys(cursor), [cursor], { every: 10_000 });
  const keys = page?.items ?? null;
  const [actionFailure, setActionFailure] = useState<Error | null>(null);
  // One message at a time: the person's last refusal, else why the list could not be read.
  const failure = actionFailure ?? loadFailure;
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setActionFailure(null);
    try {
      const key = await request<ApiKey>('POST', '/api-keys', { body: { name }, idempotencyKey: newIdempotencyKey() });
      if (key.private_key_pem) download(`kessai-${key.id}.pem`, key.private_key_pem);
      setCreated(key.id);
      setName('');
      // The new key is the newest: show the first page, where it is (read again if it is the page shown).
      if (cursor === null) await reload();
      else setCursor(null);
    } catch (error) {
      setActionFailure(error as Error);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    try {
      await request('DELETE', `/api-keys/${encodeURIComponent(revoking.id)}`);
      setRevoking(null);
      await reload();
    } catch (error) {
      setActionFailure(error as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">{t('keys.title')}</h1>
      <p>{t('keys.intro')}</p>
      <ErrorBanner failure={revoking ? null : failure} fields={['name']} />
      {canWrite ? (
        <form class="card" onSubmit={create} aria-labelledby="keys-title">
          <Field
            label={t('keys.name')}
            name="name"
            value={name}
            onInput={setName}
            required
            error={failure instanceof ApiFailure ? failure.detailFor('name') : undefined}
          />
          <button type="submit" class="primary" disabled={busy}>
            {t('keys.create')}
          </button>
        </form>
      ) : (
        <p class="hint">{t('common.readOnly')}</p>
      )}
      {created && <p role="status">{t('keys.downloaded', { id: created })}</p>}
      {keys && keys.length === 0 && <p>{t('keys.none')}</p>}
      {keys && keys.length > 0 && (
        <div class="table-wrap">
          <table class="cards">
            <caption>{t('keys.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('common.id')}</th>
                <th scope="col">{t('common.created')}</th>
                <th scope="col">{t('common.status')}</th>
                {canWrite && <th scope="col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id} data-api-key-id={key.id}>
                  <td data-label={t('common.name')}>{key.name}</td>
                  <td data-label={t('common.id')}>
                    <code>{key.id}</code>
                  </td>
                  <td data-label={t('common.created')}>{dateTime(key.created_at, timeZone, locale)}</td>
                  <td data-label={t('common.status')}>
                    {key.revoked_at
                      ? t('keys.revokedOn', { when: dateTime(key.revoked_at, timeZone, locale) })
                      : t('keys.active')}
                  </td>
                  {canWrite && (
                    <td data-label={t('common.actions')}>
                      {!key.revoked_at && (
                        <button type="button" onClick={() => setRevoking(key)}>
                          {t('keys.revoke')}
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
      {(page?.previous_cursor || page?.next_cursor) && (
        <nav class="pager" aria-label={t('keys.title')}>
          <button type="button" disabled={!page.previous_cursor} onClick={() => setCursor(page.previous_cursor)}>
            {t('common.previous')}
          </button>
          <button type="button" disabled={!page.next_cursor} onClick={() => setCursor(page.next_cursor)}>
            {t('common.next')}
          </button>
        </nav>
      )}
      {revoking && (
        <Dialog
          open
          busy={busy}
          title={t('keys.revokeTitle', { name: revoking.name })}
          confirmLabel={t('keys.revoke')}
          onClose={() => {
            setRevoking(null);
            setActionFailure(null);
          }}
          onConfirm={revoke}
        >
          <ErrorBanner failure={failure} />
          <p>{t('keys.revokeBody')}</p>
        </Dialog>
      )}
    </section>
  );
}
