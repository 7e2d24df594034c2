/** Node's timers stop at 24.8 days; a longer wait is re-armed. */
const LONGEST_TIMEOUT_MS = 2_147_000_000;

/**
 * Runs `fire` once, never before `at` by the wall clock. libuv counts a delay from its cached loop time, so on a
 * busy process a plain timer can fire a few milliseconds early, when a job would find nothing due yet (an
 * approval not yet expired): this one waits out the rest.
 */
export class WallClockTimer {
  private handle: NodeJS.Timeout | undefined;

  constructor(
    readonly at: Date,
    private readonly fire: () => void,
  ) {
    this.arm();
  }

  cancel(): void {
    clearTimeout(this.handle);
    this.handle = undefined;
  }

  private arm(): void {
    const delay = this.at.getTime() - Date.now();
    this.handle = setTimeout(
      () => (this.at.getTime() > Date.now() ? this.arm() : this.fire()),
      Math.min(Math.max(0, delay), LONGEST_TIMEOUT_MS),
    );
    // A waiting job never keeps the process alive: stopping is the lifecycle's work.
    this.handle.unref();
  }
}
