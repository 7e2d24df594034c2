import type { DomainEvent } from '../transactions/domain-events';

/**
 * An event's `target`: the resource exactly as the REST API returns it at the time of the call (a transaction,
 * or a refund for `refund.*`), or undefined when it cannot be found. The HTTP package renders with its presenters.
 */
export interface EventTargetRenderer {
  render(event: DomainEvent): Promise<Record<string, unknown> | undefined>;
}
