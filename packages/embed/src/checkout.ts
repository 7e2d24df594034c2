import { EmbedApi, EmbedApiError, type Transaction } from './embed-api';
import type { EmbedEvent } from './events';
import { formatAmount, MESSAGES, type Messages } from './messages';
import type { Settings } from './options';
import { checkoutSessionOf } from './token-claims';
import { View } from './view';

/** What the page around the embed provides: its address, a way to leave it, a tab-scoped store. */
export interface PageEnvironment {
  location: Pick<Location, 'href'>;
  navigate(url: string): void;
  /** Rewrites the address bar without a reload (drops Kessai's return parameters). */
  replaceUrl(url: string): void;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  fetcher?: typeof fetch;
}

// Gr4vy Embed's own field names, so a merchant's form handler written for Gr4vy reads them unchanged.
export const FORM_FIELDS = { id: 'gr4vy_transaction_id', status: 'gr4vy_transaction_status' } as const;

/**
 * One embed on a page: lists the options, creates the checkout session's transaction on Pay and sends the buyer to
 * the approval page; back from it, reads the transaction and hands its id and status to the merchant's form.
 * One transaction per checkout session: the API returns the same one to a repeated create, and the button stays
 * disabled while a create is in flight.
 */
export class Checkout {
  private readonly api: EmbedApi;
  private readonly t: Messages;
  private readonly view: View;
  private readonly storageKey: string;
  private submitting = false;

  constructor(
    private readonly settings: Settings,
    private readonly page: PageEnvironment,
  ) {
    this.api = new EmbedApi(settings.apiHost, settings.token, page.fetcher);
    this.t = MESSAGES[settings.locale];
    this.view = new View(settings.element, this.t, settings.locale);
    this.view.button.addEventListener('click', () => void this.pay());
    this.storageKey = `kessai-embed:${checkoutSessionOf(settings.token) ?? settings.token.slice(-16)}`;
  }

  /** The first thing after setup: back from the approval page, or a transaction already made, or the options. */
  async start(): Promise<void> {
    const url = new URL(this.page.location.href);
    const returned = url.searchParams.get('transaction_id');
    if (returned) {
      url.searchParams.delete('transaction_id');
      url.searchParams.delete('transaction_status');
      this.page.replaceUrl(url.toString());
      if (await this.settle(returned)) return;
      // Not paid: the outcome stays on screen above the options, for another try.
      return this.loadOptions(true);
    } else {
      const known = this.stored();
      if (known && (await this.settle(known, true))) return;
    }
    await this.loadOptions();
  }

  /** After the back button brings the page from the cache: the button works again (the API keeps it to one). */
  restored(): void {
    this.submitting = false;
    this.view.busy(false);
    this.view.say('');
  }

  async loadOptions(keepStatus = false): Promise<void> {
    if (!keepStatus) this.view.say(this.t.loading);
    try {
      const answer = await this.api.paymentOptions({
        amount: this.settings.amount,
        currency: this.settings.currency,
        country: this.settings.country,
        locale: this.settings.locale,
      });
      this.view.showOptions(
        answer.options,
        answer.unavailable,
        this.t.pay(formatAmount(this.settings.amount, this.settings.currency, this.settings.locale)),
      );
      if (!keepStatus) this.view.say('');
      this.emit({ name: 'optionsLoaded', data: answer });
    } catch (error) {
      this.failed(error);
    }
  }

  async pay(): Promise<void> {
    if (this.submitting) return;
    const method = this.view.selectedMethod();
    if (!method) return;
    this.submitting = true;
    this.view.busy(true);
    this.view.say(this.t.paying);
    this.emit({ name: 'paymentMethodSelected', data: { method } });
    try {
      const transaction = await this.untilDecided(
        await this.api.createTransaction({
          amount: this.settings.amount,
          currency: this.settings.currency,
          country: this.settings.country,
          method,
          redirectUrl: this.settings.redirectUrl,
        }),
      );
      this.page.storage?.setItem(this.storageKey, transaction.id);
      if (transaction.status === 'buyer_approval_pending' && transaction.approvalUrl) {
        this.view.say(this.t.redirecting);
        this.emit({
          name: 'approvalStarted',
          data: { transactionId: transaction.id, approvalUrl: transaction.approvalUrl },
        });
        // The button stays disabled until the page is left (or comes back from the cache: `restored`).
        this.page.navigate(transaction.approvalUrl);
        return;
      }
      // The session's transaction was already decided (a second tab, or back after approving): its outcome.
      this.conclude(transaction);
    } catch (error) {
      this.failed(error);
    }
    this.submitting = false;
    this.view.busy(false);
  }

  /**
   * A create that met another one in flight for the same session (a second tab) answers with that transaction
   * while it is still `processing`: it is read again until it has an approval URL or an outcome (about 5 s at most).
   */
  private async untilDecided(transaction: Transaction): Promise<Transaction> {
    let current = transaction;
    for (let attempt = 0; current.status === 'processing' && attempt < 10; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      current = await this.api.transaction(current.id);
    }
    return current;
  }

  /** Reads the transaction and concludes; false when it is still waiting for the buyer (the options come back). */
  private async settle(id: string, quietIfPending = false): Promise<boolean> {
    this.view.say(this.t.checking);
    try {
      const transaction = await this.api.transaction(id);
      this.page.storage?.setItem(this.storageKey, transaction.id);
      if (transaction.status === 'buyer_approval_pending' && quietIfPending) return false;
      this.conclude(transaction);
      return this.t.succeeded(transaction.status);
    } catch (error) {
      // A stale id in this tab's store is forgotten; a return the token cannot read is shown.
      if (quietIfPending) {
        this.page.storage?.removeItem(this.storageKey);
        return false;
      }
      this.failed(error);
      return false;
    }
  }

  private conclude(transaction: Transaction): void {
    this.fillForm(transaction);
    const ok = this.t.succeeded(transaction.status);
    if (ok) this.view.done();
    this.view.say(this.t.outcome(transaction.status), ok ? 'ok' : 'bad', true);
    const data = { id: transaction.id, status: transaction.status, method: transaction.method };
    this.emit(ok ? { name: 'transactionCreated', data } : { name: 'transactionFailed', data });
  }

  /** The merchant's form gets the id and status as hidden inputs (replacing earlier ones), for its server to check. */
  private fillForm(transaction: Transaction): void {
    const form = this.settings.form;
    for (const [name, value] of [
      [FORM_FIELDS.id, transaction.id],
      [FORM_FIELDS.status, transaction.status],
    ] as const) {
      let input = form.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (!input) {
        input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        form.append(input);
      }
      input.value = value;
    }
  }

  private failed(error: unknown): void {
    const apiError =
      error instanceof EmbedApiError ? error : new EmbedApiError(0, 'embed_error', (error as Error)?.message ?? '?');
    this.view.say(`${this.t.error(apiError.message)} ${this.t.retry}`, 'bad', true);
    this.emit({ name: 'apiError', data: { status: apiError.status, code: apiError.code, message: apiError.message } });
  }

  private stored(): string | null {
    try {
      return this.page.storage?.getItem(this.storageKey) ?? null;
    } catch {
      return null;
    }
  }

  private emit(event: EmbedEvent): void {
    try {
      this.settings.onEvent(event);
    } catch (error) {
      // The merchant's handler failing must not stop the payment.
      console.error('Kessai embed: onEvent threw', error);
    }
  }
}
