import { FakePaymentConnector, smartpayService } from '@kessai/domain/testing';
import { type ApiHarness, startApi } from '../testing/api-harness';
import { createTransactionBody } from '../testing/requests';

const storages = (process.env.KESSAI_E2E_STORAGES ?? 'postgres,memory').split(',') as Array<'memory' | 'postgres'>;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const cursorAt = (updatedAt: number) =>
  Buffer.from(JSON.stringify(['n', updatedAt, '7c9e6679-7425-40de-944b-e07fc1f90ae7'])).toString('base64url');

/** Inputs an outside attack sent to Kessai: each once reached a 500 or moved money; each is now a clear 4xx. */
describe.each(storages)('hostile input (storage %s)', (storage) => {
  let api: ApiHarness;
  let connector: FakePaymentConnector;

  beforeAll(async () => {
    connector = new FakePaymentConnector();
    api = await startApi({ connector, env: { STORAGE: storage, METRICS_TOKEN: 'metrics-token-for-tests' } });
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
