import Smartpay from '@smartpay/sdk-node';
import { type RunningSandbox, startSandbox } from './server';
import { newKey, type ReceivedWebhook, sleep, startReceiver } from './test-helpers';
import { signWebhook } from './webhooks/signature';

/**
 * The sandbox driven by Smartpay's own Node SDK, unchanged but for `apiPrefix`: what a merchant's code written
 * against https://api.smartpay.co/v1 sends (its payload normalisation, its query parameters, its idempotency keys)
 * must work here, and what we answer must be what the SDK reads.
 */
let sandbox: RunningSandbox;
let smartpay: Smartpay;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => {
  smartpay = new Smartpay(newKey(), { publicKey: 'pk_test_officialsdk1', apiPrefix: sandbox.apiBase });
});
afterAll(() => sandbox.stop());

const shop = {
  customerInfo: { emailAddress: 'hanako@example.jp', firstName: 'Hanako', lastName: 'Suzuki' },
  shippingInfo: {
    address: { line1: '1-2-3 Jingumae', locality: 'Shibuya-ku', postalCode: '150-0001', country: 'JP' },
    feeAmount: 200,
    feeCurrency: 'JPY',
  },
  reference: 'order-2026-1201',
  successUrl: 'https://shop.example/thanks',
  cancelUrl: 'https://shop.example/cart',
};

/** The SDK's loose payload (items without prices, no order amount): it normalises it to the strict one. */
async function approvedOrder(captureMethod: 'manual' | 'automatic' = 'manual') {
  const session = await smartpay.createCheckoutSession({
    ...shop,
    currency: 'JPY',
    captureMethod,
    items: [
      { name: '抹茶', amount: 1500, currency: 'JPY', quantity: 2 },
      { name: 'Furoshiki', amount: 2300, currency: 'JPY', quantity: 1 },
    ],
  } as never);
  sandbox.control.approve(session.id);
  return { session, order: await smartpay.getOrder({ id: session.order.id }) };
}

/** What the SDK throws for an API error: its own SmartpayError with the wire's status and code. */
async function refusal(call: Promise<unknown>): Promise<{ statusCode: number; errorCode: string }> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toMatchObject({ name: 'SmartpayError' });
  return error as { statusCode: number; errorCode: string };
}

