import { evolve } from './evolve';
import type { TransactionEvent } from './transaction-events';
import type { TransactionState } from './transaction-state';

/**
 * A decision made of several steps, each deciding on the state the previous steps' events left (a provider
 * report settles one capture, then judges the next against the new totals). Local to one decide call.
 */
export class Decision {
  readonly events: TransactionEvent[] = [];

  constructor(public state: TransactionState) {}

  add(...events: TransactionEvent[]): void {
    for (const event of events) {
      this.events.push(event);
      this.state = evolve(this.state, event);
    }
  }
}
