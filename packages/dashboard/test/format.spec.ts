import { dateTime, yen, zonedDayToIso } from '../src/format';

describe('money and time as the dashboard shows them', () => {
  it('shows JPY amounts as whole yen with thousands separators (JPY has no minor unit)', () => {
    expect(yen(12_000)).toBe('¥12,000');
    expect(yen(0)).toBe('¥0');
    expect(yen(1_234_567, 'JPY')).toBe('¥1,234,567');
  });

  it("shows an instant in the merchant's time zone, year first", () => {
    expect(dateTime('2026-12-01T15:30:00.000Z', 'Asia/Tokyo', 'en')).toBe('2026-12-02 00:30:00 GMT+9');
    expect(dateTime('2026-12-01T15:30:00.000Z', 'Asia/Tokyo', 'ja')).toBe('2026/12/02 00:30:00 JST');
    expect(dateTime(null, 'Asia/Tokyo', 'en')).toBe('—');
  });

  it("turns a filter's whole day in the merchant's zone into the API's UTC bounds", () => {
    expect(zonedDayToIso('2026-12-02', 'Asia/Tokyo', false)).toBe('2026-12-01T15:00:00.000Z');
    expect(zonedDayToIso('2026-12-02', 'Asia/Tokyo', true)).toBe('2026-12-02T14:59:59.999Z');
    // A zone with daylight saving: the offset of that very day counts (EDT in July, EST in January).
    expect(zonedDayToIso('2026-07-01', 'America/New_York', false)).toBe('2026-07-01T04:00:00.000Z');
    expect(zonedDayToIso('2026-01-01', 'America/New_York', false)).toBe('2026-01-01T05:00:00.000Z');
    expect(zonedDayToIso('not a day', 'Asia/Tokyo', false)).toBeUndefined();
  });
});
