import { InvalidFieldError } from '../errors';

/** Japan has one offset all year (no daylight saving): a Japan day is a fixed 24 hours of UTC. */
const JST_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

export interface JapanDay {
  /** `YYYY-MM-DD` in Japan time. */
  date: string;
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** The UTC bounds of a Japan calendar day. `InvalidFieldError` for anything but a real `YYYY-MM-DD`. */
export function japanDay(date: string): JapanDay {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const midnight = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(midnight) || new Date(midnight).toISOString().slice(0, 10) !== date)
    throw new InvalidFieldError(`date must be a calendar day as YYYY-MM-DD, got ${JSON.stringify(date)}`, '/date');
  const start = new Date(midnight - JST_OFFSET_MS);
  return { date, start, end: new Date(start.getTime() + DAY_MS) };
}

/** The Japan calendar day an instant falls on. */
export function japanDateOf(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Japan day before the one `at` falls on: what a daily run checks. */
export function previousJapanDate(at: Date): string {
  return japanDateOf(new Date(at.getTime() - DAY_MS));
}
