import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { ApiFailure } from '../api';
import { type AmountContext, placeSentences } from '../error-sentences';
import { label, useI18n } from '../i18n';

/** A labelled input whose error (the refusal's sentence for its JSON pointer) sits next to it. */
export function Field(props: {
  label: string;
  name: string;
  value: string;
  onInput(value: string): void;
  type?: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: 'numeric' | 'email' | 'text';
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required ?? false}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described || undefined}
        onInput={(event) => props.onInput((event.target as HTMLInputElement).value)}
      />
      {props.hint && (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={errorId} class="field-error" data-field-error={props.name}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A refusal's sentence for what names no field of the form (each field shows its own, so nothing shows twice). */
export function ErrorBanner(props: { failure: ApiFailure | Error | null; fields?: string[]; amounts?: AmountContext }) {
  const { t } = useI18n();
  const { form } = placeSentences(t, props.failure, props.fields, props.amounts);
  if (!form) return null;
  return (
    <div class="error-banner" role="alert">
      <strong>{t('common.error')}:</strong> {form}
    </div>
  );
}

export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <p class="notice" role="status">
      {children}
    </p>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span class={`status status-${status}`} data-status={status}>
      {label(t, 'status', status)} <code>{status}</code>
    </span>
  );
}

/** The value in a read-only input (selectable by hand) with a copy button. */
export function CopyField({ label: text, value, name }: { label: string; value: string; name: string }) {
  const { t } = useI18n();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard API outside a secure context: select the text and use the legacy command.
      const input = document.getElementById(id) as HTMLInputElement | null;
      input?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <div class="field copy-field">
      <label for={id}>{text}</label>
      <div class="row">
        <input id={id} name={name} readOnly value={value} onFocus={(e) => (e.target as HTMLInputElement).select()} />
        <button type="button" onClick={copy}>
          {t('common.copy')}
        </button>
        <span role="status" class="hint">
          {copied ? t('common.copied') : ''}
        </span>
      </div>
    </div>
  );
}

/** Previous/next for a keyset-paged list; shown only when there is another page either way. */
export function CursorPager(props: {
  page: { previous_cursor: string | null; next_cursor: string | null } | null | undefined;
  label: string;
  go: (cursor: string | null) => void;
}) {
  const { t } = useI18n();
  const { page } = props;
  if (!page?.previous_cursor && !page?.next_cursor) return null;
  return (
    <nav class="pager" aria-label={props.label}>
      <button type="button" disabled={!page.previous_cursor} onClick={() => props.go(page.previous_cursor)}>
        {t('common.previous')}
      </button>
      <button type="button" disabled={!page.next_cursor} onClick={() => props.go(page.next_cursor)}>
        {t('common.next')}
      </button>
    </nav>
  );
}
