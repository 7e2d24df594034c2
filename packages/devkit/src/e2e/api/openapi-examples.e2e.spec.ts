import { REQUEST_EXAMPLES } from '@kessai/api';
import { buyerClicks } from '../../testing/buyer-clicks';
import { eventually } from '../../testing/eventually';
import { type KessaiWithSandbox, startKessai } from '../../testing/start-kessai';

/**
 * Every request body in the OpenAPI document has an example, and each example, sent as "Try it out" sends it, is
 * accepted by the API (no complaint about the body), on the real sandbox stack.
 */
type Operations = Record<string, Record<string, { requestBody?: { content?: Record<string, { example?: unknown }> } }>>;

describe('OpenAPI request examples', () => {
  let stack: KessaiWithSandbox;
  beforeAll(async () => {
    // As `pnpm start` runs it, where "Try it out" is used: merchant webhooks may target this machine.
    stack = await startKessai({ sandbox: true, env: { MERCHANT_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' } });
  });
  afterAll(() => stack?.close());

  // biome-ignore lint/suspicious/noExplicitAny: the test walks the generated document
  const documentOf = async (): Promise<any> => (await stack.call('GET', '/openapi.json')).body;
  const example = (key: string) => REQUEST_EXAMPLES[key] as Record<string, unknown>;

  it('every operation with a JSON request body shows an example', async () => {
    const document = await documentOf();
    const missing: string[] = [];
    let bodies = 0;
    for (const [path, operations] of Object.entries(document.paths as Operations)) {
      for (const [method, operation] of Object.entries(operations)) {
        const json = operation.requestBody?.content?.['application/json'];
        if (!json) continue;
        bodies++;
        if (json.example === undefined) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(bodies).toBeGreaterThanOrEqual(10);
    expect(missing).toEqual([]);
    // Generated samples would otherwise show ±(2^53 − 1) for every integer.
    expect(JSON.stringify(document)).not.toContain('9007199254740991');
  });

  it('each example is accepted as sent', async () => {
    const created = await stack.call('POST', '/transactions', { body: example('POST /transactions') });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await buyerClicks(created.body.payment_method.approval_url, 'approve');
    await eventually(
      () => stack.call('GET', `/transactions/${id}`),
      (r) => r.body.status === 'authorization_succeeded',
    );
    const tx = (key: string) => key.replace('{transaction_id}', id).split(' ')[1] as string;
    const capture = 'POST /transactions/{transaction_id}/capture';
    expect((await stack.call('POST', tx(capture), { body: example(capture) })).status).toBe(200);
    const refund = 'POST /transactions/{transaction_id}/refunds';
    expect((await stack.call('POST', tx(refund), { body: example(refund) })).status).toBe(201);
    for (const action of ['sync', 'void', 'cancel']) {
      const key = `POST /transactions/{transaction_id}/${action}`;
      // void/cancel of a captured transaction are refused, but never for their body.
      const answer = await stack.call('POST', tx(key), { body: example(key) });
      const bodyProblems = (answer.body.details ?? []).filter((d: { location: string }) => d.location === 'body');
      expect({ key, bodyProblems }).toEqual({ key, bodyProblems: [] });
    }
    const service = await stack.call('POST', '/payment-services', { body: example('POST /payment-services') });
    expect(service.status).toBe(201);
    const subscription = await stack.call('POST', '/webhook-subscriptions', {
      body: example('POST /webhook-subscriptions'),
    });
    expect(subscription.status).toBe(201);
    const update = 'PUT /webhook-subscriptions/{webhook_subscription_id}';
    const updated = await stack.call('PUT', `/webhook-subscriptions/${subscription.body.id}`, {
      body: example(update),
    });
    expect(updated.status).toBe(200);
    const verified = await stack.call('POST', '/payment-services/verify', {
      body: example('POST /payment-services/verify'),
    });
    expect(verified.status).toBe(200);
    const renamed = await stack.call('PUT', `/payment-services/${service.body.id}`, {
      body: example('PUT /payment-services/{payment_service_id}'),
    });
    expect(renamed.status).toBe(200);
    const buyer = await stack.call('POST', '/buyers', { body: example('POST /buyers') });
    expect(buyer.status).toBe(201);
    const buyerPath = `/buyers/${buyer.body.id}`;
    expect((await stack.call('PUT', buyerPath, { body: example('PUT /buyers/{buyer_id}') })).status).toBe(200);
    const shipping = await stack.call('POST', `${buyerPath}/shipping-details`, {
      body: example('POST /buyers/{buyer_id}/shipping-details'),
    });
    expect(shipping.status).toBe(201);
    const reshipped = await stack.call('PUT', `${buyerPath}/shipping-details/${shipping.body.id}`, {
      body: example('PUT /buyers/{buyer_id}/shipping-details/{shipping_details_id}'),
    });
    expect(reshipped.status).toBe(200);
    const txUpdate = 'PUT /transactions/{transaction_id}';
    expect((await stack.call('PUT', tx(txUpdate), { body: example(txUpdate) })).status).toBe(200);
    const refundAll = 'POST /transactions/{transaction_id}/refunds/all';
    const all = await stack.call('POST', tx(refundAll), { body: example(refundAll) });
    expect([201, 400]).toContain(all.status);
    expect((all.body.details ?? []).filter((d: { location: string }) => d.location === 'body')).toEqual([]);
    const session = await stack.call('POST', '/checkout/sessions', { body: example('POST /checkout/sessions') });
    expect(session.status).toBe(201);
    const sessionUpdate = 'PUT /checkout/sessions/{session_id}';
    const resession = await stack.call('PUT', `/checkout/sessions/${session.body.id}`, {
      body: example(sessionUpdate),
    });
    expect(resession.status).toBe(200);
    const options = await stack.call('POST', '/payment-options', { body: example('POST /payment-options') });
    expect(options.body.items.map((o: { method: string }) => o.method)).toEqual(['smartpay']);
    expect((await stack.call('PUT', '/embed-origins', { body: example('PUT /embed-origins') })).status).toBe(200);
  });
});
