import type { PaymentOption, Unavailable } from './embed-api';
import type { Messages } from './messages';

const STYLE_ID = 'kessai-embed-style';
// Scoped under .kessai-embed; colours keep 4.5:1 contrast on white. The status line takes focus only so a screen
// reader reads the outcome: no ring around a text that cannot be operated.
const CSS = `.kessai-embed{font:inherit;color:#1a1a1a;max-width:32rem;margin:0 0 1rem}
.kessai-embed fieldset{border:1px solid #8a8a8a;border-radius:6px;margin:0 0 .75rem;padding:.5rem .75rem}
.kessai-embed legend{font-weight:600;padding:0 .25rem}
.kessai-embed .kessai-option{display:grid;grid-template-columns:auto 1fr;gap:.1rem .5rem;align-items:center;padding:.35rem 0}
.kessai-embed .kessai-hint{grid-column:2;margin:0;font-size:.875em;color:#4a4a4a}
.kessai-embed .kessai-unavailable{margin:.25rem 0 .75rem;color:#8a1f11}
.kessai-embed button{font:inherit;font-weight:600;padding:.6rem 1.2rem;border-radius:6px;border:0;background:#1d4ed8;color:#fff;cursor:pointer}
.kessai-embed button:disabled{background:#4b5563;cursor:progress}
.kessai-embed :focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.kessai-embed .kessai-status{min-height:1.5em;margin:.75rem 0 0}
.kessai-embed .kessai-status:focus{outline:none}
.kessai-embed .kessai-status.kessai-ok{color:#166534;font-weight:600}
.kessai-embed .kessai-status.kessai-bad{color:#8a1f11;font-weight:600}`;

let instances = 0;

/** The embed's DOM inside the merchant's element: a radio group of methods, a pay button and a live status line. */
export class View {
  readonly root: HTMLDivElement;
  readonly fieldset: HTMLFieldSetElement;
  readonly notes: HTMLDivElement;
  readonly button: HTMLButtonElement;
  readonly status: HTMLParagraphElement;
  private readonly name: string;

  constructor(
    host: HTMLElement,
    private readonly t: Messages,
    lang: string,
  ) {
    const n = ++instances;
    this.name = `kessai-method-${n}`;
    if (!document.getElementById(STYLE_ID)) {
      const style = document.createElement('style');
      style.id = STYLE_ID;
      style.textContent = CSS;
      document.head.append(style);
    }
    this.root = el('div', { class: 'kessai-embed', lang });
    this.fieldset = el('fieldset', { hidden: '' });
    this.fieldset.append(el('legend', {}, t.legend));
    this.notes = el('div', {});
    this.button = el('button', { type: 'button', hidden: '' });
    // Polite and atomic: each step of the payment is read out once, whole; focusable so the outcome can take focus.
    this.status = el('p', {
      class: 'kessai-status',
      role: 'status',
      'aria-live': 'polite',
      'aria-atomic': 'true',
      tabindex: '-1',
    });
    this.root.append(this.fieldset, this.notes, this.button, this.status);
    host.replaceChildren(this.root);
  }

  showOptions(options: PaymentOption[], unavailable: Unavailable[], payText: string): void {
    for (const row of this.fieldset.querySelectorAll('.kessai-option')) row.remove();
    options.forEach((option, index) => {
      const id = `${this.name}-${index}`;
      const input = el('input', { type: 'radio', name: this.name, id, value: option.method });
      input.checked = index === 0;
      const label = el('label', { for: id }, this.t.methodLabel(option.method, option.label));
      const row = el('div', { class: 'kessai-option' });
      row.append(input, label);
      const hint = this.t.methodHint(option.method);
      if (hint) {
        row.append(el('p', { class: 'kessai-hint', id: `${id}-hint` }, hint));
        input.setAttribute('aria-describedby', `${id}-hint`);
      }
      this.fieldset.append(row);
    });
    this.notes.replaceChildren(
      ...unavailable.map((entry) =>
        el('p', { class: 'kessai-unavailable' }, this.t.unavailable(entry.method, entry.reason, entry.message)),
      ),
      ...(options.length === 0 ? [el('p', { class: 'kessai-unavailable' }, this.t.noOptions)] : []),
    );
    this.fieldset.hidden = options.length === 0;
    this.button.hidden = options.length === 0;
    this.button.textContent = payText;
  }

  selectedMethod(): string | null {
    const checked = this.fieldset.querySelector<HTMLInputElement>('input[type=radio]:checked');
    return checked?.value ?? null;
  }

  /** While a payment is under way nothing can be pressed again (a double click makes one request). */
  busy(on: boolean): void {
    this.button.disabled = on;
    this.button.setAttribute('aria-disabled', String(on));
    for (const input of this.fieldset.querySelectorAll('input')) input.disabled = on;
  }

  /** The payment is settled for this page: the choice and the button go, the outcome stays. */
  done(): void {
    this.fieldset.hidden = true;
    this.button.hidden = true;
  }

  say(text: string, tone: 'info' | 'ok' | 'bad' = 'info', focus = false): void {
    this.status.className = `kessai-status${tone === 'info' ? '' : ` kessai-${tone}`}`;
    this.status.textContent = text;
    if (focus) this.status.focus();
  }
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string>,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}
