// Money and time as a Japanese merchant reads them: yen have no minor unit, dates in the merchant's time zone.
import type { Locale } from './i18n';

export function yen(amount: number, currency = 'JPY'): string {
  // Every Kessai amount is in minor units; JPY's minor unit is the yen itself.
  if (currency !== 'JPY') return `${amount} ${currency}`;
  return `¥${amount.toLocaleString('en-US')}`;
}

export function dateTime(iso: string | null | undefined, timeZone: string, locale: Locale): string {
  if (!iso) return '—';
  // Japanese: 2026/12/02 11:18:39 JST. English: 2026-12-02 11:18:39 GMT+9 (year first: no day/month ambiguity).
  const parts = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const separator = locale === 'ja' ? '/' : '-';
  const date = [get('year'), get('month'), get('day')].join(separator);
  return `${date} ${get('hour')}:${get('minute')}:${get('second')} ${get('timeZoneName')}`;
}

/** The instant a wall-clock date (YYYY-MM-DD, start or end of that day) is in `timeZone`, as ISO 8601 UTC. */
export function zonedDayToIso(day: string, timeZone: string, end: boolean): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const wall = Date.UTC(y, m - 1, d, end ? 23 : 0, end ? 59 : 0, end ? 59 : 0, end ? 999 : 0);
  // The zone's offset at that moment: format the guess in the zone and compare with the wall time wanted.
  const offsetAt = (instant: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(instant));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return asUtc - Math.floor(instant / 1000) * 1000;
  };
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first)).toISOString();
}
