// Capture, refund, void, cancel and sync, each behind a confirmation dialog and sent with its own Idempotency-Key
// (one per opening of the dialog and a new one after a refusal, so a retried click cannot act twice). A refusal shows
// once, in the UI's language, at the field its details[].pointer names, else above the form.
import { useState } from 'preact/hooks';
import { ApiFailure, newIdempotencyKey, request } from '../api';
import { amountSentence, placeSentences } from '../error-sentences';
import { yen } from '../format';
import { type MessageKey, useI18n } from '../i18n';
import { type AmountProblem, parseAmount } from '../parse-amount';
import type { Transaction } from '../resources';
import { Dialog } from '../ui/dialog';
import { ErrorBanner, Field } from '../ui/widgets';

export type ActionKind = 'capture' | 'refund' | 'void' | 'cancel' | 'sync';

/**
 * What the transaction's state and the user's role allow; the API decides in the end (and says why when it
 * refuses). A viewer may sync: Gr4vy gives sync the read scope, and it changes nothing the provider has not.
 */
export function availableActions(tx: Transaction, canWrite: boolean): ActionKind[] {
  if (!canWrite) return ['sync'];
  const capturable = tx.authorized_amount - tx.captured_amount;
  const refundable = tx.captured_amount - tx.refunded_amount;
  const actions: ActionKind[] = [];
  if (tx.status === 'authorization_succeeded' || (tx.status === 'capture_succeeded' && capturable > 0))
    actions.push('capture');
  if (refundable > 0) actions.push('refund');
  if (tx.status === 'authorization_succeeded') actions.push('void');
  if (tx.status === 'buyer_approval_pending' || tx.status === 'processing') actions.push('cancel');
  actions.push('sync');
  return actions;
}

const paths: Record<ActionKind, string> = {
  capture: 'capture',
  refund: 'refunds',
  void: 'void',
  cancel: 'cancel',
  sync: 'sync',
};

export function ActionButtons(props: { tx: Transaction; canWrite: boolean; onDone(message: string): void }) {
  const { tx, onDone } = props;
  const { t } = useI18n();
  const [open, setOpen] = useState<ActionKind | null>(null);
  return (
    <fieldset class="actions">
      <legend class="visually-hidden">{t('common.actions')}</legend>
      {availableActions(tx, props.canWrite).map((kind) => (
        <button key={kind} type="button" data-action={kind} onClick={() => setOpen(kind)}>
          {t(`action.${kind}` as MessageKey)}
        </button>
      ))}
      {open && (
        <ActionDialog
          key={open}
          kind={open}
          tx={tx}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            onDone(t('action.done', { action: t(`action.${open}` as MessageKey) }));
          }}
        />
      )}
    </fieldset>
  );
}

function ActionDialog(props: { kind: ActionKind; tx: Transaction; onClose(): void; onDone(): void }) {
  const { kind, tx } = props;
  const { t } = useI18n();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [amount, setAmount] = useState('');
  const [final, setFinal] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const [amountProblem, setAmountProblem] = useState<AmountProblem | null>(null);
  const [asked, setAsked] = useState<number | undefined>(undefined);
  const remaining =
    kind === 'capture' ? tx.authorized_amount - tx.captured_amount : tx.captured_amount - tx.refunded_amount;

  const submit = async () => {
    setFailure(null);
    // An empty amount is the whole remaining amount: the API's default, so it is left out.
    const parsed = parseAmount(amount);
    const problem = parsed.ok || parsed.problem === 'empty' ? null : parsed.problem;
    setAmountProblem(problem);
    if (problem) return;
    const value = parsed.ok ? parsed.amount : undefined;
    setAsked(value);
    let body: Record<string, unknown> = {};
    if (kind === 'capture') body = { final, ...(value !== undefined ? { amount: value } : {}) };
    if (kind === 'refund')
      body = { ...(value !== undefined ? { amount: value } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) };
    setBusy(true);
    try {
      await request('POST', `/transactions/${encodeURIComponent(tx.id)}/${paths[kind]}`, { body, idempotencyKey });
      props.onDone();
    } catch (error) {
      // A refusal is final and changed nothing: the corrected request is a new one (the API replays a refusal
      // stored under its key). A timeout, a 5xx or a concurrent duplicate keep the key, so a retry acts once.
      if (error instanceof ApiFailure && error.status < 500 && error.code !== 'concurrent_request')
        setIdempotencyKey(newIdempotencyKey());
      setFailure(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(false);
    }
  };
  const fields = kind === 'capture' ? ['amount', 'final'] : kind === 'refund' ? ['amount', 'reason'] : [];
  const amounts = { asked, remaining, currency: tx.currency };
  const sentences = placeSentences(t, failure, fields, amounts);
  const fieldError = (field: string) =>
    field === 'amount' && amountProblem ? amountSentence(t, amountProblem) : sentences.fields[field];

  return (
    <Dialog
      open
      busy={busy}
      title={t(`action.${kind}Title` as MessageKey)}
      confirmLabel={t(`action.${kind}` as MessageKey)}
      onClose={props.onClose}
      onConfirm={submit}
    >
      <ErrorBanner failure={failure} fields={fields} amounts={amounts} />
      {(kind === 'capture' || kind === 'refund') && (
        <Field
          label={t('action.amount')}
          name="amount"
          inputMode="numeric"
          value={amount}
          onInput={setAmount}
          hint={t('action.amountHint', { amount: yen(remaining, tx.currency) })}
          error={fieldError('amount')}
        />
      )}
      {kind === 'capture' && (
        <div class="field checkbox">
          <input
            id="capture-final"
            name="final"
            type="checkbox"
            checked={final}
            onChange={(e) => setFinal((e.target as HTMLInputElement).checked)}
          />
          <label for="capture-final">{t('action.final')}</label>
          {fieldError('final') && <p class="field-error">{fieldError('final')}</p>}
        </div>
      )}
      {kind === 'refund' && (
        <Field
          label={t('action.reason')}
          name="reason"
          value={reason}
          onInput={setReason}
          error={fieldError('reason')}
        />
      )}
      {kind === 'void' && <p>{t('action.voidBody')}</p>}
      {kind === 'cancel' && <p>{t('action.cancelBody')}</p>}
      {kind === 'sync' && <p>{t('action.syncBody')}</p>}
    </Dialog>
  );
}
