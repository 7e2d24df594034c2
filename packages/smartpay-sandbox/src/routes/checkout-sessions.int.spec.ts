import { type RunningSandbox, startSandbox } from '../server';
import {
  Client,
  checkoutPayload,
  createCheckout,
  type ErrorReply,
  type ExpandedOrderBody,
  newKey,
  type Page,
  type SessionBody,
} from '../test-helpers';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'checkout-spec' });
});
afterAll(() => sandbox.stop());

const client = (key = newKey()) => new Client(sandbox.apiBase, key);
const ID = (prefix: string) => new RegExp(`^${prefix}_test_[0-9A-Za-z]{22}$`);

describe('POST /v1/checkout-sessions', () => {
  it('returns 200 with the session, its order expanded with line items, and the hosted-page url', async () => {
    const reply = await client().post<SessionBody>('/checkout-sessions', checkoutPayload());
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    const session = reply.body;
    expect(session).toMatchObject({
      object: 'checkoutSession',
      test: true,
      reference: 'order_ref_1234567',
      successUrl: 'https://shop.example/success?o=1',
      cancelUrl: 'https://shop.example/cancel?o=1',
      metadata: {},
      customerInfo: { emailAddress: 'buyer+test@example.jp' },
    });
    expect(session.id).toMatch(ID('checkout'));
    expect(session.url).toBe(`${sandbox.baseUrl}/checkout/${session.id}`);
    expect(session.expiresAt - session.createdAt).toBe(30 * 60 * 1000);
    expect(session.order).toMatchObject({
      object: 'order',
      status: 'requires_authorization',
      amount: 1250,
      currency: 'JPY',
      reference: 'order_ref_1234567',
      payments: [],
      test: true,
    });
    expect(session.order.id).toMatch(ID('order'));
    expect(session.order.expiresAt).toBeUndefined();
    const first = session.order.lineItems[0]!;
    expect(first).toMatchObject({ object: 'lineItem', kind: 'product', quantity: 2 });
    expect(first.id).toMatch(ID('li'));
    expect(first.price).toMatchObject({ object: 'price', amount: 500, currency: 'JPY', active: true });
    expect(first.price.id).toMatch(ID('price'));
    expect(first.price.product).toMatchObject({ object: 'product', name: 'Matcha' });
    expect(first.price.product.id).toMatch(ID('product'));
    expect(Number.isInteger(session.createdAt) && session.createdAt > 1.6e12).toBe(true);
  });

  it('uses live ids and test=false for a live key', async () => {
    const { body } = await client(newKey('live')).post<SessionBody>('/checkout-sessions', checkoutPayload());
    expect(body.id).toMatch(/^checkout_live_/);
    expect(body.order.id).toMatch(/^order_live_/);
    expect(body.test).toBe(false);
  });

  it.each([
    ['missing amount', { amount: undefined }, 'amount: is required'],
    ['non-integer amount', { amount: 12.5 }, 'amount'],
    ['non-JPY currency', { currency: 'USD' }, 'currency'],
    ['no items', { items: [] }, 'items'],
    ['51 items', { items: Array.from({ length: 51 }, () => ({ name: 'x', amount: 1, currency: 'JPY' })) }, 'items'],
    ['item without name', { items: [{ amount: 1250, currency: 'JPY' }] }, 'items.0.name'],
    ['item with USD', { items: [{ name: 'x', amount: 1250, currency: 'USD' }] }, 'items.0.currency'],
    ['unknown kind', { items: [{ name: 'x', amount: 1, currency: 'JPY', kind: 'fee' }] }, 'items.0.kind'],
    ['missing customerInfo', { customerInfo: undefined }, 'customerInfo'],
    ['missing shippingInfo', { shippingInfo: undefined }, 'shippingInfo'],
    [
      'non-JP address',
      { shippingInfo: { address: { line1: 'a', locality: 'b', postalCode: 'c', country: 'US' } } },
      'shippingInfo.address.country',
    ],
    [
      'address without line1',
      { shippingInfo: { address: { locality: 'b', postalCode: 'c', country: 'JP' } } },
      'shippingInfo.address.line1',
    ],
    ['missing successUrl', { successUrl: undefined }, 'successUrl'],
    ['bad cancelUrl', { cancelUrl: 'not a url' }, 'cancelUrl'],
    ['reference over 40', { reference: 'r'.repeat(41) }, 'reference'],
    ['description over 80', { description: 'd'.repeat(81) }, 'description'],
    [
      '21 metadata pairs',
      { metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) },
      'metadata',
    ],
    ['unknown captureMethod', { captureMethod: 'autommatic' }, 'captureMethod'],
    ['amount not matching the items', { amount: 1300 }, 'amount: must equal'],
  ])('refuses %s with 400 request.invalid naming the field', async (_name, override, detail) => {
    const reply = await client().post<ErrorReply>('/checkout-sessions', checkoutPayload(override));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ statusCode: 400, errorCode: 'request.invalid', message: expect.any(String) });
    expect(reply.body.details.some((d) => d.startsWith(detail))).toBe(true);
  });

  it('answers 400 request.malformed for a body that is not JSON', async () => {
    const reply = await client().call('POST', '/checkout-sessions', '{"amount":', {});
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ errorCode: 'request.malformed', details: [] });
  });

  it('answers 413 request.too-large for a body over 1 MB', async () => {
    const reply = await client().call<ErrorReply>('POST', '/checkout-sessions', `"${'x'.repeat(1024 * 1024)}"`);
    expect(reply.status).toBe(413);
    expect(reply.body.errorCode).toBe('request.too-large');
  });

  it('accepts a mismatching amount when strictAmountCheck is off', async () => {
    const lenient = await startSandbox({ strictAmountCheck: false });
    try {
      const reply = await new Client(lenient.apiBase, newKey()).post(
        '/checkout-sessions',
        checkoutPayload({ amount: 9999 }),
      );
      expect(reply.status).toBe(200);
    } finally {
      await lenient.stop();
    }
  });
});

