import { FakePaymentConnector, smartpayService } from '@kessai/domain/testing';
import fc from 'fast-check';
import {
  awkwardText,
  deeplyNestedJson,
  hostileSegment,
  listQuery,
  loneSurrogateText,
  nonObjectBody,
  surrogateInKeyOrValue,
} from '../../testing/hostile-input';
import { createTransactionBody } from '../../testing/requests';
import { e2eStorages, type Kessai, startKessai } from '../../testing/start-kessai';

/** Text that is JSON but no object (`null`, `[]`, `3000`), or only whitespace; the empty body means "absent". */
function isNonObjectJson(payload: string): boolean {
  if (payload === '') return false;
  if (payload.trim() === '') return true;
  try {
    const value: unknown = JSON.parse(payload);
    return value === null || typeof value !== 'object' || Array.isArray(value);
  } catch {
    return false;
  }
}

// Through PgBouncer too: production's path sends values as literals of prepared statements, odd ones included.
const storages = e2eStorages(['postgres', 'memory', 'pgbouncer']);

/**
 * Fuzz: 17,000 generated requests per storage (a third as many through PgBouncer): bodies and headers against every POST route and the transaction
 * update (1,000 each), hostile
 * list queries and path segments. Bodies include values storage cannot hold (NUL, lone surrogates, in keys and
 * values), thousands of nesting levels, and JSON that is no object. No answer may be a 5xx, every error must be in
 * the documented envelope, a refused request must change nothing, and a body that is no object is never accepted.
 * Uses Fastify's inject (the full request pipeline, without sockets) to keep the run short.
 */
