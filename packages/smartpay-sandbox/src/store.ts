import { IdempotencyCache } from './idempotency';
import type { CheckoutSession, LineItem, Mode, Order, Payment, Refund, SmartpayEvent, WebhookEndpoint } from './model';

/** Objects by id plus their creation order (append-only, so list cursors stay valid while objects are added). */
export class Table<T extends { id: string }> {
  private readonly byId = new Map<string, T>();
  private readonly ordered: T[] = [];

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  add(item: T): T {
    this.byId.set(item.id, item);
    this.ordered.push(item);
    return item;
  }

  /** Removed objects keep their slot in `inOrder` (cursors stay valid) but are no longer live. */
  remove(id: string): boolean {
    return this.byId.delete(id);
  }

  isLive(item: T): boolean {
    return this.byId.get(item.id) === item;
  }

  inOrder(): readonly T[] {
    return this.ordered;
  }

  live(): T[] {
    return this.ordered.filter((item) => this.isLive(item));
  }

  get size(): number {
    return this.byId.size;
  }

  /** Everything, in creation order, plus which ids are live: enough to rebuild it exactly. */
  dump(): { items: T[]; live: string[] } {
    return { items: [...this.ordered], live: [...this.byId.keys()] };
  }

  load(saved: { items: T[]; live: string[] }): void {
    const live = new Set(saved.live);
    for (const item of saved.items) {
      this.ordered.push(item);
      if (live.has(item.id)) this.byId.set(item.id, item);
    }
  }
}

/** Everything one secret key (one merchant in one mode) can see; cross-key access is a plain miss → 404. */
export class Partition {
  readonly checkoutSessions = new Table<CheckoutSession>();
  readonly orders = new Table<Order>();
  readonly lineItems = new Table<LineItem>();
  readonly payments = new Table<Payment>();
  readonly refunds = new Table<Refund>();
  readonly webhookEndpoints = new Table<WebhookEndpoint>();
  readonly events = new Table<SmartpayEvent>();
  readonly idempotency = new IdempotencyCache();

  constructor(
    readonly secretKey: string,
    readonly mode: Mode,
  ) {}

  get test(): boolean {
    return this.mode === 'test';
  }
}

export class Store {
  private readonly partitions = new Map<string, Partition>();
  // The hosted page and the control API are unauthenticated, so they find an object's owner by id.
  private readonly ownerById = new Map<string, Partition>();

  partition(secretKey: string, mode: Mode): Partition {
    const key = `${mode}:${secretKey}`;
    let partition = this.partitions.get(key);
    if (!partition) {
      partition = new Partition(secretKey, mode);
      this.partitions.set(key, partition);
    }
    return partition;
  }

  all(): Partition[] {
    return [...this.partitions.values()];
  }

  index(id: string, owner: Partition): void {
    this.ownerById.set(id, owner);
  }

  ownerOf(id: string): Partition | undefined {
    return this.ownerById.get(id);
  }

  /** Owners by id, as partition keys (`mode:secretKey`). */
  owners(): Array<[string, string]> {
    return [...this.ownerById].map(([id, owner]) => [id, `${owner.mode}:${owner.secretKey}`]);
  }

  clear(): void {
    this.partitions.clear();
    this.ownerById.clear();
  }
}
