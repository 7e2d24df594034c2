import { InvalidFieldError } from '../errors';
import { addDays, dayOf, isDay, minuteOfDay, startOfDay } from '../shared/calendar';

/** Reconciliation counts Japan days: Smartpay dates its orders, captures and refunds in Japan time. */
const JAPAN = 'Asia/Tokyo';

export interface JapanDay {
  /** `YYYY-MM-DD` in Japan time. */
  date: string;
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** The UTC bounds of a Japan calendar day. `InvalidFieldError` for anything but a real `YYYY-MM-DD`. */
export function japanDay(date: string): JapanDay {
  if (!isDay(date))
    throw new InvalidFieldError(`date must be a calendar day as YYYY-MM-DD, got ${JSON.stringify(date)}`, '/date');
  return { date, start: startOfDay(date, JAPAN), end: startOfDay(addDays(date, 1), JAPAN) };
}

/** The Japan calendar day an instant falls on. */
export function japanDateOf(at: Date): string {
  return dayOf(at, JAPAN);
}

/** The Japan day before the one `at` falls on: what a daily run checks. */
export function previousJapanDate(at: Date): string {
  return addDays(japanDateOf(at), -1);
}

/** How many minutes after midnight in Japan `at` is. */
export function japanMinuteOf(at: Date): number {
  return minuteOfDay(at, JAPAN);
}
