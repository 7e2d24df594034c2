import { type FakePaymentConnector as Fake, FakePaymentConnector, smartpayService } from '@kessai/domain/testing';
import { createTransactionBody } from '../../testing/requests';
import { type Kessai, startKessai } from '../../testing/start-kessai';

/**
 * The HTTP surface (validation, auth, errors, idempotency, Gr4vy shapes) over real HTTP, with storage `memory` and
 * the scripted fake connector. The full flow against PostgreSQL and the Smartpay sandbox is in flow.e2e.spec.ts.
 */
describe('HTTP API surface (storage memory, fake connector)', () => {
  let api: Kessai;
  let connector: Fake;
  beforeAll(async () => {
    connector = new FakePaymentConnector();
    api = await startKessai({ connector, env: { METRICS_TOKEN: 'surface-metrics-token' } });
    await api.services.paymentServices.add(smartpayService({ merchantAccountId: 'default' }));
  });
  afterAll(async () => {
    await api.close();
  });

  async function authorizedTransaction(amount = 12_000) {
    const body = createTransactionBody(amount === 12_000 ? {} : { amount, cart_items: [] });
    const created = await api.call('POST', '/transactions', { body });
    connector.approve(created.body.payment_service_transaction_id);
    const synced = await api.call('POST', `/transactions/${created.body.id}/sync`);
    expect(synced.body).toEqual(expect.objectContaining({ status: 'authorization_succeeded' }));
    return synced.body;
  }

  it('creates a transaction: 201, Gr4vy shape, buyer_approval_pending with an approval URL', async () => {
    const response = await api.call('POST', '/transactions', { body: createTransactionBody() });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      type: 'transaction',
      status: 'buyer_approval_pending',
      amount: 12_000,
      currency: 'JPY',
      authorized_amount: 0,
      intent: 'authorize',
      merchant_account_id: 'default',
      payment_method: {
        type: 'payment-method',
        method: 'smartpay',
        mode: 'redirect',
        approval_url: expect.stringMatching(/^https:/),
      },
      payment_service: { type: 'payment-service', payment_service_definition_id: 'smartpay-smartpay' },
      external_identifier: 'order-1001',
      metadata: { shop: 'tokyo' },
    });
    expect(response.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(response.body.approval_expires_at)).toBeGreaterThan(Date.now());
  });

  it('captures partially, then the rest, refunds, and lists events', async () => {
    const tx = await authorizedTransaction();
    const first = await api.call('POST', `/transactions/${tx.id}/capture`, { body: { amount: 5000, final: false } });
    expect(first.body).toMatchObject({ status: 'capture_succeeded', captured_amount: 5000 });
    const rest = await api.call('POST', `/transactions/${tx.id}/capture`, {
      headers: { prefer: 'resource=transaction-capture' },
    });
    expect(rest.body).toMatchObject({
      type: 'transaction-capture',
      status: 'succeeded',
      transaction: { captured_amount: 12_000 },
    });
    const refund = await api.call('POST', `/transactions/${tx.id}/refunds`, {
      body: { amount: 2000, reason: 'requested_by_customer' },
    });
    expect(refund.status).toBe(201);
    expect(refund.body).toMatchObject({ type: 'refund', status: 'succeeded', amount: 2000, transaction_id: tx.id });
    expect((await api.call('GET', `/refunds/${refund.body.id}`)).body.id).toBe(refund.body.id);
    expect((await api.call('GET', `/transactions/${tx.id}`)).body).toMatchObject({
      refunded_amount: 2000,
      captured_amount: 12_000,
    });
    const events = await api.call('GET', `/transactions/${tx.id}/events`);
    expect(events.body.items.map((e: { name: string }) => e.name)).toContain('refund.succeeded');
    // The history names the API key behind each request's changes; the provider's own reports name nobody.
    const kid = String(api.privateJwk.kid);
    const actorOf = (name: string) => events.body.items.find((e: { name: string }) => e.name === name)?.actor;
    for (const name of ['transaction.created', 'transaction.captured', 'refund.succeeded']) {
      expect(actorOf(name)).toEqual({ type: 'api_key', id: kid, display: kid });
    }
    expect(actorOf('transaction.authorized')).toEqual({ type: 'api_key', id: kid, display: kid });
    const captures = await api.call('GET', `/transactions/${tx.id}/captures`);
    expect(captures.body.items).toHaveLength(2);
  });

  it.each([
    ['a string amount', { amount: '12000' }, '/amount'],
    ['a negative amount', { amount: -1 }, '/amount'],
    ['a fractional amount', { amount: 10.5 }, '/amount'],
    ['a huge amount', { amount: 1e300 }, '/amount'],
    ['an unknown field', { surprise: true }, '/'],
    [
      'a non-JPY currency',
      {
        currency: 'USD',
        payment_method: { method: 'smartpay', redirect_url: 'https://x.jp', country: 'JP', currency: 'USD' },
      },
      '/currency',
    ],
    ['a missing buyer', { buyer: undefined }, '/buyer/billing_details'],
  ])('refuses %s with 400 and a pointer, creating nothing', async (_name, overrides, pointer) => {
    const before = (await api.call('GET', '/transactions?limit=100')).body.items.length;
    const response = await api.call('POST', '/transactions', { body: createTransactionBody(overrides) });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: 'error', code: 'bad_request', status: 400 });
    expect(response.body.details.map((d: { pointer: string }) => d.pointer)).toContain(pointer);
    expect((await api.call('GET', '/transactions?limit=100')).body.items.length).toBe(before);
  });

  it('refuses an address Smartpay would refuse (a city over its 80 characters) with 400 naming it, not a failed payment', async () => {
    const before = (await api.call('GET', '/transactions?limit=100')).body.items.length;
    const person = createTransactionBody().shipping_details as { address: Record<string, string> };
    const far = { ...person, address: { ...person.address, city: 'x'.repeat(81) } };
    const response = await api.call('POST', '/transactions', {
      body: createTransactionBody({ shipping_details: far }),
    });
    expect(response.status).toBe(400);
    expect(response.body.details[0]).toMatchObject({
      pointer: '/shipping_details/address/city',
      type: 'invalid_field',
    });
    expect((await api.call('GET', '/transactions?limit=100')).body.items).toHaveLength(before);
  });

  it('answers malformed JSON and a wrong content type with 400, an oversized body with 413, never 500', async () => {
    const bad = await api.call('POST', '/transactions', {
      raw: '{"amount": 1,',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/JSON/);
    const wrongType = await api.call('POST', '/transactions', {
      raw: 'amount=1',
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(400);
    const huge = await api.call('POST', '/transactions', {
      raw: JSON.stringify({ pad: 'x'.repeat(600_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });

  it('refuses over-capture and over-refund with 400 naming the rule', async () => {
    const tx = await authorizedTransaction(1000);
    const over = await api.call('POST', `/transactions/${tx.id}/capture`, { body: { amount: 1001 } });
    expect(over.status).toBe(400);
    expect(over.body.details[0]).toMatchObject({ pointer: '/amount', type: 'amount_exceeds_authorized' });
    await api.call('POST', `/transactions/${tx.id}/capture`, { body: { amount: 400 } });
    const overRefund = await api.call('POST', `/transactions/${tx.id}/refunds`, { body: { amount: 401 } });
    expect(overRefund.body.details[0]).toMatchObject({ type: 'amount_exceeds_refundable' });
    expect((await api.call('POST', `/transactions/${tx.id}/refunds`, { body: { amount: 400 } })).status).toBe(201);
  });

  it('replays an idempotent request, refuses a reused key with another body, and captures once', async () => {
    const tx = await authorizedTransaction();
    const headers = { 'idempotency-key': `cap-${tx.id}` };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.call('POST', `/transactions/${tx.id}/capture`, { body: { amount: 1000, final: false }, headers }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of results.filter((r) => r.status !== 200)) expect(r.body.code).toBe('concurrent_request');
    const replay = await api.call('POST', `/transactions/${tx.id}/capture`, {
      body: { amount: 1000, final: false },
      headers,
    });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.captured_amount).toBe(1000);
    const other = await api.call('POST', `/transactions/${tx.id}/capture`, {
      body: { amount: 2000, final: false },
      headers,
    });
    expect(other.status).toBe(409);
    expect(other.body.details[0].type).toBe('idempotency_key_reused');
    expect(connector.order(tx.payment_service_transaction_id).payments).toHaveLength(1);
  });

  it('requires a valid bearer token with the right scope, and hides other merchants', async () => {
    const tx = await authorizedTransaction();
    expect((await api.call('GET', `/transactions/${tx.id}`, { headers: { authorization: '' } })).status).toBe(401);
    expect(
      (await api.call('GET', `/transactions/${tx.id}`, { headers: { authorization: 'Bearer nonsense' } })).status,
    ).toBe(401);
    const readOnly = await api.token(['transactions.read']);
    expect(
      (await api.call('GET', `/transactions/${tx.id}`, { headers: { authorization: `Bearer ${readOnly}` } })).status,
    ).toBe(200);
    const forbidden = await api.call('POST', `/transactions/${tx.id}/void`, {
      headers: { authorization: `Bearer ${readOnly}` },
    });
    expect(forbidden.status).toBe(403);
    const expired = await api.token(['*.read'], -60);
    expect(
      (await api.call('GET', `/transactions/${tx.id}`, { headers: { authorization: `Bearer ${expired}` } })).body
        .message,
    ).toMatch(/expired/);
    const otherMerchant = await api.call('GET', `/transactions/${tx.id}`, {
      headers: { 'x-gr4vy-merchant-account-id': 'other' },
    });
    expect(otherMerchant.status).toBe(403);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"scopes":["*.read"]}').toString('base64url')}.`;
    expect(
      (await api.call('GET', `/transactions/${tx.id}`, { headers: { authorization: `Bearer ${unsigned}` } })).status,
    ).toBe(401);
  });

  it('no answer may be sniffed; none behind authentication may be cached, above all keys and secrets', async () => {
    const key = await api.call('POST', '/api-keys', { body: { name: 'shop backend', scopes: ['*.read'] } });
    const subscription = await api.call('POST', '/webhook-subscriptions', { body: { url: 'https://93.184.216.34/c' } });
    const rotated = await api.call('POST', `/webhook-subscriptions/${subscription.body.id}/rotate-secret`);
    expect([key.body.private_key_pem, subscription.body.secret, rotated.body.secret]).not.toContain(undefined);
    const authenticated = [
      key,
      subscription,
      rotated,
      await api.call('GET', '/transactions'),
      await api.call('GET', '/transactions', { headers: { authorization: 'Bearer nonsense' } }),
    ];
    for (const answer of authenticated) {
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
    for (const path of ['/healthz', '/openapi.json', '/no-such-route']) {
      const answer = await fetch(`${api.baseUrl}${path}`);
      expect({ path, cache: answer.headers.get('cache-control') }).toEqual({ path, cache: null });
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it("pages a transaction's history by Gr4vy's cursors and refuses a limit over 100 or a cursor it never gave", async () => {
    const tx = await authorizedTransaction();
    const all = (await api.call('GET', `/transactions/${tx.id}/events`)).body;
    expect(all).toMatchObject({ limit: 100, next_cursor: null, previous_cursor: null });
    const first = (await api.call('GET', `/transactions/${tx.id}/events?limit=2`)).body;
    expect(first.items).toHaveLength(2);
    const second = (await api.call('GET', `/transactions/${tx.id}/events?limit=2&cursor=${first.next_cursor}`)).body;
    expect([...first.items, ...second.items].map((e: { id: string }) => e.id)).toEqual(
      all.items.slice(0, 2 + second.items.length).map((e: { id: string }) => e.id),
    );
    const back = (await api.call('GET', `/transactions/${tx.id}/events?limit=2&cursor=${second.previous_cursor}`)).body;
    expect(back.items).toEqual(first.items);
    for (const query of ['limit=101', 'cursor=bm9wZQ']) {
      const refused = await api.call('GET', `/transactions/${tx.id}/events?${query}`);
      expect({ query, status: refused.status, location: refused.body.details[0]?.location }).toEqual({
        query,
        status: 400,
        location: 'query',
      });
    }
  });

  it('pages through transactions with a cursor and filters by status', async () => {
    const page1 = await api.call('GET', '/transactions?limit=2');
    expect(page1.body).toMatchObject({ limit: 2, previous_cursor: null });
    expect(page1.body.items).toHaveLength(2);
    const page2 = await api.call('GET', `/transactions?limit=2&cursor=${page1.body.next_cursor}`);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    const filtered = await api.call('GET', '/transactions?status=capture_succeeded&status=authorization_succeeded');
    for (const item of filtered.body.items)
      expect(['capture_succeeded', 'authorization_succeeded']).toContain(item.status);
    expect((await api.call('GET', '/transactions?limit=0')).status).toBe(400);
    expect((await api.call('GET', '/transactions?cursor=garbage')).status).toBe(400);
  });

  it('voids and cancels, and says 404 for unknown ids', async () => {
    const tx = await authorizedTransaction();
    expect(
      (await api.call('POST', `/transactions/${tx.id}/void`, { headers: { 'content-type': 'application/json' } })).body
        .status,
    ).toBe('authorization_voided');
    const pending = await api.call('POST', '/transactions', { body: createTransactionBody() });
    expect((await api.call('POST', `/transactions/${pending.body.id}/cancel`)).body).toMatchObject({
      type: 'transaction-cancel',
      status: 'succeeded',
      transaction: { status: 'authorization_failed', error_code: 'canceled_buyer_approval' },
    });
    const missing = await api.call('GET', '/transactions/7c9e6679-7425-40de-944b-e07fc1f90ae7');
    expect(missing).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect((await api.call('GET', '/transactions/not-a-uuid')).status).toBe(400);
  });

  it('serves the OpenAPI 3.1 document and the docs page', async () => {
    const spec = await api.call('GET', '/openapi.json');
    expect(spec.body.openapi).toBe('3.1.0');
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/transactions', '/transactions/{transaction_id}/capture']),
    );
    const docs = await fetch(`${api.baseUrl}/docs`);
    expect(docs.status).toBe(200);
    expect((await api.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    const metrics = await api.call('GET', '/metrics', { headers: { authorization: 'Bearer surface-metrics-token' } });
    expect(metrics.body).toMatch(/kessai_http_requests_total/);
  });
});
