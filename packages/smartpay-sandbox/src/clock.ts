/** Milliseconds since the Unix epoch, the unit of every Smartpay timestamp. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * The injected clock plus an offset that only the control API moves, so tests can jump over the 7-day
 * authorization hold or the checkout-session TTL without waiting.
 */
export class SandboxClock implements Clock {
  private offset = 0;

  constructor(private readonly base: Clock) {}

  now(): number {
    return this.base.now() + this.offset;
  }

  get offsetMs(): number {
    return this.offset;
  }

  advance(ms: number): number {
    this.offset += ms;
    return this.now();
  }

  reset(): void {
    this.offset = 0;
  }

  restoreOffset(ms: number): void {
    this.offset = ms;
  }
}