describe.each(storages)('fuzzing every POST route (storage %s)', (storage) => {
  let api: Kessai;
  let connector: FakePaymentConnector;
  let token: string;
  let serviceId: string;
  let transactionId: string;
  let subscriptionId: string;
  // Through the pooler what changes is how values travel (literals of prepared statements): every odd kind of value
  // comes up within a few hundred runs, and the suite stays off CI's critical path.
  const RUNS_PER_ROUTE = storage === 'pgbouncer' ? 300 : 1000;

  beforeAll(async () => {
    connector = new FakePaymentConnector();
    api = await startKessai({ connector, storage });
    const service = smartpayService({ merchantAccountId: 'default' });
    serviceId = service.id;
    await api.services.paymentServices.add(service);
    token = await api.token();
    const created = await api.call('POST', '/transactions', { body: createTransactionBody() });
    connector.approve(created.body.payment_service_transaction_id);
    await api.call('POST', `/transactions/${created.body.id}/sync`);
    await api.call('POST', `/transactions/${created.body.id}/capture`, { body: { amount: 3000, final: false } });
    transactionId = created.body.id;
    const subscription = await api.call('POST', '/webhook-subscriptions', { body: { url: 'https://93.184.216.34/h' } });
    subscriptionId = subscription.body.id;
  });
  /** What a refused request must leave alone: the transaction, and the subscriptions with their secrets. */
  const state = async () =>
    JSON.stringify([
      (await api.services.queries.get('default', transactionId)).version,
      (await api.services.merchantWebhooks.manage.list('default', { limit: 100 })).items,
    ]);
  afterAll(async () => {
    await api.close();
  });

  const valid = createTransactionBody();
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  const sqlish = fc.constantFrom(
    "'; DROP TABLE transactions; --",
    '1 OR 1=1',
    '"><script>',
    '\u0000',
    '𝕂𝕖𝕤𝕤𝕒𝕚',
    '-0',
    '1e309',
  );
  const value = fc.oneof(
    anyJson,
    sqlish,
    fc.integer(),
    fc.double(),
    fc.constant(null),
    fc.string(),
    awkwardText,
    loneSurrogateText,
  );
  /** Every path into a valid body (objects, arrays and leaves), and one that is not there. */
  const pathsOf = (node: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> => {
    if (Array.isArray(node)) return node.flatMap((item, i) => [[...prefix, i], ...pathsOf(item, [...prefix, i])]);
    if (node !== null && typeof node === 'object')
      return Object.entries(node).flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
    return [];
  };
  /** A valid body with one field, at any depth, replaced, removed or added. */
  const mutated = (base: Record<string, unknown>) =>
    fc.tuple(fc.constantFrom(...pathsOf(base), ['unknown_field']), value, fc.boolean()).map(([path, v, remove]) => {
      const copy: Record<string, unknown> = structuredClone(base);
      let parent = copy as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      const last = path.at(-1) as string | number;
      if (remove) delete parent[last];
      else parent[last] = v;
      return copy;
    });
  const bodyFor = (base: Record<string, unknown>) =>
    fc.oneof(
      { arbitrary: mutated(base).map((b) => JSON.stringify(b)), weight: 6 },
      anyJson.map((b) => JSON.stringify(b)),
      fc.string({ maxLength: 200 }),
      fc.constant(''),
      fc.constant('{"amount": 1,'),
      { arbitrary: nonObjectBody, weight: 3 },
      { arbitrary: surrogateInKeyOrValue(base), weight: 2 },
      deeplyNestedJson,
      deeplyNestedJson.map(
        (deep) => `${JSON.stringify(base).slice(0, -1)}${Object.keys(base).length ? ',' : ''}"metadata":${deep}}`,
      ),
    );
  const headers = fc.record({
    contentType: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      undefined,
    ),
    idempotencyKey: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
    auth: fc.constantFrom('valid', 'valid', 'valid', 'none', 'garbage'),
  });

  const routes: Array<{ name: string; url: () => string; base: Record<string, unknown>; method?: 'POST' | 'PUT' }> = [
    { name: 'POST /transactions', url: () => '/transactions', base: valid },
    { name: 'POST /capture', url: () => `/transactions/${transactionId}/capture`, base: { amount: 100, final: false } },
    {
      name: 'POST /refunds',
      url: () => `/transactions/${transactionId}/refunds`,
      base: { amount: 100, reason: 'requested_by_customer' },
    },
    { name: 'POST /void', url: () => `/transactions/${transactionId}/void`, base: {} },
    { name: 'POST /cancel', url: () => `/transactions/${transactionId}/cancel`, base: {} },
    { name: 'POST /sync', url: () => `/transactions/${transactionId}/sync`, base: {} },
    {
      name: 'POST /payment-services',
      url: () => '/payment-services',
      base: { secret_key: 'sk_test_abc', webhook_signing_secret: 'abcDEF123456' },
    },
    {
      name: 'POST /webhook-subscriptions',
      url: () => '/webhook-subscriptions',
      base: { url: 'https://93.184.216.34/hooks', active: true },
    },
    { name: 'POST /rotate-secret', url: () => `/webhook-subscriptions/${subscriptionId}/rotate-secret`, base: {} },
    {
      name: 'POST /redeliver',
      url: () => `/webhook-subscriptions/${subscriptionId}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`,
      base: {},
    },
    { name: 'POST /refunds/all', url: () => `/transactions/${transactionId}/refunds/all`, base: {} },
    {
      name: 'PUT /transactions/:id',
      method: 'PUT',
      url: () => `/transactions/${transactionId}`,
      base: { external_identifier: 'order-2002', metadata: { shop: 'osaka' } },
    },
    {
      name: 'POST /buyers',
      url: () => '/buyers',
      base: { display_name: 'Hanako Yamada', external_identifier: 'buyer-1' },
    },
    {
      name: 'POST /payment-services/verify',
      url: () => '/payment-services/verify',
      base: {
        payment_service_definition_id: 'smartpay-smartpay',
        fields: [{ key: 'secret_key', value: 'sk_test_abc' }],
      },
    },
    {
      name: 'POST /webhooks/smartpay/:id',
      url: () => `/webhooks/smartpay/${serviceId}`,
      base: { id: 'evt_test_1', object: 'event' },
    },
  ];

  it.each(routes)(
    '$name: no 5xx, errors in the envelope, refused requests change nothing',
    async (route) => {
      let count = 0;
      await fc.assert(
        fc.asyncProperty(bodyFor(route.base), headers, async (payload, h) => {
          count++;
          const before = await state();
          const requestHeaders: Record<string, string> = {};
          if (h.contentType) requestHeaders['content-type'] = h.contentType;
          if (h.idempotencyKey !== undefined) requestHeaders['idempotency-key'] = h.idempotencyKey;
          if (h.auth === 'valid') requestHeaders.authorization = `Bearer ${token}`;
          if (h.auth === 'garbage') requestHeaders.authorization = 'Bearer eyJhbGciOiJub25lIn0.e30.';
          const response = await api.app.inject({
            method: route.method ?? 'POST',
            url: route.url(),
            payload,
            headers: requestHeaders,
          });
          expect(response.statusCode).toBeLessThan(500);
          // A body that is no JSON object is a client bug: never read as "the defaults" (capture everything).
          if (isNonObjectJson(payload)) expect(response.statusCode).toBeGreaterThanOrEqual(400);
          if (response.statusCode >= 400) {
            const body = response.json();
            expect(body).toEqual(
              expect.objectContaining({
                type: 'error',
                code: expect.any(String),
                status: response.statusCode,
                message: expect.any(String),
                details: expect.any(Array),
              }),
            );
            // A refused request leaves everything exactly as it was.
            expect(await state()).toBe(before);
          }
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
      expect(count).toBeGreaterThanOrEqual(RUNS_PER_ROUTE);
    },
    120_000,
  );

  /** Every answer is below 500 and, when an error, in the documented envelope with Kessai's own codes. */
  const expectEnveloped = (response: { statusCode: number; json(): unknown; body: string }) => {
    expect(response.statusCode).toBeLessThan(500);
    if (response.statusCode >= 400) {
      expect(response.json()).toEqual(
        expect.objectContaining({ type: 'error', status: response.statusCode, details: expect.any(Array) }),
      );
      expect(response.body).not.toMatch(/FST_/);
    }
  };
  const lists = [
    () => '/transactions',
    () => '/webhook-subscriptions',
    () => `/webhook-subscriptions/${subscriptionId}/deliveries`,
    () => `/transactions/${transactionId}/refunds`,
    () => `/transactions/${transactionId}/events`,
  ];

  it('GET lists with hostile cursors, limits and filters: no 5xx, errors in the envelope', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...lists), listQuery, async (path, query) => {
        const response = await api.app.inject({
          method: 'GET',
          url: `${path()}?${query}`,
          headers: { authorization: `Bearer ${token}` },
        });
        expectEnveloped(response);
      }),
      { numRuns: RUNS_PER_ROUTE },
    );
  }, 120_000);

  it('hostile path segments (overlong, encoded surrogates and NUL) on every route: no 5xx, errors in the envelope', async () => {
    const shapes = [
      (x: string) => ['GET', `/transactions/${x}`],
      (x: string) => ['POST', `/transactions/${x}/capture`],
      (x: string) => ['GET', `/refunds/${x}`],
      (x: string) => ['GET', `/webhook-subscriptions/${x}/deliveries`],
      (x: string) => ['POST', `/webhooks/smartpay/${x}`],
      (x: string) => ['GET', `/${x}`],
    ] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...shapes), hostileSegment, async (shape, segment) => {
        const [method, url] = shape(segment);
        const response = await api.app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          ...(method === 'POST' ? { payload: '{}' } : {}),
        });
        expectEnveloped(response);
      }),
      { numRuns: RUNS_PER_ROUTE },
    );
  }, 120_000);
});
