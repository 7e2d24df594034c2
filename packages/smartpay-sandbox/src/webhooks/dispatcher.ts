import type { ClientRequest } from 'node:http';
import type { FaultRegistry } from '../faults';
import type { EventType, SmartpayEvent, WebhookEndpoint } from '../model';
import { postJson } from './http-post';
import { signWebhook } from './signature';

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before attempt n+1 is baseDelayMs × 2^(n−1); real time, not the sandbox clock. */
  baseDelayMs: number;
  /** A receiver that has not answered by then counts as a failed attempt. */
  timeoutMs: number;
}

/** One line per HTTP attempt (and one for a dropped delivery), as shown by /_sandbox/webhook-deliveries. */
export interface WebhookAttempt {
  deliveryId: string;
  eventId: string;
  type: EventType;
  endpointId: string;
  url: string;
  attempt: number;
  status: number | null;
  outcome: 'delivered' | 'failed' | 'timeout' | 'dropped';
  error?: string;
  duplicate: boolean;
  sentAt: number;
}

export type DeliveryState = 'scheduled' | 'sending' | 'held' | 'delivered' | 'failed' | 'dropped';

interface Delivery {
  seq: number;
  id: string;
  event: SmartpayEvent;
  endpointId: string;
  url: string;
  signingSecret: string;
  body: string;
  duplicate: boolean;
  state: DeliveryState;
}

export class WebhookDispatcher {
  private attempts: WebhookAttempt[] = [];
  private readonly held = new Map<string, Delivery[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<ClientRequest>();
  private waiters: Array<() => void> = [];
  private busy = 0;
  private sequence = 0;
  // Bumped by reset/stop so that answers to requests sent before it are ignored.
  private generation = 0;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly now: () => number,
    private readonly faults: FaultRegistry,
  ) {}

  /** Sends `event` to every active endpoint subscribed to its type; the API call never waits for it. */
  dispatch(event: SmartpayEvent, endpoints: readonly WebhookEndpoint[]): void {
    const body = JSON.stringify(event);
    for (const endpoint of endpoints) {
      if (!endpoint.active || !endpoint.eventSubscriptions.includes(event.eventData.type)) continue;
      const delivery = this.newDelivery(event, endpoint, body, false);
      const fault = this.faults.takeWebhook(event.eventData.type);
      switch (fault?.kind) {
        case 'drop':
          delivery.state = 'dropped';
          this.record(delivery, 1, { outcome: 'dropped', status: null, error: 'dropped by fault injection' });
          break;
        case 'duplicate':
          this.schedule(delivery, 1, 0);
          this.schedule({ ...delivery, seq: ++this.sequence, id: `${delivery.id}-duplicate`, duplicate: true }, 1, 0);
          break;
        case 'delay':
          this.schedule(delivery, 1, fault.ms);
          break;
        case 'reorder':
          delivery.state = 'held';
          this.held.set(endpoint.id, [...(this.held.get(endpoint.id) ?? []), delivery]);
          break;
        case undefined:
          this.schedule(delivery, 1, 0);
          break;
      }
    }
  }

  attemptLog(): WebhookAttempt[] {
    return this.attempts.map((attempt) => ({ ...attempt }));
  }

  /** Sends every delivery held by a `reorder` fault now. */
  releaseHeld(): number {
    let released = 0;
    for (const [endpointId, deliveries] of this.held) {
      this.held.delete(endpointId);
      for (const delivery of deliveries) this.schedule(delivery, 1, 0);
      released += deliveries.length;
    }
    return released;
  }

  /** Resolves once nothing is scheduled or in flight (held deliveries excepted: they may wait forever). */
  idle(timeoutMs: number): Promise<void> {
    if (this.busy === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(new Error(`webhook deliveries still pending after ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(done);
    });
  }

  reset(): void {
    this.stop();
    this.attempts = [];
  }

  stop(): void {
    this.generation++;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const req of this.inflight) req.destroy();
    this.inflight.clear();
    this.held.clear();
    this.busy = 0;
    this.notifyIdle();
  }

  private newDelivery(event: SmartpayEvent, endpoint: WebhookEndpoint, body: string, duplicate: boolean): Delivery {
    const seq = ++this.sequence;
    return {
      seq,
      id: `whdelivery_${seq}`,
      event,
      endpointId: endpoint.id,
      url: endpoint.url,
      signingSecret: endpoint.signingSecret,
      body,
      duplicate,
      state: 'scheduled',
    };
  }

  private schedule(delivery: Delivery, attempt: number, delayMs: number): void {
    delivery.state = 'scheduled';
    this.busy++;
    const generation = this.generation;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.send(delivery, attempt, generation);
    }, delayMs);
    this.timers.add(timer);
  }

  private async send(delivery: Delivery, attempt: number, generation: number): Promise<void> {
    delivery.state = 'sending';
    const timestamp = String(this.now());
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'smartpay-sandbox',
      'Smartpay-Signature': signWebhook(delivery.signingSecret, timestamp, delivery.body),
      'Smartpay-Signature-Timestamp': timestamp,
      'Smartpay-Subscription-Id': delivery.endpointId,
      'Smartpay-Event-Id': delivery.event.id,
    };
    const sentAt = this.now();
    const outcome = await postJson(delivery.url, headers, delivery.body, this.policy.timeoutMs, (req, done) =>
      done ? this.inflight.delete(req) : this.inflight.add(req),
    );
    if (generation !== this.generation) return;
    // Smartpay retries anything but exactly 200 (§6 "a response other than 200").
    const delivered = 'status' in outcome && outcome.status === 200;
    if ('status' in outcome) {
      this.record(delivery, attempt, { outcome: delivered ? 'delivered' : 'failed', status: outcome.status }, sentAt);
    } else {
      const kind = outcome.timedOut ? 'timeout' : 'failed';
      this.record(delivery, attempt, { outcome: kind, status: null, error: outcome.error }, sentAt);
    }
    if (delivered) delivery.state = 'delivered';
    else if (attempt < this.policy.maxAttempts) {
      this.schedule(delivery, attempt + 1, this.policy.baseDelayMs * 2 ** (attempt - 1));
    } else delivery.state = 'failed';
    if (attempt === 1) this.releaseHeldBefore(delivery);
    this.busy--;
    this.notifyIdle();
  }

  /** A `reorder`-held delivery goes out once a later delivery to the same endpoint has been answered. */
  private releaseHeldBefore(later: Delivery): void {
    const held = this.held.get(later.endpointId);
    if (!held) return;
    const release = held.filter((d) => d.seq < later.seq);
    const keep = held.filter((d) => d.seq >= later.seq);
    if (keep.length > 0) this.held.set(later.endpointId, keep);
    else this.held.delete(later.endpointId);
    for (const delivery of release) this.schedule(delivery, 1, 0);
  }

  private record(
    delivery: Delivery,
    attempt: number,
    result: Pick<WebhookAttempt, 'outcome' | 'status' | 'error'>,
    sentAt = this.now(),
  ): void {
    this.attempts.push({
      deliveryId: delivery.id,
      eventId: delivery.event.id,
      type: delivery.event.eventData.type,
      endpointId: delivery.endpointId,
      url: delivery.url,
      attempt,
      duplicate: delivery.duplicate,
      sentAt,
      ...result,
    });
  }

  private notifyIdle(): void {
    if (this.busy > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
