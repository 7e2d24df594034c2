import { DEFAULT_THROTTLE_POLICY, lockedUntil, throttledUntil } from './sign-in-throttle';

const MINUTE = 60_000;
const now = new Date('2026-03-01T09:20:00.000Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);

describe('the sign-in throttle', () => {
  it('does not lock below the limit', () => {
    expect(lockedUntil([ago(1), ago(2), ago(3), ago(4)], 5, DEFAULT_THROTTLE_POLICY, now)).toBeNull();
  });

  it('locks for a full window after the failure that reached the limit', () => {
    expect(lockedUntil([ago(1), ago(2), ago(3), ago(4), ago(5)], 5, DEFAULT_THROTTLE_POLICY, now)).toEqual(
      new Date(ago(1).getTime() + 15 * MINUTE),
    );
  });

  it('lets go once the window after the newest failure has passed', () => {
    expect(lockedUntil([ago(15), ago(15), ago(15), ago(15), ago(15)], 5, DEFAULT_THROTTLE_POLICY, now)).toBeNull();
  });

  it('only slows a busy address down, to one attempt per 10 s past 20 failures, and locks its e-mails as usual', () => {
    const seconds = (n: number) => new Date(now.getTime() - n * 1000);
    const busy = Array.from({ length: 20 }, (_, i) => seconds(3 + i));
    expect(throttledUntil({ byEmail: [], byAddress: busy.slice(1) }, DEFAULT_THROTTLE_POLICY, now)).toBeNull();
    expect(throttledUntil({ byEmail: [], byAddress: busy }, DEFAULT_THROTTLE_POLICY, now)).toEqual(
      new Date(now.getTime() + 7_000),
    );
    expect(throttledUntil({ byEmail: [], byAddress: [seconds(10), ...busy] }, DEFAULT_THROTTLE_POLICY, now)).toBeNull();
    const email = [ago(1), ago(2), ago(3), ago(4), ago(5)];
    expect(throttledUntil({ byEmail: email, byAddress: busy }, DEFAULT_THROTTLE_POLICY, now)).toEqual(
      new Date(ago(1).getTime() + 15 * MINUTE),
    );
  });
});
