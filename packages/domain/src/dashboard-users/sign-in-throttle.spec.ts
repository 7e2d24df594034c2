import { DEFAULT_THROTTLE_POLICY, lockedUntil } from './sign-in-throttle';

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
});