describe('the sandbox through @smartpay/sdk-node', () => {
  it('creates a checkout session from the loose payload; the session URL is the hosted page', async () => {
    const { session, order } = await approvedOrder();
    expect(session.id).toMatch(/^checkout_test_[0-9A-Za-z]{22}$/);
    expect(Smartpay.getSessionURL(session)).toBe(session.url);
    expect(new URL(session.url).origin).toBe(new URL(sandbox.apiBase).origin);
    expect(order).toMatchObject({ object: 'order', status: 'requires_capture', amount: 5500, currency: 'JPY' });
    const read = await smartpay.getCheckoutSession({ id: session.id });
    expect(read.id).toBe(session.id);
  });

  it('captures in parts (keeping the remainder) and refunds in parts; the order and its payments add up', async () => {
    const { order } = await approvedOrder();
    const first = await smartpay.capture({ order: order.id, amount: 2000, currency: 'JPY', cancelRemainder: 'manual' });
    const second = await smartpay.capture({ order: order.id, amount: 1500, currency: 'JPY' });
    expect([first.status, second.status]).toEqual(['processed', 'processed']);
    const refunded = await smartpay.refund({
      payment: first.id,
      amount: 700,
      currency: 'JPY',
      reason: 'requested_by_customer',
    });
    await smartpay.refund({ payment: first.id, amount: 300, currency: 'JPY', reason: 'requested_by_customer' });
    expect(refunded).toMatchObject({ object: 'refund', status: 'succeeded', amount: 700, payment: first.id });
    expect((await smartpay.getRefund({ id: refunded.id })).amount).toBe(700);
    const payment = await smartpay.getPayment({ id: first.id });
    expect(payment.refunds).toHaveLength(2);
    const after = await smartpay.getOrder({ id: order.id });
    expect(after.payments).toEqual(expect.arrayContaining([first.id, second.id]));
    // The second capture kept the default `cancelRemainder: automatic`: the rest is released, nothing more to take.
    expect(after.status).toBe('succeeded');
    const closed = await refusal(smartpay.capture({ order: order.id, amount: 1, currency: 'JPY' }));
    expect(closed).toMatchObject({ statusCode: 409, errorCode: 'order.cannot-capture' });
  });

  it('refuses over-capture (409) and over-refund (403) with the SDK error carrying the wire code', async () => {
    const { order } = await approvedOrder();
    const over = await refusal(smartpay.capture({ order: order.id, amount: 5501, currency: 'JPY' }));
    expect(over).toMatchObject({ statusCode: 409, errorCode: 'payment.excessive-amount' });
    const payment = await smartpay.capture({ order: order.id, amount: 1000, currency: 'JPY' });
    const tooMuch = await refusal(
      smartpay.refund({ payment: payment.id, amount: 1001, currency: 'JPY', reason: 'requested_by_customer' }),
    );
    expect(tooMuch).toMatchObject({ statusCode: 403, errorCode: 'amount.insufficient' });
    expect((await smartpay.getPayment({ id: payment.id })).refunds).toHaveLength(0);
  });

  it('replays a capture sent again with the same idempotency key: one payment', async () => {
    const { order } = await approvedOrder();
    const key = `kessai-capture-${order.id}`;
    const a = await smartpay.capture({ order: order.id, amount: 1200, currency: 'JPY', idempotencyKey: key });
    const b = await smartpay.capture({ order: order.id, amount: 1200, currency: 'JPY', idempotencyKey: key });
    expect(b.id).toBe(a.id);
    expect((await smartpay.getOrder({ id: order.id })).payments).toHaveLength(1);
  });

  it('cancels an authorized order (a void), refuses to capture it, and cancels again as a no-op', async () => {
    const { order } = await approvedOrder();
    const canceled = await smartpay.cancelOrder({ id: order.id });
    expect(canceled.status).toBe('canceled');
    const refused = await refusal(smartpay.capture({ order: order.id, amount: 100, currency: 'JPY' }));
    expect(refused).toMatchObject({ statusCode: 409, errorCode: 'order.cannot-capture' });
    expect((await smartpay.cancelOrder({ id: order.id })).status).toBe('canceled');
  });

  it('pages through orders with maxResults and the next page token', async () => {
    for (let i = 0; i < 3; i++) await approvedOrder();
    const first = await smartpay.listOrders({ maxResults: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.nextPageToken).toEqual(expect.any(String));
    const second = await smartpay.listOrders({ maxResults: 2, pageToken: first.nextPageToken });
    const ids = [...first.data, ...second.data].map((o: { id: string }) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(3);
  });

  it('delivers webhooks to an endpoint made with the SDK, signed so that the SDK verifies them', async () => {
    const receiver = await startReceiver();
    try {
      const endpoint = await smartpay.createWebhookEndpoint({
        url: receiver.url,
        eventSubscriptions: ['order.authorized', 'payment.created'],
      });
      const { order } = await approvedOrder();
      await smartpay.capture({ order: order.id, amount: 500, currency: 'JPY' });
      const hooks = await waitFor(receiver.received, 2);
      for (const hook of hooks) {
        const timestamp = String(hook.headers['smartpay-signature-timestamp']);
        const signature = String(hook.headers['smartpay-signature']);
        const data = `${timestamp}.${hook.body}`;
        expect(Smartpay.verifyWebhookSignature({ data, secret: endpoint.signingSecret, signature })).toBe(true);
        expect(Smartpay.verifyWebhookSignature({ data: `${data} `, secret: endpoint.signingSecret, signature })).toBe(
          false,
        );
      }
      const types = hooks.map((hook) => JSON.parse(hook.body).eventData.type);
      expect(types).toEqual(expect.arrayContaining(['order.authorized', 'payment.created']));
    } finally {
      await receiver.close();
    }
  });

  it("signs the official test vector as the SDK's helper computes it", () => {
    const secret = 'gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q';
    const timestamp = '1653028612220';
    const body =
      '{"id":"evt_test_dwPfFKu5iSEKyHR2LFj9Lx","object":"event","createdAt":1653028523052,"test":true,"eventData":{"type":"payment.created","version":"2022-02-18","data":{"id":"payment_test_35LxgmF5KM22XKG38BjpJg","object":"payment","test":true,"createdAt":1653028523020,"updatedAt":1653028523020,"amount":200,"currency":"JPY","order":"order_test_RiYq2rthzRHrkKVGeucSwn","reference":"order_ref_1234567","status":"processed","metadata":{}}}}';
    const ours = signWebhook(secret, timestamp, body);
    expect(ours).toBe('68007ada8485ea0ceca7c5e879ae860a50412b7af95ab8e81b32a3e13f3c0832');
    expect(Smartpay.calculateWebhookSignature({ data: `${timestamp}.${body}`, secret })).toBe(ours);
  });
});

async function waitFor(received: ReceivedWebhook[], count: number): Promise<ReceivedWebhook[]> {
  for (let i = 0; i < 200 && received.length < count; i++) await sleep(25);
  expect(received.length).toBeGreaterThanOrEqual(count);
  return received;
}
