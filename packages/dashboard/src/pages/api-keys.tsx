// API keys for the merchant's backend: the private key exists only in the create answer, so it is offered as a
// file download at once and never kept by the dashboard.
import { useState } from 'preact/hooks';
import { ApiFailure, newIdempotencyKey, type Page, request } from '../api';
import { API_KEY_SCOPES, DEFAULT_API_KEY_SCOPES } from '../api-key-scopes';
import { dateTime } from '../format';
import { useI18n } from '../i18n';
import type { ApiKey } from '../resources';
import { useSession } from '../session';
import { Dialog } from '../ui/dialog';
import { CursorPager, ErrorBanner, Field } from '../ui/widgets';
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
  const [scopes, setScopes] = useState<readonly string[]>(DEFAULT_API_KEY_SCOPES);
  const [renaming, setRenaming] = useState<ApiKey | null>(null);
  const [newName, setNewName] = useState('');
  const toggleScope = (scope: string, on: boolean) =>
    setScopes((held) => (on ? [...held, scope] : held.filter((one) => one !== scope)));
  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setActionFailure(null);
    try {
      const key = await request<ApiKey>('POST', '/api-keys', {
        body: { name, scopes },
        idempotencyKey: newIdempotencyKey(),
      });
      if (key.private_key_pem) download(`kessai-${key.id}.pem`, key.private_key_pem);
      setCreated(key.id);
      setName('');
      setScopes(DEFAULT_API_KEY_SCOPES);
      // The new key is the newest: show the first page, where it is (read again if it is the page shown).
      if (cursor === null) await reload();
      else setCursor(null);
    } catch (error) {
      setActionFailure(error as Error);
    } finally {
      setBusy(false);
    }
  };
  const rename = async () => {
    if (!renaming) return;
    setBusy(true);
    try {
      await request('PATCH', `/api-keys/${encodeURIComponent(renaming.id)}`, { body: { name: newName } });
      setRenaming(null);
      await reload();
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
      <ErrorBanner failure={revoking || renaming ? null : failure} fields={['name', 'scopes']} />
      {canWrite ? (
        <form class="card" onSubmit={create} aria-labelledby="keys-title">
          <Field
            label={t('keys.name')}
            name="name"
            value={name}
            onInput={setName}
            required
            error={renaming ? undefined : failure instanceof ApiFailure ? failure.detailFor('name') : undefined}
          />
          <fieldset class="key-scopes">
            <legend>{t('keys.scopes')}</legend>
            <p class="hint">{t('keys.scopesHint')}</p>
            {API_KEY_SCOPES.map((scope) => (
              <div class="field checkbox" key={scope}>
                <input
                  id={`scope-${scope}`}
                  name="scopes"
                  type="checkbox"
                  value={scope}
                  checked={scopes.includes(scope)}
                  onChange={(event) => toggleScope(scope, (event.target as HTMLInputElement).checked)}
                />
                <label for={`scope-${scope}`}>
                  <code>{scope}</code>
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="primary" disabled={busy || scopes.length === 0}>
            {t('keys.create')}
          </button>
        </form>
      ) : (
        <p class="hint">{t('common.readOnly')}</p>
      )}
      {created && (
        <p role="status" class="key-created">
          {t('keys.downloaded', { id: created })}
        </p>
      )}
      {keys && keys.length === 0 && <p>{t('keys.none')}</p>}
      {keys && keys.length > 0 && (
        <div class="table-wrap">
          <table class="cards">
            <caption>{t('keys.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('common.id')}</th>
                <th scope="col">{t('keys.scopes')}</th>
                <th scope="col">{t('keys.lastUsed')}</th>
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
                  <td data-label={t('keys.scopes')}>
                    {key.scopes ? (
                      <ul class="key-scope-list">
                        {key.scopes.map((scope) => (
                          <li key={scope}>
                            <code>{scope}</code>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      t('keys.unbounded')
                    )}
                  </td>
                  <td data-label={t('keys.lastUsed')}>
                    {key.last_used_at ? dateTime(key.last_used_at, timeZone, locale) : t('keys.neverUsed')}
                  </td>
                  <td data-label={t('common.created')}>{dateTime(key.created_at, timeZone, locale)}</td>
                  <td data-label={t('common.status')}>
                    {key.revoked_at
                      ? t('keys.revokedOn', { when: dateTime(key.revoked_at, timeZone, locale) })
                      : t('keys.active')}
                  </td>
                  {canWrite && (
                    <td data-label={t('common.actions')}>
                      <div class="key-actions">
                        <button
                          type="button"
                          aria-label={t('keys.renameLabel', { name: key.name })}
                          onClick={() => {
                            setNewName(key.name ?? '');
                            setRenaming(key);
                          }}
                        >
                          {t('keys.rename')}
                        </button>
                        {!key.revoked_at && (
                          <button type="button" onClick={() => setRevoking(key)}>
                            {t('keys.revoke')}
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CursorPager page={page} label={t('keys.title')} go={setCursor} />
      {renaming && (
        <Dialog
          open
          busy={busy}
          title={t('keys.renameLabel', { name: renaming.name })}
          confirmLabel={t('keys.rename')}
          onClose={() => {
            setRenaming(null);
            setActionFailure(null);
          }}
          onConfirm={rename}
        >
          <ErrorBanner failure={failure} fields={['name']} />
          <Field
            label={t('keys.name')}
            name="new-name"
            value={newName}
            onInput={setNewName}
            required
            error={failure instanceof ApiFailure ? failure.detailFor('name') : undefined}
          />
        </Dialog>
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
