import { createHmac } from 'node:crypto';
import { SMARTPAY_CAPABILITIES } from '../connectors/capability-profile';
import {
  InMemoryJobScheduler,
  InMemoryOutbox,
  InMemoryTransactionRepository,
  InMemoryWebhookDeliveryRepository,
  InMemoryWebhookSubscriptionRepository,
} from '../in-memory';
import { RandomIdGenerator } from '../shared/random-id-generator';
import { ManualClock } from '../shared/system-clock';
import { authorizedTransaction } from '../testing/fixtures';
import { DeliverWebhooks } from './deliver-webhooks';
import type { MerchantWebhookDependencies } from './dependencies';
import { FanOutWebhookEvents } from './fan-out-events';
import { ManageWebhookSubscriptions } from './manage-subscriptions';
import { MerchantSendSlots } from './merchant-send-slots';
import { RESPONSE_EXCERPT_CHARS, retryDelayMs } from './webhook-delivery';
import { verifyWebhookSignature } from './webhook-signature';
import type { TransportResult, WebhookTransport } from './webhook-transport';

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A receiver scripted per call: answers a status, or does not answer. */
class ScriptedTransport implements WebhookTransport {
  readonly sent: Sent[] = [];
  readonly script: Array<number | 'no-answer'> = [];
  async post(url: string, headers: Record<string, string>, body: string): Promise<TransportResult> {
    this.sent.push({ url, headers, body });
    const next = this.script.shift() ?? 204;
    return next === 'no-answer'
      ? { kind: 'no-answer', error: 'timed out after 5000 ms', durationMs: 5000 }
      : { kind: 'answered', status: next, durationMs: 3 };
  }
}

function setup() {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
  const outbox = new InMemoryOutbox();
  const transactions = new InMemoryTransactionRepository(outbox);
  const subscriptions = new InMemoryWebhookSubscriptionRepository();
  const transport = new ScriptedTransport();
  const jobs = new InMemoryJobScheduler();
  const deps: MerchantWebhookDependencies = {
    outbox,
    subscriptions,
    deliveries: new InMemoryWebhookDeliveryRepository(subscriptions),
    transport,
    targetPolicy: { assertAllowed: async () => undefined },
    targets: {
      render: async (event) => {
        const tx = await transactions.get(event.merchantAccountId, event.transactionId);
        return tx && { type: 'transaction', id: tx.id, status: tx.status };
      },
    },
    clock,
    ids: new RandomIdGenerator(),
    jobs,
    sendSlots: new MerchantSendSlots(),
    rotationGraceMs: 24 * 3600 * 1000,
  };
  /** Runs due jobs the way the queue would, until none is due now. */
  const drain = async () => {
    for (let round = 0; round < 20; round++) {
      const due = jobs.takeDue(clock.now());
      if (due.length === 0) return;
      for (const job of due) {
        if (job.name === 'deliver-webhooks')
          await new DeliverWebhooks(deps).execute({
            merchantAccountId: job.payload.merchantAccountId ?? '',
            subscriptionId: job.payload.subscriptionId ?? '',
            transactionId: job.payload.transactionId ?? '',
          });
      }
    }
  };
  return { clock, transactions, transport, jobs, deps, drain, manage: new ManageWebhookSubscriptions(deps) };
}

async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 100 && !condition(); turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

/** Stores a transaction the buyer approved: its events (created, approval-pending, authorized) reach the outbox. */
async function authorized(s: ReturnType<typeof setup>) {
  const tx = authorizedTransaction(s.clock.now());
  await s.transactions.add(tx);
  return tx.id;
}

