import { WallClockTimer } from './wall-clock-timer';

describe('WallClockTimer', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-07T00:00:00.000Z') }));
  afterEach(() => jest.useRealTimers());

  it('fires at its time', () => {
    const fire = jest.fn();
    new WallClockTimer(new Date(Date.now() + 100), fire);
    jest.advanceTimersByTime(99);
    expect(fire).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('waits out the rest when the event loop runs it before its time by the wall clock', () => {
    const fire = jest.fn();
    const at = new Date(Date.now() + 100);
    new WallClockTimer(at, fire);
    // The wall clock lags the loop's timer clock by 5 ms, as libuv's cached loop time can.
    jest.setSystemTime(Date.now() - 5);
    jest.advanceTimersByTime(100);
    expect(Date.now()).toBeLessThan(at.getTime());
    expect(fire).not.toHaveBeenCalled();
    jest.advanceTimersByTime(5);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('fires at once for a time already past, and never once cancelled', () => {
    const past = jest.fn();
    const cancelled = jest.fn();
    new WallClockTimer(new Date(Date.now() - 1_000), past);
    new WallClockTimer(new Date(Date.now() + 10), cancelled).cancel();
    jest.advanceTimersByTime(1_000);
    expect(past).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('waits past the longest delay Node allows', () => {
    const fire = jest.fn();
    new WallClockTimer(new Date(Date.now() + 30 * 24 * 60 * 60 * 1000), fire);
    jest.advanceTimersByTime(29 * 24 * 60 * 60 * 1000);
    expect(fire).not.toHaveBeenCalled();
    jest.advanceTimersByTime(24 * 60 * 60 * 1000);
    expect(fire).toHaveBeenCalledTimes(1);
  });
});
