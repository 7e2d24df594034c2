import type { Clock } from './clock';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests (and simulations) move by hand. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date = new Date('2026-01-01T00:00:00.000Z')) {
    this.current = start.getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(to: Date): void {
    this.current = to.getTime();
  }
}