describe('Outgoing merchant webhooks', () => {
  it('sends each published event once, signed, in outbox order; internal events stay in', async () => {
    const s = setup();
    const subscription = await s.manage.create('default', { url: 'https://shop.example.jp/hooks', active: true });
    const id = await authorized(s);
    await s.transactions.update('default', id, (t) => t.reserveVoid(SMARTPAY_CAPABILITIES, s.clock.now()));

    await new FanOutWebhookEvents(s.deps).execute();
    await s.drain();

    const names = s.transport.sent.map((sent) => JSON.parse(sent.body).name);
    expect(names).toEqual(['transaction.authorized', 'transaction.void-pending']);
    const first = s.transport.sent[0] as Sent;
    const body = JSON.parse(first.body);
    expect(body).toMatchObject({ type: 'event', merchant_account_id: 'default', target: { type: 'transaction', id } });
    const timestamp = first.headers['x-gr4vy-webhook-timestamp'] ?? '';
    const expected = createHmac('sha256', subscription.secret).update(`${timestamp}.${first.body}`).digest('hex');
    expect(first.headers['x-gr4vy-webhook-signatures']).toBe(expected);
    expect(first.headers['x-gr4vy-webhook-id']).toMatch(/^[0-9a-f-]{36}$/);

    // A second fan-out (a crashed dispatcher's batch, say) sends nothing again.
    await new FanOutWebhookEvents(s.deps).execute();
    await s.drain();
    expect(s.transport.sent).toHaveLength(2);
  });

  it('retries a failing receiver with growing back-off, holding later events of that transaction back', async () => {
    const s = setup();
    await s.manage.create('default', { url: 'https://shop.example.jp/hooks', active: true });
    const id = await authorized(s);
    await s.transactions.update('default', id, (t) => t.reserveVoid(SMARTPAY_CAPABILITIES, s.clock.now()));
    s.transport.script.push(500, 'no-answer');

    await new FanOutWebhookEvents(s.deps).execute();
    await s.drain();
    expect(s.transport.sent).toHaveLength(1);
    s.clock.advance(retryDelayMs(1, () => 1));
    await s.drain();
    expect(s.transport.sent).toHaveLength(2);
    s.clock.advance(retryDelayMs(2, () => 1));
    await s.drain();

    const sent = s.transport.sent.map((x) => [JSON.parse(x.body).name, x.headers['x-gr4vy-webhook-id']]);
    expect(sent.map(([name]) => name)).toEqual([
      'transaction.authorized',
      'transaction.authorized',
      'transaction.authorized',
      'transaction.void-pending',
    ]);
    expect(new Set(sent.slice(0, 3).map(([, webhookId]) => webhookId)).size).toBe(1);
  });

  it('gives a delivery up after the retry window, and frees the lane', async () => {
    const s = setup();
    await s.manage.create('default', { url: 'https://shop.example.jp/hooks', active: true });
    await authorized(s);
    s.transport.script.push(...Array.from({ length: 100 }, () => 503));
    await new FanOutWebhookEvents(s.deps).execute();
    for (let hour = 0; hour < 8 * 24; hour++) {
      await s.drain();
      s.clock.advance(3600 * 1000);
    }
    const sub = (await s.manage.list('default', { limit: 1 })).items[0];
    const deliveries = await s.deps.deliveries.list('default', sub?.id ?? '', { limit: 10 });
    const delivery = deliveries.items[0];
    expect(delivery?.status).toBe('failed');
    const attempts = delivery?.attempts ?? [];
    expect(attempts.length).toBeGreaterThan(20);
    expect(attempts.length).toBeLessThan(60);
    const last = attempts.at(-1)?.attemptedAt.getTime() ?? 0;
    expect(last - (delivery?.createdAt.getTime() ?? 0)).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);
  });

  it('signs with both secrets during a rotation, and with the new one only after the grace', async () => {
    const s = setup();
    const created = await s.manage.create('default', { url: 'https://shop.example.jp/hooks', active: true });
    const rotated = await s.manage.rotateSecret('default', created.id);
    expect(rotated.secret).not.toBe(created.secret);
    await authorized(s);
    await new FanOutWebhookEvents(s.deps).execute();
    await s.drain();
    const during = s.transport.sent[0] as Sent;
    const verify = (secret: string, sent: Sent) =>
      verifyWebhookSignature({
        secret,
        signaturesHeader: sent.headers['x-gr4vy-webhook-signatures'] ?? '',
        timestampHeader: sent.headers['x-gr4vy-webhook-timestamp'] ?? '',
        body: sent.body,
        nowSeconds: Math.floor(s.clock.now().getTime() / 1000),
      });
    expect(during.headers['x-gr4vy-webhook-signatures']?.split(',')).toHaveLength(2);
    expect(verify(created.secret, during)).toBe(true);
    expect(verify(rotated.secret, during)).toBe(true);

    s.clock.advance(24 * 3600 * 1000 + 1);
    await authorized(s);
    await new FanOutWebhookEvents(s.deps).execute();
    await s.drain();
    const after = s.transport.sent[1] as Sent;
    expect(after.headers['x-gr4vy-webhook-signatures']?.split(',')).toHaveLength(1);
    expect(verify(rotated.secret, after)).toBe(true);
    expect(verify(created.secret, after)).toBe(false);
    expect(verify('whsec_wrong', after)).toBe(false);
  });

  it('refuses non-http URLs and credentials in them, and asks the target policy about the host', async () => {
    const s = setup();
    const refuse = (url: string) => s.manage.create('default', { url, active: true });
    await expect(refuse('ftp://shop.example.jp/hooks')).rejects.toMatchObject({ code: 'invalid_field', field: '/url' });
    await expect(refuse('https://user:pw@shop.example.jp/')).rejects.toMatchObject({ code: 'invalid_field' });
    await expect(refuse('not a url')).rejects.toMatchObject({ code: 'invalid_field' });
    s.deps.targetPolicy.assertAllowed = async () => {
      throw Object.assign(new Error('private'), { code: 'invalid_field' });
    };
    await expect(refuse('https://10.0.0.1/hooks')).rejects.toThrow('private');
    expect((await s.manage.list('default', { limit: 10 })).items).toHaveLength(0);
  });

  it('a paused subscription gets no new deliveries; a deleted one’s pending deliveries are abandoned', async () => {
    const s = setup();
    const sub = await s.manage.create('default', { url: 'https://shop.example.jp/hooks', active: false });
    await authorized(s);
    await new FanOutWebhookEvents(s.deps).execute();
    await s.drain();
    expect(s.transport.sent).toHaveLength(0);

    await s.manage.update('default', sub.id, { active: true });
    s.transport.script.push(500);
    await authorized(s);
    await new FanOutWebhookEvents(s.deps).execute();
    await s.drain();
    expect(s.transport.sent).toHaveLength(1);
    await s.manage.remove('default', sub.id);
    const page = await s.deps.deliveries.list('default', sub.id, { limit: 10 });
    expect(page.items.map((d) => d.status)).toEqual(['failed']);
    await expect(s.manage.get('default', sub.id)).rejects.toMatchObject({ code: 'webhook_subscription_not_found' });
  });

  it('caps a merchant account at 20 subscriptions, naming the reason; other accounts are not affected', async () => {
    const s = setup();
    for (let i = 0; i < 20; i++)
      await s.manage.create('default', { url: `https://shop.example.jp/h${i}`, active: true });
    await expect(
      s.manage.create('default', { url: 'https://shop.example.jp/h20', active: true }),
    ).rejects.toMatchObject({ code: 'too_many_webhook_subscriptions' });
    await expect(s.manage.create('other', { url: 'https://other.example.jp/h', active: true })).resolves.toBeDefined();
  });

  it('a merchant sends at most two webhooks at once per process; its other lanes come back later, freeing the worker', async () => {
    const s = setup();
    const hanging: Array<() => void> = [];
    const posted: string[] = [];
    let answering = false;
    s.deps.transport = {
      post: (url) => {
        posted.push(url);
        if (answering) return Promise.resolve({ kind: 'answered', status: 204, durationMs: 1 });
        return new Promise<TransportResult>((resolve) => {
          hanging.push(() => resolve({ kind: 'no-answer', error: 'no answer within 5000 ms', durationMs: 5000 }));
        });
      },
    };
    const slow = await Promise.all(
      [1, 2, 3].map((i) => s.manage.create('default', { url: `https://slow.example.jp/${i}`, active: true })),
    );
    const healthy = await s.manage.create('other', { url: 'https://healthy.example.jp/h', active: true });
    const delivery = (merchantAccountId: string, subscriptionId: string) => ({
      id: s.deps.ids.uuid(),
      subscriptionId,
      merchantAccountId,
      eventId: s.deps.ids.uuid(),
      eventName: 'transaction.authorized',
      transactionId: 'tx-1',
      position: 1,
      body: '{}',
      status: 'pending' as const,
      attempts: [],
      nextAttemptAt: s.clock.now(),
      giveUpAt: new Date(s.clock.now().getTime() + 3_600_000),
      createdAt: s.clock.now(),
      deliveredAt: null,
    });
    await s.deps.deliveries.record([...slow.map((sub) => delivery('default', sub.id)), delivery('other', healthy.id)]);
    const deliver = new DeliverWebhooks(s.deps);
    const lane = (merchantAccountId: string, subscriptionId: string) =>
      deliver.execute({ merchantAccountId, subscriptionId, transactionId: 'tx-1' });

    const sending = [lane('default', slow[0]?.id ?? ''), lane('default', slow[1]?.id ?? '')];
    await until(() => posted.length === 2);
    await lane('default', slow[2]?.id ?? '');
    expect(posted).toEqual(['https://slow.example.jp/1', 'https://slow.example.jp/2']);
    const comeBack = s.jobs.jobs.find((job) => job.payload.subscriptionId === slow[2]?.id);
    expect(comeBack?.runAt.getTime()).toBeGreaterThan(s.clock.now().getTime());

    const other = lane('other', healthy.id);
    await until(() => posted.includes('https://healthy.example.jp/h'));
    answering = true;
    for (const answer of hanging) answer();
    await Promise.all([...sending, other]);
    await lane('default', slow[2]?.id ?? '');
    expect(posted).toContain('https://slow.example.jp/3');
  });

  it('sends a subscription only the event types it chose; a new choice applies to the next events', async () => {
    const s = setup();
    const all = await s.manage.create('default', { url: 'https://shop.example.jp/all', active: true });
    const chosen = await s.manage.create('default', {
      url: 'https://shop.example.jp/voids',
      active: true,
      events: ['transaction.void-pending'],
    });
    expect(all.eventTypes).toBeNull();
    const id = await authorized(s);
    await s.transactions.update('default', id, (t) => t.reserveVoid(SMARTPAY_CAPABILITIES, s.clock.now()));
    await new FanOutWebhookEvents(s.deps).execute();
    await s.drain();
    const heard = (url: string) =>
      s.transport.sent.filter((sent) => sent.url === url).map((sent) => JSON.parse(sent.body).name);
    expect(heard('https://shop.example.jp/all')).toEqual(['transaction.authorized', 'transaction.void-pending']);
    expect(heard('https://shop.example.jp/voids')).toEqual(['transaction.void-pending']);

    const changed = await s.manage.update('default', chosen.id, { events: null });
    expect(changed.eventTypes).toBeNull();
    await authorized(s);
    await new FanOutWebhookEvents(s.deps).execute();
    await s.drain();
    expect(heard('https://shop.example.jp/voids')).toEqual(['transaction.void-pending', 'transaction.authorized']);
  });

  it('keeps a chosen set of published names once each in published order, and refuses unknown or none', async () => {
    const s = setup();
    const created = await s.manage.create('default', {
      url: 'https://shop.example.jp/hooks',
      active: true,
      events: ['refund.succeeded', 'transaction.captured', 'refund.succeeded'],
    });
    expect(created.eventTypes).toEqual(['transaction.captured', 'refund.succeeded']);
    await expect(s.manage.update('default', created.id, { events: ['transaction.created'] })).rejects.toMatchObject({
      code: 'invalid_field',
      field: '/events',
    });
    await expect(s.manage.update('default', created.id, { events: [] })).rejects.toMatchObject({
      code: 'invalid_field',
      field: '/events',
    });
    expect((await s.manage.get('default', created.id)).eventTypes).toEqual([
      'transaction.captured',
      'refund.succeeded',
    ]);
  });

  it('records what each attempt sent and the start of what came back; the secret is never among it', async () => {
    const s = setup();
    const subscription = await s.manage.create('default', { url: 'https://shop.example.jp/hooks', active: true });
    s.deps.transport = {
      post: async () => ({ kind: 'answered', status: 500, durationMs: 7, bodyExcerpt: `oops ${'x'.repeat(5000)}` }),
    };
    await authorized(s);
    await new FanOutWebhookEvents(s.deps).execute();
    await s.drain();
    const [delivery] = (await s.deps.deliveries.list('default', subscription.id, { limit: 1 })).items;
    const [attempt] = delivery?.attempts ?? [];
    expect(attempt?.responseExcerpt).toHaveLength(RESPONSE_EXCERPT_CHARS);
    expect(attempt?.responseExcerpt?.startsWith('oops x')).toBe(true);
    expect(attempt?.requestHeaders).toMatchObject({
      'content-type': 'application/json',
      'x-gr4vy-webhook-id': delivery?.id,
      'x-gr4vy-webhook-signatures': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(delivery)).not.toContain(subscription.secret);
  });

  it('records no response excerpt for an attempt nobody answered', async () => {
    const s = setup();
    const subscription = await s.manage.create('default', { url: 'https://shop.example.jp/hooks', active: true });
    s.transport.script.push('no-answer');
    await authorized(s);
    await new FanOutWebhookEvents(s.deps).execute();
    await s.drain();
    const [delivery] = (await s.deps.deliveries.list('default', subscription.id, { limit: 1 })).items;
    expect(delivery?.attempts[0]).toMatchObject({
      responseStatus: null,
      responseExcerpt: null,
      error: 'timed out after 5000 ms',
    });
  });
});
