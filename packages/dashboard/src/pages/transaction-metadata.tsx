// The merchant's references on a transaction: its external identifier and metadata (key/value pairs), shown to
// everyone and edited by an admin with Gr4vy's `PUT /transactions/{id}`, which replaces the whole metadata map.
import { useState } from 'preact/hooks';
import { ApiFailure, request } from '../api';
import { type MessageKey, useI18n } from '../i18n';
import { type MetadataRow, metadataProblems, metadataRows, updateBody } from '../metadata-rows';
import type { Transaction } from '../resources';
import { Dialog } from '../ui/dialog';
import { ErrorBanner, Field } from '../ui/widgets';

export function References(props: { tx: Transaction; canWrite: boolean; onSaved(): void }) {
  const { tx } = props;
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const pairs = Object.entries(tx.metadata ?? {});
  return (
    <div class="card" data-references>
      <h2 id="references-title">{t('meta.title')}</h2>
      {pairs.length === 0 ? (
        <p>{t('meta.none')}</p>
      ) : (
        <dl class="facts" aria-labelledby="references-title">
          {pairs.map(([key, value]) => (
            <div key={key}>
              <dt>
                <code>{key}</code>
              </dt>
              <dd data-metadata-key={key}>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {props.canWrite && (
        <button type="button" data-edit="references" onClick={() => setEditing(true)}>
          {t('meta.edit')}
        </button>
      )}
      {editing && (
        <ReferencesDialog
          tx={tx}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            props.onSaved();
          }}
        />
      )}
    </div>
  );
}

function ReferencesDialog(props: { tx: Transaction; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const [externalId, setExternalId] = useState(props.tx.external_identifier ?? '');
  const [rows, setRows] = useState<MetadataRow[]>(() => metadataRows(props.tx.metadata));
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const problems = metadataProblems(externalId, rows);
  const shown = (problem: MessageKey | undefined) => (checked && problem ? t(problem) : undefined);
  const refused = failure instanceof ApiFailure ? failure.detailFor('external_identifier') : undefined;
  const change = (index: number, part: Partial<MetadataRow>) =>
    setRows(rows.map((row, at) => (at === index ? { ...row, ...part } : row)));

  const save = async () => {
    setChecked(true);
    setFailure(null);
    if (problems.any) return;
    setBusy(true);
    try {
      await request('PUT', `/transactions/${encodeURIComponent(props.tx.id)}`, {
        body: updateBody(externalId, rows),
      });
      props.onSaved();
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      busy={busy}
      title={t('meta.editTitle')}
      confirmLabel={t('meta.save')}
      onClose={props.onClose}
      onConfirm={save}
    >
      <ErrorBanner failure={failure} fields={['external_identifier']} />
      <Field
        label={t('tx.externalId')}
        name="external_identifier"
        value={externalId}
        onInput={setExternalId}
        hint={t('meta.externalIdHint')}
        error={shown(problems.externalId) ?? refused}
      />
      <fieldset class="metadata-rows">
        <legend>{t('meta.pairs')}</legend>
        <p class="hint">{t('meta.limits')}</p>
        {rows.map((row, index) => (
          <div class="metadata-row" key={row.id} data-metadata-row={index}>
            <Field
              label={t('meta.key', { n: index + 1 })}
              name={`metadata_key_${index}`}
              value={row.key}
              onInput={(key) => change(index, { key })}
              error={shown(problems.rows[index]?.key)}
            />
            <Field
              label={t('meta.value', { n: index + 1 })}
              name={`metadata_value_${index}`}
              value={row.value}
              onInput={(value) => change(index, { value })}
              error={shown(problems.rows[index]?.value)}
            />
            <button type="button" class="remove-pair" onClick={() => setRows(rows.filter((_, at) => at !== index))}>
              {t('meta.remove', { n: index + 1 })}
            </button>
          </div>
        ))}
        {shown(problems.count) && <p class="field-error">{shown(problems.count)}</p>}
        <button type="button" data-add="pair" onClick={() => setRows([...rows, { id: nextId(), key: '', value: '' }])}>
          {t('meta.add')}
        </button>
      </fieldset>
    </Dialog>
  );
}

let lastId = 0;
const nextId = () => `new-${++lastId}`;
