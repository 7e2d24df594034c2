// A confirmation dialog on the native <dialog>: showModal() makes the rest of the page inert, keeps focus inside,
// and closes on Escape; focus returns to the control that opened it.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';

export interface DialogProps {
  title: string;
  open: boolean;
  busy?: boolean;
  confirmLabel?: string;
  onConfirm(): void;
  onClose(): void;
  children?: ComponentChildren;
}

function returnFocus(element: Element | null): void {
  if (element instanceof HTMLElement && element.isConnected) element.focus();
}

export function Dialog({ title, open, busy = false, confirmLabel, onConfirm, onClose, children }: DialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      dialog.querySelector<HTMLElement>('input, select, textarea, button[data-confirm]')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      returnFocus(opener.current);
    }
  }, [open]);
  // Most dialogs close by being unmounted: close it first (the page outside a modal dialog is inert and cannot
  // take focus), then give the focus back to the opener.
  useEffect(() => {
    const dialog = ref.current;
    return () => {
      if (dialog?.open) dialog.close();
      returnFocus(opener.current);
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) onConfirm();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        <div class="dialog-buttons">
          <button type="button" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="primary" data-confirm disabled={busy} aria-busy={busy}>
            {confirmLabel ?? t('common.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
