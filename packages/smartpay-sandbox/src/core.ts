import { SandboxClock } from './clock';
import { FaultRegistry } from './faults';
import { IdFactory } from './ids';
import type { EventType, Order, Payment, Refund, SmartpayEvent } from './model';
import type { ResolvedOptions } from './options';
import { createRandom } from './random';
import { type Partition, Store } from './store';
import { WebhookDispatcher } from './webhooks/dispatcher';

/**
 * The sandbox's state and services, shared by the API routes, the hosted page and the control API.
 * Everything here is synchronous except webhook delivery, which happens after the response.
 */
export class SandboxCore {
  readonly clock: SandboxClock;
  readonly store = new Store();
  readonly faults: FaultRegistry;
  readonly webhooks: WebhookDispatcher;
  ids: IdFactory;
  // Orders in requires_capture, so expiry never scans every order; nextDue skips the scan until one is due.
  private readonly capturable = new Map<string, { partition: Partition; expiresAt: number }>();
  private nextDue = Number.POSITIVE_INFINITY;
  // Webhooks still to drop per order (`dropWebhooks`): the events are kept, only their delivery is lost.
  private readonly drops = new Map<string, number>();

  constructor(readonly options: ResolvedOptions) {
    this.clock = new SandboxClock(options.clock);
    this.ids = new IdFactory(createRandom(options.seed, 'ids'));
    this.faults = new FaultRegistry(createRandom(options.seed, 'faults'));
    this.webhooks = new WebhookDispatcher(options.webhookRetry, () => this.clock.now(), this.faults);
  }

  now(): number {
    return this.clock.now();
  }

  emit(partition: Partition, type: EventType, data: Order | Payment | Refund): SmartpayEvent {
    const event: SmartpayEvent = {
      id: this.ids.next('evt', partition.mode),
      object: 'event',
      createdAt: this.now(),
      test: partition.test,
      // A snapshot: later changes to the object must not leak into an event already emitted.
      eventData: { type, version: '2022-02-18', data: structuredClone(data) },
    };
    partition.events.add(event);
    const orderId = orderIdOf(partition, data);
    const drops = this.drops.get(orderId) ?? 0;
    if (drops > 0) this.drops.set(orderId, drops - 1);
    this.webhooks.dispatch(event, drops > 0 ? [] : partition.webhookEndpoints.live());
    return event;
  }

  /** The next `times` events about the order are sent to no endpoint, as if Smartpay's webhook never arrived. */
  dropWebhooks(orderId: string, times: number): void {
    this.drops.set(orderId, (this.drops.get(orderId) ?? 0) + times);
  }

  trackAuthorization(partition: Partition, order: Order): void {
    if (order.expiresAt === undefined) return;
    this.capturable.set(order.id, { partition, expiresAt: order.expiresAt });
    this.nextDue = Math.min(this.nextDue, order.expiresAt);
  }

  untrackAuthorization(orderId: string): void {
    this.capturable.delete(orderId);
  }

  /**
   * Cancels manual-capture orders whose 7-day hold is over (§4). Run before every request and after a clock
   * advance, which makes expiry both lazy (an injected clock that moves by itself) and prompt (control API).
   */
  expireAuthorizations(): boolean {
    const now = this.now();
    if (now < this.nextDue) return false;
    let changed = false;
    this.nextDue = Number.POSITIVE_INFINITY;
    for (const [orderId, { partition, expiresAt }] of this.capturable) {
      if (expiresAt > now) {
        this.nextDue = Math.min(this.nextDue, expiresAt);
        continue;
      }
      this.capturable.delete(orderId);
      const order = partition.orders.get(orderId);
      if (order?.status !== 'requires_capture') continue;
      order.status = 'canceled';
      order.updatedAt = expiresAt;
      this.emit(partition, 'order.canceled', order);
      changed = true;
    }
    return changed;
  }

  reset(): void {
    this.webhooks.reset();
    this.store.clear();
    this.capturable.clear();
    this.drops.clear();
    this.nextDue = Number.POSITIVE_INFINITY;
    this.clock.reset();
    // Re-seeding makes a reset sandbox replay the same ids and fault draws as a fresh one.
    this.ids = new IdFactory(createRandom(this.options.seed, 'ids'));
    this.faults.clear(createRandom(this.options.seed, 'faults'));
  }
}

/** The order an event's object belongs to: itself, a payment's order, or a refund's payment's order. */
function orderIdOf(partition: Partition, data: Order | Payment | Refund): string {
  switch (data.object) {
    case 'order':
      return data.id;
    case 'payment':
      return data.order;
    case 'refund':
      return partition.payments.get(data.payment)?.order ?? '';
  }
}
