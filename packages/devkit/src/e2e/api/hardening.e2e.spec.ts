import { FakePaymentConnector, smartpayService } from '@kessai/domain/testing';
import { createTransactionBody } from '../../testing/requests';
import { e2eStorages, type Kessai, startKessai } from '../../testing/start-kessai';

// Through PgBouncer too: production's path sends values as literals of prepared statements, odd ones included.
const storages = e2eStorages(['postgres', 'memory', 'pgbouncer']);

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const cursorAt = (updatedAt: number) =>
  Buffer.from(JSON.stringify(['n', updatedAt, '7c9e6679-7425-40de-944b-e07fc1f90ae7'])).toString('base64url');

/** Inputs an outside attack sent to Kessai: each once reached a 500 or moved money; each is now a clear 4xx. */
describe.each(storages)('hostile input (storage %s)', (storage) => {
  let api: Kessai;
  let connector: FakePaymentConnector;

  beforeAll(async () => {
    connector = new FakePaymentConnector();
    api = await startKessai({ connector, storage, env: { METRICS_TOKEN: 'metrics-token-for-tests' } });
    await api.services.paymentServices.add(smartpayService({ merchantAccountId: 'default' }));
  });
  afterAll(async () => {
    await api.close();
  });

  async function authorized() {
    const created = await api.call('POST', '/transactions', { body: createTransactionBody() });
    connector.approve(created.body.payment_service_transaction_id);
    await api.call('POST', `/transactions/${created.body.id}/sync`);
    return created.body.id as string;
  }
  const json = { 'content-type': 'application/json' };

  it('a capture or refund whose body is null, whitespace, an array or a scalar is refused and moves no money', async () => {
    const id = await authorized();
    for (const raw of ['null', '  ', '\n', '[]', 'true', '3000', '"all"', '""']) {
      const capture = await api.call('POST', `/transactions/${id}/capture`, { raw, headers: json });
      expect({ raw, status: capture.status, code: capture.body.code }).toEqual({
        raw,
        status: 400,
        code: 'bad_request',
      });
    }
    expect((await api.call('GET', `/transactions/${id}`)).body).toMatchObject({
      captured_amount: 0,
      status: 'authorization_succeeded',
    });
    const partial = await api.call('POST', `/transactions/${id}/capture`, { body: { amount: 4000, final: false } });
    expect(partial.body.captured_amount).toBe(4000);
    for (const raw of ['null', ' ', '[1]', 'false']) {
      const refund = await api.call('POST', `/transactions/${id}/refunds`, { raw, headers: json });
      expect(refund.status).toBe(400);
    }
    expect((await api.call('GET', `/transactions/${id}/refunds`)).body.items).toEqual([]);
    // An absent body keeps its documented meaning: capture everything left.
    const rest = await api.call('POST', `/transactions/${id}/capture`);
    expect(rest.body).toMatchObject({ status: 'capture_succeeded', captured_amount: 12_000 });
  });

  it('a null body names what is wrong', async () => {
    const id = await authorized();
    const response = await api.call('POST', `/transactions/${id}/capture`, { raw: 'null', headers: json });
    expect(response.body.details).toEqual([
      {
        location: 'body',
        pointer: '/',
        message: 'the request body must be a JSON object, not null',
        type: 'object_expected',
      },
    ]);
  });

  it('thousands of nesting levels in a body are refused with 400, not a stack overflow', async () => {
    for (const deep of ['['.repeat(10_000) + ']'.repeat(10_000), `${'{"a":'.repeat(6_000)}1${'}'.repeat(6_000)}`]) {
      const body = `{"amount":12000,"metadata":${deep}}`;
      const response = await api.call('POST', '/transactions', { raw: body, headers: json });
      expect(response.status).toBe(400);
      expect(response.body.details[0]).toMatchObject({ location: 'body', type: 'too_deeply_nested' });
    }
  });

  it.each([
    ['a metadata value', { metadata: { note: 'a\ud800b' } }, '/metadata/note'],
    ['a metadata key', { metadata: { 'k\udc00': 'v' } }, '/metadata/k\udc00'],
    ['a buyer name', { buyer: { billing_details: { first_name: '\udbff' } } }, '/buyer/billing_details/first_name'],
    ['an external identifier', { external_identifier: 'x\udfff' }, '/external_identifier'],
  ])('a lone UTF-16 surrogate in %s is refused with 400 naming the field', async (_name, override, pointer) => {
    const body = createTransactionBody(override as Record<string, unknown>);
    const response = await api.call('POST', '/transactions', { body });
    expect(response.status).toBe(400);
    expect(response.body.details[0]).toMatchObject({ location: 'body', pointer, type: 'invalid_string' });
  });

  const person = createTransactionBody().shipping_details as Record<string, unknown>;
  it.each([
    [
      'U+202E (override) in a refund reason',
      '/reason',
      async () =>
        api.call('POST', `/transactions/${await authorized()}/refunds`, { body: { reason: 'order-\u202egnp.exe' } }),
    ],
    [
      'U+2067 (isolate) in a buyer name',
      '/buyer/billing_details/first_name',
      () =>
        api.call('POST', '/transactions', {
          body: createTransactionBody({ buyer: { billing_details: { ...person, first_name: '\u2067Hanako' } } }),
        }),
    ],
    [
      'U+200F (mark) in a metadata key',
      '/metadata/a\u200fb',
      () => api.call('POST', '/transactions', { body: createTransactionBody({ metadata: { 'a\u200fb': 'v' } }) }),
    ],
    [
      'U+061C (Arabic mark) in a cart item',
      '/cart_items/0/name',
      () =>
        api.call('POST', '/transactions', {
          body: createTransactionBody({
            amount: 1000,
            cart_items: [{ name: 'x\u061c', quantity: 1, unit_amount: 1000 }],
          }),
        }),
    ],
  ])('a bidi control, %s, is refused with 400 naming the field', async (_name, pointer, send) => {
    const response = await send();
    expect(response.status).toBe(400);
    expect(response.body.details[0]).toMatchObject({ location: 'body', pointer, type: 'invalid_string' });
  });

  it('a bidi control in a query is refused too; a provider webhook body is not judged by it', async () => {
    const search = await api.call('GET', `/transactions?search=${encodeURIComponent('\u202dx')}`);
    expect(search.body.details[0]).toMatchObject({ location: 'query', type: 'invalid_string' });
    const webhook = await api.call('POST', `/webhooks/smartpay/${smartpayService().id}`, {
      raw: '{"note":"\u202e"}',
      headers: json,
    });
    expect(webhook.body.details?.[0]?.type).not.toBe('invalid_string');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'file:///etc/passwd'])(
    'a cart item link %s is refused: shop links are http(s) only',
    async (link) => {
      for (const field of ['product_url', 'image_url']) {
        const item = { name: 'Tea', quantity: 1, unit_amount: 12_000, [field]: link };
        const response = await api.call('POST', '/transactions', {
          body: createTransactionBody({ cart_items: [item] }),
        });
        expect({ field, status: response.status, pointer: response.body.details?.[0]?.pointer }).toEqual({
          field,
          status: 400,
          pointer: `/cart_items/0/${field}`,
        });
      }
    },
  );

  it('an https cart item link is kept', async () => {
    const item = { name: 'Tea', quantity: 1, unit_amount: 12_000, image_url: 'https://shop.example.jp/tea.png' };
    const response = await api.call('POST', '/transactions', { body: createTransactionBody({ cart_items: [item] }) });
    expect(response.status).toBe(201);
    expect(response.body.cart_items[0].image_url).toBe('https://shop.example.jp/tea.png');
  });

  it('a well-formed surrogate pair (an emoji) is kept exactly', async () => {
    const response = await api.call('POST', '/transactions', {
      body: createTransactionBody({ metadata: { gift: '🎁 𝕂essai' } }),
    });
    expect(response.status).toBe(201);
    expect((await api.call('GET', `/transactions/${response.body.id}`)).body.metadata).toEqual({ gift: '🎁 𝕂essai' });
  });

  it.each([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 8.64e15 + 1, -1])(
    'a list cursor positioned at %d is a 400 on every list',
    async (position) => {
      const subscription = await api.call('POST', '/webhook-subscriptions', {
        body: { url: 'https://93.184.216.34/h' },
      });
      for (const path of [
        '/transactions',
        '/webhook-subscriptions',
        `/webhook-subscriptions/${subscription.body.id}/deliveries`,
      ]) {
        const response = await api.call('GET', `${path}?cursor=${cursorAt(position)}`);
        expect({ path, status: response.status, location: response.body.details?.[0]?.location }).toEqual({
          path,
          status: 400,
          location: 'query',
        });
      }
    },
  );

  it('a metadata filter keyed __proto__ is refused, not dropped (which listed everything)', async () => {
    const response = await api.call('GET', `/transactions?metadata=${encodeURIComponent('{"__proto__":"x"}')}`);
    expect(response.status).toBe(400);
    expect(response.body.details[0]).toMatchObject({ location: 'query' });
  });

  it('rotate-secret and redeliver take no body: true, [1], text and unknown fields are refused and rotate nothing', async () => {
    const created = await api.call('POST', '/webhook-subscriptions', { body: { url: 'https://93.184.216.34/r' } });
    const path = `/webhook-subscriptions/${created.body.id}/rotate-secret`;
    for (const [raw, contentType] of [
      ['true', 'application/json'],
      ['[1]', 'application/json'],
      ['null', 'application/json'],
      ['{"secret":"mine"}', 'application/json'],
      ['rotate please', 'text/plain'],
    ] as const) {
      const response = await api.call('POST', path, { raw, headers: { 'content-type': contentType } });
      expect({ raw, status: response.status }).toEqual({ raw, status: 400 });
    }
    expect((await api.call('GET', `/webhook-subscriptions/${created.body.id}`)).body.rotating).toBe(false);
    const redeliver = await api.call(
      'POST',
      `/webhook-subscriptions/${created.body.id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`,
      { raw: '[1]', headers: json },
    );
    expect(redeliver.status).toBe(400);
    const rotated = await api.call('POST', path);
    expect(rotated.status).toBe(200);
    expect(rotated.body.rotating).toBe(true);
  });

  it('a JWT whose kid holds U+0000 (or any non-thumbprint) is a 401 before any key lookup', async () => {
    for (const kid of ['a\u0000b', "'; select 1; --", 'x'.repeat(500), 'a\ud800']) {
      const token = `${base64url({ alg: 'ES512', kid })}.${base64url({ exp: 9_999_999_999 })}.c2ln`;
      const response = await api.call('GET', '/transactions', { headers: { authorization: `Bearer ${token}` } });
      expect({ kid, status: response.status, code: response.body.code }).toEqual({
        kid,
        status: 401,
        code: 'unauthorized',
      });
    }
  });

  it('a token that expires more than 24 h ahead is refused; a short-lived one works', async () => {
    const far = await api.token(['*.read'], 8_000 * 365 * 86_400);
    const refused = await api.call('GET', '/transactions', { headers: { authorization: `Bearer ${far}` } });
    expect(refused).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    expect(refused.body.message).toMatch(/expires more than 86400 s/);
    const day = await api.call('GET', '/transactions', {
      headers: { authorization: `Bearer ${await api.token(['*.read'], 86_000)}` },
    });
    expect(day.status).toBe(200);
  });

  it('/metrics wants its bearer token; /readyz names no host', async () => {
    expect((await fetch(`${api.baseUrl}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${api.baseUrl}/metrics`, {
      headers: { authorization: 'Bearer metrics-token-for-test' },
    });
    expect(wrong.status).toBe(401);
    const scraped = await fetch(`${api.baseUrl}/metrics`, {
      headers: { authorization: 'Bearer metrics-token-for-tests' },
    });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/kessai_http_requests_total/);
    const ready = await api.call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.stringify(ready.body)).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}/);
  });
});
