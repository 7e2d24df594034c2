import type { EmbedEvent } from './events';
import type { Locale } from './messages';

/** What a merchant's page passes to `Kessai.setup`, after Gr4vy Embed's options of the same names. */
export interface SetupOptions {
  /** The Kessai API's origin, e.g. `https://api.example.jp` (scheme and host, no path). */
  apiHost: string;
  /** The embed token the merchant's server minted (`getEmbedToken`), pinning the amount and the checkout session. */
  token: string;
  /** In minor units (yen), as pinned in the token. */
  amount: number;
  currency: string;
  country: string;
  /** Where the payment options are drawn: an element or a CSS selector. */
  element: HTMLElement | string;
  /** The merchant's form, which receives the transaction's id and status as hidden inputs. */
  form: HTMLFormElement | string;
  /** `ja` or `en` (a region such as `ja-JP` is accepted); the browser's language otherwise. */
  locale?: string;
  /** Where the buyer comes back after approving (default: this page without Kessai's query parameters). */
  redirectUrl?: string;
  onEvent?: (name: EmbedEvent['name'], data: EmbedEvent['data']) => void;
}

export interface Settings {
  apiHost: string;
  token: string;
  amount: number;
  currency: string;
  country: string;
  element: HTMLElement;
  form: HTMLFormElement;
  locale: Locale;
  redirectUrl: string;
  onEvent: (event: EmbedEvent) => void;
}

/** A merchant's mistake in `setup`'s options, named so the page's developer sees which one. */
export class SetupError extends Error {
  constructor(option: string, problem: string) {
    super(`Kessai.setup: ${option} ${problem}`);
    this.name = 'SetupError';
  }
}

export function settingsFrom(options: SetupOptions, page: Location, language: string | undefined): Settings {
  if (!options || typeof options !== 'object') throw new SetupError('options', 'must be an object');
  const apiHost = originOf(options.apiHost);
  if (typeof options.token !== 'string' || options.token.split('.').length !== 3)
    throw new SetupError('token', 'must be the embed token (a JWT) from your server');
  if (!Number.isSafeInteger(options.amount) || options.amount <= 0)
    throw new SetupError('amount', 'must be a positive integer in minor units');
  const currency = code(options.currency, 'currency', 3);
  const country = code(options.country, 'country', 2);
  const element = found<HTMLElement>(options.element, 'element', HTMLElement);
  const form = found<HTMLFormElement>(options.form, 'form', HTMLFormElement);
  const onEvent = options.onEvent;
  if (onEvent !== undefined && typeof onEvent !== 'function') throw new SetupError('onEvent', 'must be a function');
  return {
    apiHost,
    token: options.token,
    amount: options.amount,
    currency,
    country,
    element,
    form,
    locale: localeOf(options.locale ?? language),
    redirectUrl: options.redirectUrl ?? withoutReturnParameters(page.href),
    onEvent: (event) => onEvent?.(event.name, event.data),
  };
}

export function localeOf(tag: string | undefined): Locale {
  return (tag ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** The page's address without what Kessai appends to redirect_url on the way back. */
export function withoutReturnParameters(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('transaction_id');
  url.searchParams.delete('transaction_status');
  url.hash = '';
  return url.toString();
}

function originOf(value: unknown): string {
  try {
    const url = new URL(String(value));
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
  } catch {
    // reported below
  }
  throw new SetupError('apiHost', 'must be the Kessai API’s URL, e.g. https://api.example.jp');
}

function code(value: unknown, option: string, length: number): string {
  const text = String(value ?? '').toUpperCase();
  if (!new RegExp(`^[A-Z]{${length}}$`).test(text)) throw new SetupError(option, `must be a ${length}-letter code`);
  return text;
}

function found<T extends Element>(value: unknown, option: string, type: abstract new () => T): T {
  const element = typeof value === 'string' ? document.querySelector(value) : value;
  if (!(element instanceof type))
    throw new SetupError(option, `must be ${option === 'form' ? 'a <form>' : 'an element'} or a selector for one`);
  return element;
}
