import { addDays, dayOf, daysEndingOn, isDay, isTimeZone, minuteOfDay, startOfDay } from './calendar';

describe('days in a time zone', () => {
  it('puts an instant on the day its zone reads', () => {
    expect(dayOf(new Date('2026-03-09T14:59:59.999Z'), 'Asia/Tokyo')).toBe('2026-03-09');
    expect(dayOf(new Date('2026-03-09T15:00:00.000Z'), 'Asia/Tokyo')).toBe('2026-03-10');
    expect(dayOf(new Date('2026-03-09T15:00:00.000Z'), 'UTC')).toBe('2026-03-09');
  });

  it("begins a day at its zone's midnight, half-hour zones and clock changes included", () => {
    expect(startOfDay('2026-03-10', 'Asia/Tokyo')).toEqual(new Date('2026-03-09T15:00:00.000Z'));
    expect(startOfDay('2026-03-10', 'Asia/Kolkata')).toEqual(new Date('2026-03-09T18:30:00.000Z'));
    // New York moves to summer time at 02:00 on 8 March 2026: that day begins at UTC−5, the next at UTC−4.
    expect(startOfDay('2026-03-08', 'America/New_York')).toEqual(new Date('2026-03-08T05:00:00.000Z'));
    expect(startOfDay('2026-03-09', 'America/New_York')).toEqual(new Date('2026-03-09T04:00:00.000Z'));
  });

  it('counts days back across months and years, oldest first', () => {
    expect(daysEndingOn('2026-03-02', 4)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysEndingOn('2027-01-01', 2)).toEqual(['2026-12-31', '2027-01-01']);
  });

  it('steps days across months, leap days and years, both ways', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  it('takes only real days written YYYY-MM-DD', () => {
    expect(isDay('2028-02-29')).toBe(true);
    for (const day of ['2026-02-29', '2026-13-01', '2026-1-01', '2026-01-01T00:00', '']) expect(isDay(day)).toBe(false);
  });

  it("reads the minute of the day on the zone's wall clock", () => {
    expect(minuteOfDay(new Date('2026-03-09T15:30:00.000Z'), 'Asia/Tokyo')).toBe(30);
    expect(minuteOfDay(new Date('2026-03-09T15:30:00.000Z'), 'UTC')).toBe(15 * 60 + 30);
  });

  it('knows IANA zones and refuses what is not one', () => {
    expect(isTimeZone('Asia/Tokyo')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
