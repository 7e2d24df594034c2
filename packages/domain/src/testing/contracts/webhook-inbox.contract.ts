import { randomUUID } from 'node:crypto';
import type { NewInboxMessage, WebhookInbox } from '../../transactions/ports/webhook-inbox';

export interface WebhookInboxHarness {
  inbox: WebhookInbox;
  /** A payment service id the inbox may reference (adapters with foreign keys create it). */
  paymentServiceId: string;
  merchantAccountId: string;
  close?: () => Promise<void>;
}

export function describeWebhookInboxContract(name: string, makeHarness: () => Promise<WebhookInboxHarness>): void {
  describe(`${name} (WebhookInbox contract)`, () => {
    let harness: WebhookInboxHarness;
    const at = (s: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, s));
    const message = (eventId: string, receivedAt: Date): NewInboxMessage => ({
      id: randomUUID(),
      paymentServiceId: harness.paymentServiceId,
      merchantAccountId: harness.merchantAccountId,
      eventId,
      eventType: 'order.authorized',
      providerOrderId: 'order_test_1',
      rawBody: `{"id":"${eventId}"}`,
      receivedAt,
    });
    beforeEach(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => {
      await harness.close?.();
    });

    it('records an event once: a repeated delivery is reported as a duplicate of the first', async () => {
      const eventId = `evt_test_${randomUUID()}`;
      const first = await harness.inbox.record(message(eventId, at(1)));
      const again = await harness.inbox.record(message(eventId, at(2)));
      expect(first.recorded).toBe(true);
      expect(again).toEqual({ recorded: false, id: first.id });
      expect(await harness.inbox.get(first.id)).toMatchObject({
        eventId,
        rawBody: `{"id":"${eventId}"}`,
        processedAt: null,
        attempts: 0,
      });
    });

    it('marks every message about one provider transaction processed at once, up to a point in time', async () => {
      const order = `order_test_${randomUUID()}`;
      const about = (eventId: string, at: Date, orderId: string) => ({
        ...message(eventId, at),
        providerOrderId: orderId,
      });
      const first = await harness.inbox.record(about(`evt_1_${randomUUID()}`, at(10), order));
      const second = await harness.inbox.record(about(`evt_2_${randomUUID()}`, at(11), order));
      const later = await harness.inbox.record(about(`evt_3_${randomUUID()}`, at(20), order));
      const other = await harness.inbox.record(about(`evt_4_${randomUUID()}`, at(11), `${order}_other`));
      expect(await harness.inbox.markProcessedFor(first.id, harness.paymentServiceId, order, at(15), at(16))).toBe(2);
      for (const id of [first.id, second.id]) expect((await harness.inbox.get(id))?.processedAt).toEqual(at(16));
      for (const id of [later.id, other.id]) expect((await harness.inbox.get(id))?.processedAt).toBeNull();
      // The message being processed counts even if its receipt time is past the point (a clock running ahead).
      expect(await harness.inbox.markProcessedFor(later.id, harness.paymentServiceId, order, at(15), at(21))).toBe(1);
      expect((await harness.inbox.get(later.id))?.processedAt).toEqual(at(21));
      expect(await harness.inbox.markProcessedFor(later.id, harness.paymentServiceId, order, at(30), at(31))).toBe(0);
    });

    it('hands out unprocessed messages oldest first and keeps failed ones pending', async () => {
      const a = await harness.inbox.record(message(`evt_a_${randomUUID()}`, at(5)));
      const b = await harness.inbox.record(message(`evt_b_${randomUUID()}`, at(3)));
      const ours = async () =>
        (await harness.inbox.pending(10_000)).filter((m) => m.id === a.id || m.id === b.id).map((m) => m.id);
      expect(await ours()).toEqual([b.id, a.id]);
      await harness.inbox.markFailed(b.id, 'provider unreachable', at(6));
      await harness.inbox.markProcessed([a.id], at(7));
      expect(await ours()).toEqual([b.id]);
      expect(await harness.inbox.get(b.id)).toMatchObject({ attempts: 1, lastError: 'provider unreachable' });
      expect((await harness.inbox.get(a.id))?.processedAt).toEqual(at(7));
    });

    it('reads a message with the unprocessed ones about its provider transaction up to a time, oldest first', async () => {
      const order = `order_test_${randomUUID()}`;
      const about = (s: number, providerOrderId: string | null = order) => ({
        ...message(`evt_${randomUUID()}`, at(s)),
        providerOrderId,
      });
      const [late, first, second, done, own] = [about(9), about(2), about(4), about(1), about(20)];
      const alone = about(3, null);
      for (const each of [late, first, second, done, own, alone, about(3, `order_test_${randomUUID()}`)])
        await harness.inbox.record(each);
      await harness.inbox.markProcessed([done.id], at(5));
      const waiting = async (id: string, upTo: number, limit: number) =>
        (await harness.inbox.waitingWith(id, at(upTo), limit)).map((m) => m.id);
      // The message itself comes first whatever its receipt time or state; the others up to the time, oldest first.
      expect(await waiting(own.id, 8, 10)).toEqual([own.id, first.id, second.id]);
      expect(await waiting(own.id, 8, 1)).toEqual([own.id, first.id]);
      expect(await waiting(second.id, 9, 10)).toEqual([second.id, first.id, late.id]);
      expect(await waiting(done.id, 9, 10)).toEqual([done.id, first.id, second.id, late.id]);
      expect(await waiting(alone.id, 9, 10)).toEqual([alone.id]);
      expect(await waiting(randomUUID(), 9, 10)).toEqual([]);
      const [read] = await harness.inbox.waitingWith(late.id, at(0), 10);
      expect(read).toEqual(await harness.inbox.get(late.id));
    });

    it('prunes messages processed before a time, at most `limit` at a time, and never an unprocessed one', async () => {
      // Long before the other tests' messages, so a shared database holds no other message processed this early.
      const old = (s: number) => new Date(Date.UTC(2020, 0, 1, 0, 0, s));
      const record = async (receivedAt: Date) =>
        (await harness.inbox.record(message(`evt_${randomUUID()}`, receivedAt))).id;
      const processed = [await record(old(1)), await record(old(2)), await record(old(3))];
      await harness.inbox.markProcessed(processed, old(10));
      const processedLater = await record(old(4));
      await harness.inbox.markProcessed([processedLater], old(30));
      const neverProcessed = await record(old(0));
      const failed = await record(old(0));
      await harness.inbox.markFailed(failed, 'provider unreachable', old(5));
      expect(await harness.inbox.prune(old(20), 2)).toBe(2);
      expect(await harness.inbox.prune(old(20), 2)).toBe(1);
      expect(await harness.inbox.prune(old(20), 2)).toBe(0);
      for (const id of processed) expect(await harness.inbox.get(id)).toBeUndefined();
      for (const id of [processedLater, neverProcessed, failed]) expect(await harness.inbox.get(id)).toBeDefined();
      // An unprocessed message stays whatever its age.
      await harness.inbox.prune(new Date(Date.UTC(2100, 0, 1)), 100_000);
      for (const id of [neverProcessed, failed]) expect((await harness.inbox.get(id))?.processedAt).toBeNull();
    });
  });
}
