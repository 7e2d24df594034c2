// Japanese and English: the browser's language by default, switchable, remembered in localStorage.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en } from './messages/en';
import { ja } from './messages/ja';

export type Locale = 'ja' | 'en';
export type MessageKey = keyof typeof en;
export const messages: Record<Locale, Record<MessageKey, string>> = { en, ja };

const storageKey = 'kessai.dashboard.locale';

export function initialLocale(): Locale {
  const saved = localStorage.getItem(storageKey);
  if (saved === 'ja' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(storageKey, locale);
  document.documentElement.lang = locale;
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, values) =>
    messages[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      values && name in values ? String(values[name]) : whole,
    );
}

export interface I18n {
  locale: Locale;
  t: Translate;
  setLocale(locale: Locale): void;
}

export const I18nContext = createContext<I18n>({ locale: 'en', t: translator('en'), setLocale: () => undefined });

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** A status, code or event name translated when the dictionary knows it, else shown as the API spells it. */
export function label(
  t: Translate,
  prefix: 'status' | 'event' | 'error' | 'source' | 'money' | 'actor' | 'history',
  value: string,
): string {
  const key = `${prefix}.${value}` as MessageKey;
  return key in en ? t(key) : value;
}