describe('authentication', () => {
  const get = (authorization?: string) =>
    fetch(`${sandbox.apiBase}/orders`, { headers: authorization ? { Authorization: authorization } : {} });
  const key = newKey();

  it.each([
    ['Basic <raw key>', `Basic ${key}`],
    ['Bearer <key>', `Bearer ${key}`],
    ['RFC Basic base64(key:)', `Basic ${Buffer.from(`${key}:`).toString('base64')}`],
  ])('accepts %s', async (_name, header) => {
    expect((await get(header)).status).toBe(200);
  });

  it.each([
    ['no header', undefined],
    ['a public key', 'Basic pk_test_abc'],
    ['a malformed key', 'Basic sk_test_'],
    ['an unknown scheme', `Token ${key}`],
  ])('answers 401 for %s', async (_name, header) => {
    const res = await get(header);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ statusCode: 401, errorCode: 'unauthorized', message: expect.any(String) });
  });

  it('accepts only the configured secretKeys when given', async () => {
    const locked = await startSandbox({ secretKeys: ['sk_test_allowed1'] });
    try {
      const call = (k: string) => new Client(locked.apiBase, k).get('/orders');
      expect((await call('sk_test_allowed1')).status).toBe(200);
      expect((await call('sk_test_other1')).status).toBe(401);
    } finally {
      await locked.stop();
    }
  });
});

describe('GET /v1/checkout-sessions', () => {
  it('returns the session with the order as an id, or expanded with expand=all (payments included)', async () => {
    const c = client();
    const created = await createCheckout(c, { captureMethod: 'automatic' });
    sandbox.control.approve(created.id);
    const plain = await c.get<SessionBody<string>>(`/checkout-sessions/${created.id}?dev-lang=nodejs&sdk-version=1.0`);
    expect(plain.status).toBe(200);
    expect(plain.body.order).toBe(created.order.id);
    const expanded = await c.get<SessionBody>(`/checkout-sessions/${created.id}?expand=all`);
    expect(expanded.body.order.id).toBe(created.order.id);
    expect(expanded.body.order.status).toBe('succeeded');
    expect(expanded.body.order.payments[0]).toMatchObject({ object: 'payment', amount: 1250 });
    expect(expanded.body.order.lineItems[0]).toMatchObject({ object: 'lineItem' });
  });

  it('answers 404 checkout-session.not-found for an unknown id and for another key or mode', async () => {
    const owner = client();
    const created = await createCheckout(owner);
    for (const other of [client(), client(newKey('live'))]) {
      const reply = await other.get(`/checkout-sessions/${created.id}`);
      expect(reply.status).toBe(404);
      expect(reply.body).toMatchObject({ statusCode: 404, errorCode: 'checkout-session.not-found', details: [] });
      expect((await other.get(`/orders/${created.order.id}`)).body.errorCode).toBe('order.not-found');
    }
  });

  it('paginates newest first with maxResults / pageToken / nextPageToken', async () => {
    const c = client();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createCheckout(c)).id);
    type Sessions = Page<SessionBody<string | ExpandedOrderBody>>;
    const first = await c.get<Sessions>('/checkout-sessions?maxResults=2');
    expect(first.body).toMatchObject({ object: 'collection', maxResults: 2, results: 2 });
    expect(first.body.data.map((s) => s.id)).toEqual([ids[4], ids[3]]);
    expect(typeof first.body.data[0]?.order).toBe('string');
    await createCheckout(c); // a new session does not shift the pages already handed out
    const second = await c.get<Sessions>(`/checkout-sessions?maxResults=2&pageToken=${first.body.nextPageToken}`);
    expect(second.body.pageToken).toBe(first.body.nextPageToken);
    expect(second.body.data.map((s) => s.id)).toEqual([ids[2], ids[1]]);
    const third = await c.get<Sessions>(`/checkout-sessions?maxResults=2&pageToken=${second.body.nextPageToken}`);
    expect(third.body.data.map((s) => s.id)).toEqual([ids[0]]);
    expect(third.body.nextPageToken).toBeUndefined();
    const all = await c.get<Sessions>('/checkout-sessions');
    expect(all.body).toMatchObject({ maxResults: 20, results: 6 });
    const expanded = await c.get<Sessions>('/checkout-sessions?maxResults=1&expand=all');
    expect(expanded.body.data[0]?.order).toMatchObject({ object: 'order' });
  });

  it('refuses an invalid maxResults or pageToken with 400 request.invalid', async () => {
    const c = client();
    expect((await c.get('/checkout-sessions?maxResults=0')).body.errorCode).toBe('request.invalid');
    expect((await c.get('/checkout-sessions?maxResults=abc')).status).toBe(400);
    expect((await c.get('/checkout-sessions?pageToken=garbage')).body).toMatchObject({
      errorCode: 'request.invalid',
      details: [expect.stringMatching(/^pageToken/)],
    });
  });

  it('answers 404 for unknown routes and 405 for a wrong method', async () => {
    const c = client();
    expect((await c.get('/coupons')).body.errorCode).toBe('route.not-found');
    expect((await c.call('DELETE', '/orders')).status).toBe(405);
  });
});
