import { PasswordCheckBusyError } from '@kessai/domain';

/**
 * Password hashes: at most `running` at once and `waiting` queued behind them; one more is refused at once rather
 * than queued (a long queue only turns a flood into timeouts for everyone).
 */
export class PasswordCheckSlots {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limits: { running: number; waiting: number }) {}

  async run<R>(work: () => Promise<R>): Promise<R> {
    if (this.active >= this.limits.running) {
      if (this.queue.length >= this.limits.waiting)
        throw new PasswordCheckBusyError('too many sign-ins at once: retry in a second');
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, so `active` never dips and lets a newcomer jump the queue.
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
