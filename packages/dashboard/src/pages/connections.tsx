// Smartpay connections: added with a secret key that is verified with Smartpay (POST /payment-services/verify)
// before it is saved, and never shown again. Kessai registers each connection's webhook endpoint at Smartpay itself;
// only a connection saved with a signing secret of its own needs its webhook URL pasted into Smartpay.
import { useState } from 'preact/hooks';
import { ApiFailure, newIdempotencyKey, type Page, request } from '../api';
import { useI18n } from '../i18n';
import type { PaymentService } from '../resources';
import { useSession } from '../session';
import { Dialog } from '../ui/dialog';
import { CopyField, ErrorBanner, Field } from '../ui/widgets';
import { useResource } from '../use-resource';

const definition = 'smartpay-smartpay';
const verify = (secretKey: string, paymentServiceId?: string) =>
  request('POST', '/payment-services/verify', {
    body: {
      payment_service_definition_id: definition,
      fields: [{ key: 'secret_key', value: secretKey }],
      ...(paymentServiceId ? { payment_service_id: paymentServiceId } : {}),
    },
  });

/** The verify route names the key as `/fields/0/value`; the form calls that field `secret_key`. */
const secretKeyError = (failure: Error | null) =>
  failure instanceof ApiFailure ? (failure.detailFor('fields') ?? failure.detailFor('secret_key')) : undefined;

const readServices = async () => (await request<Page<PaymentService>>('GET', '/payment-services')).items;

export function ConnectionsPage() {
  const { t } = useI18n();
  const { canWrite } = useSession();
  const { data: services, error: failure, reload } = useResource(readServices, [], { every: 10_000 });
  const [saved, setSaved] = useState<PaymentService | null>(null);

  return (
    <section aria-labelledby="conn-title">
      <h1 id="conn-title">{t('conn.title')}</h1>
      <p>{t('conn.intro')}</p>
      <ErrorBanner failure={failure} />
      {canWrite && (
        <AddConnection
          onSaved={(service) => {
            setSaved(service);
            void reload();
          }}
        />
      )}
      {saved && (
        <p role="status">
          {t('conn.saved')}{' '}
          {saved.provider_webhook_endpoint_id
            ? t('conn.savedRegistered', { id: saved.provider_webhook_endpoint_id })
            : t('conn.savedPaste')}
        </p>
      )}
      {!canWrite && <p class="hint">{t('common.readOnly')}</p>}
      {services && services.length === 0 && <p>{t('conn.none')}</p>}
      {services?.map((service) => (
        <ConnectionCard
          key={service.id}
          service={service}
          usedForNew={service.used_for_new_transactions}
          canWrite={canWrite}
          onChanged={() => void reload()}
        />
      ))}
    </section>
  );
}

function AddConnection({ onSaved }: { onSaved(service: PaymentService): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('Smartpay');
  const [secretKey, setSecretKey] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    try {
      setBusy(t('conn.verifying'));
      await verify(secretKey);
      const service = await request<PaymentService>('POST', '/payment-services', {
        body: { payment_service_definition_id: definition, display_name: name, secret_key: secretKey },
        idempotencyKey,
      });
      setSecretKey('');
      setIdempotencyKey(newIdempotencyKey());
      onSaved(service);
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(null);
    }
  };
  const fieldError = (field: string) => (failure instanceof ApiFailure ? failure.detailFor(field) : undefined);
  return (
    <form class="card" onSubmit={submit} aria-labelledby="conn-add-title">
      <h2 id="conn-add-title">{t('conn.add')}</h2>
      <ErrorBanner failure={failure} fields={['display_name', 'secret_key', 'fields']} />
      <Field
        label={t('conn.displayName')}
        name="display_name"
        value={name}
        onInput={setName}
        required
        error={fieldError('display_name')}
      />
      <Field
        label={t('conn.secretKey')}
        name="secret_key"
        type="password"
        autoComplete="new-password"
        value={secretKey}
        onInput={setSecretKey}
        required
        error={secretKeyError(failure)}
      />
      <button type="submit" class="primary" disabled={busy !== null} aria-busy={busy !== null}>
        {t('conn.save')}
      </button>
      {busy && <p role="status">{busy}</p>}
    </form>
  );
}

function ConnectionCard(props: { service: PaymentService; usedForNew: boolean; canWrite: boolean; onChanged(): void }) {
  const { service } = props;
  const { t } = useI18n();
  const [dialog, setDialog] = useState<'rotate' | 'deactivate' | null>(null);
  const [secretKey, setSecretKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const close = () => {
    setDialog(null);
    setFailure(null);
    setSecretKey('');
  };
  const act = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const path = `/payment-services/${encodeURIComponent(service.id)}`;
      if (dialog === 'rotate') {
        await verify(secretKey, service.id);
        await request('PUT', path, { body: { fields: [{ key: 'secret_key', value: secretKey }] } });
      } else {
        await request('PUT', path, { body: { active: !service.active } });
      }
      close();
      props.onChanged();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <article class="card" aria-labelledby={`ps-${service.id}`} data-payment-service-id={service.id}>
      <h2 id={`ps-${service.id}`}>
        {service.display_name}{' '}
        <span class={service.active ? 'status status-succeeded' : 'status status-failed'}>
          {service.active ? t('conn.active') : t('conn.inactive')}
        </span>
        {props.usedForNew && <span class="status status-default">{t('conn.usedForNew')}</span>}
      </h2>
      <p class="hint">
        <code>{service.id}</code>
      </p>
      {props.usedForNew && <p class="hint">{t('conn.usedForNewHint')}</p>}
      <WebhookEndpoint service={service} />
      {props.canWrite && (
        <div class="actions">
          <button type="button" onClick={() => setDialog('rotate')}>
            {t('conn.rotate')}
          </button>
          <button type="button" onClick={() => setDialog('deactivate')}>
            {service.active ? t('conn.deactivate') : t('conn.activate')}
          </button>
        </div>
      )}
      {dialog && (
        <Dialog
          open
          busy={busy}
          title={
            dialog === 'rotate'
              ? t('conn.rotateTitle', { name: service.display_name })
              : t('conn.deactivateTitle', { name: service.display_name })
          }
          onClose={close}
          onConfirm={act}
        >
          <ErrorBanner failure={failure} fields={dialog === 'rotate' ? ['fields', 'secret_key'] : []} />
          {dialog === 'rotate' ? (
            <Field
              label={t('conn.newSecretKey')}
              name="secret_key"
              type="password"
              autoComplete="new-password"
              value={secretKey}
              onInput={setSecretKey}
              required
              error={secretKeyError(failure)}
            />
          ) : (
            service.active && <p>{t('conn.deactivateBody')}</p>
          )}
        </Dialog>
      )}
    </article>
  );
}

/** Kessai registered the endpoint unless the connection came with its own signing secret: only then is pasting due. */
function WebhookEndpoint({ service }: { service: PaymentService }) {
  const { t } = useI18n();
  const endpointId = service.provider_webhook_endpoint_id;
  if (!endpointId)
    return (
      <div class="webhook-endpoint">
        <p class="hint">{t('conn.notRegistered')}</p>
        <CopyField label={t('conn.webhookUrl')} name="webhook_url" value={service.webhook_url} />
      </div>
    );
  return (
    <dl class="webhook-endpoint">
      <dt>{t('conn.registeredEndpoint')}</dt>
      <dd>
        <code>{endpointId}</code> <span class="status status-succeeded">{t('conn.registered')}</span>
      </dd>
      <dt>{t('conn.registeredUrl')}</dt>
      <dd class="break">
        <code>{service.webhook_url}</code>
      </dd>
    </dl>
  );
}
