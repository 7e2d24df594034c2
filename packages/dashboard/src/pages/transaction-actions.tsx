// Capture, refund, void, cancel and sync, each behind a confirmation dialog and sent with its own Idempotency-Key
// (one per opening of the dialog and a new one after a refusal, so a retried click cannot act twice). A refusal shows
// once, in the UI's language, at the field its details[].pointer names, else above the form.
import { useState } from 'preact/hooks';
import { ApiFailure, newIdempotencyKey, request } from '../api';
import { amountSentence, placeSentences } from '../error-sentences';
import { yen } from '../format';
import { type MessageKey, useI18n } from '../i18n';
import { type Money, moneyOf } from '../money-state';
import { type AmountProblem, parseAmount } from '../parse-amount';
import { REFUND_REASON_MAX, REFUND_REASONS, type RefundReason } from '../refund-reasons';
import type { Transaction } from '../resources';
import { Dialog } from '../ui/dialog';
import { ErrorBanner, Field } from '../ui/widgets';

export type ActionKind = Transaction['actions'][number];

/**
 * The actions the API lists for the transaction (it decides what the state allows), narrowed by the user's role:
 * a viewer may sync only, as Gr4vy gives sync the read scope and it changes nothing the provider has not.
 */
export function availableActions(tx: Transaction, canWrite: boolean): ActionKind[] {
  return canWrite ? tx.actions : tx.actions.filter((action) => action === 'sync');
}

const paths: Record<ActionKind, string> = {
  capture: 'capture',
  refund: 'refunds',
  void: 'void',
  cancel: 'cancel',
  sync: 'sync',
};

export function ActionButtons(props: {
  tx: Transaction;
  canWrite: boolean;
  /** What is left to capture and refund, from the transaction with its history (`moneyOf`); else from it alone. */
  money?: Pick<Money, 'capturable' | 'refundable'>;
  onDone(message: string): void;
}) {
  const { tx, onDone } = props;
  const money = props.money ?? moneyOf(tx);
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
          money={money}
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

function ActionDialog(props: {
  kind: ActionKind;
  tx: Transaction;
  money: Pick<Money, 'capturable' | 'refundable'>;
  onClose(): void;
  onDone(): void;
}) {
  const { kind, tx, money } = props;
  const { t } = useI18n();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [amount, setAmount] = useState('');
  const [final, setFinal] = useState(false);
  const [reasonChoice, setReasonChoice] = useState<RefundReason | 'other' | ''>('');
  const [reasonText, setReasonText] = useState('');
  const [reasonTooLong, setReasonTooLong] = useState(false);
  const reason = reasonChoice === 'other' ? reasonText.trim() : reasonChoice;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const [amountProblem, setAmountProblem] = useState<AmountProblem | null>(null);
  const [asked, setAsked] = useState<number | undefined>(undefined);
  // Pending captures and processing refunds hold their amounts; unknown after a partial capture (the rest may
  // have been released), so then the authorization's rest.
  const remaining =
    kind === 'capture' ? (money.capturable ?? tx.authorized_amount - tx.captured_amount) : money.refundable;

  const submit = async () => {
    setFailure(null);
    // An empty amount is the whole remaining amount: the API's default, so it is left out.
    const parsed = parseAmount(amount);
    const problem = parsed.ok || parsed.problem === 'empty' ? null : parsed.problem;
    setAmountProblem(problem);
    const tooLong = kind === 'refund' && reason.length > REFUND_REASON_MAX;
    setReasonTooLong(tooLong);
    if (problem || tooLong) return;
    const value = parsed.ok ? parsed.amount : undefined;
    setAsked(value);
    let body: Record<string, unknown> = {};
    if (kind === 'capture') body = { final, ...(value !== undefined ? { amount: value } : {}) };
    if (kind === 'refund') body = { ...(value !== undefined ? { amount: value } : {}), ...(reason ? { reason } : {}) };
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
  const fieldError = (field: string) => {
    if (field === 'amount' && amountProblem) return amountSentence(t, amountProblem);
    if (field === 'reason' && reasonTooLong) return t('refundReason.tooLong', { max: REFUND_REASON_MAX });
    return sentences.fields[field];
  };

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
        <RefundReasonPicker
          choice={reasonChoice}
          text={reasonText}
          onChoice={setReasonChoice}
          onText={setReasonText}
          error={fieldError('reason')}
        />
      )}
      {kind === 'void' && <p>{t('action.voidBody')}</p>}
      {kind === 'cancel' && <p>{t('action.cancelBody')}</p>}
      {kind === 'sync' && <p>{t('action.syncBody')}</p>}
    </Dialog>
  );
}

/** A refund's reason: one of the common ones, or "Other" and the reason typed; none is fine too. */
function RefundReasonPicker(props: {
  choice: RefundReason | 'other' | '';
  text: string;
  onChoice(choice: RefundReason | 'other' | ''): void;
  onText(text: string): void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  const errorShown = props.choice !== 'other' && props.error;
  return (
    <>
      <div class="field">
        <label for="refund-reason">{t('action.reason')}</label>
        <select
          id="refund-reason"
          name="reason_choice"
          value={props.choice}
          aria-invalid={errorShown ? 'true' : undefined}
          aria-describedby={errorShown ? 'refund-reason-error' : undefined}
          onChange={(e) => props.onChoice((e.target as HTMLSelectElement).value as RefundReason | 'other' | '')}
        >
          <option value="">{t('refundReason.none')}</option>
          {REFUND_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {t(`refundReason.${reason}`)}
            </option>
          ))}
          <option value="other">{t('refundReason.other')}</option>
        </select>
        {errorShown && (
          <p id="refund-reason-error" class="field-error" data-field-error="reason">
            {props.error}
          </p>
        )}
      </div>
      {props.choice === 'other' && (
        <Field
          label={t('refundReason.otherText')}
          name="reason"
          value={props.text}
          onInput={props.onText}
          hint={t('refundReason.hint', { max: REFUND_REASON_MAX })}
          error={props.error}
        />
      )}
    </>
  );
}
