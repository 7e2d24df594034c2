import { FakePaymentConnector } from '@kessai/domain/testing';
import { type Kessai, startKessai } from '../../testing/start-kessai';

/** The subscription API's edges with the production default (private targets refused), storage memory. */
describe('webhook subscriptions API (validation, scopes, isolation)', () => {
  let api: Kessai;
  beforeAll(async () => {
    api = await startKessai({ connector: new FakePaymentConnector(), merchants: ['default', 'other'] });
  });
  afterAll(async () => {
    await api.close();
  });
  const count = async () => (await api.call('GET', '/webhook-subscriptions')).body.items.length;

  it.each([
    ['http://127.0.0.1:8080/hooks', 'loopback, private or reserved'],
    ['http://localhost/hooks', 'local name'],
    ['http://10.0.0.5/hooks', 'loopback, private or reserved'],
    ['http://169.254.169.254/latest/meta-data/', 'loopback, private or reserved'],
    ['http://[::1]/hooks', 'loopback, private or reserved'],
    ['ftp://shop.example.jp/hooks', 'http or https'],
    ['https://user:secret@shop.example.jp/hooks', 'credentials'],
    ['https://shop.example.jp/hooks#frag', 'fragment'],
    ['shop.example.jp/hooks', 'absolute'],
  ])('refuses %s with a 400 naming /url, and stores nothing', async (url, why) => {
    const before = await count();
    const response = await api.call('POST', '/webhook-subscriptions', { body: { url } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: 'error', code: 'bad_request' });
    expect(response.body.details[0]).toMatchObject({ pointer: '/url', type: 'invalid_field' });
    expect(response.body.details[0].message).toContain(why);
    expect(await count()).toBe(before);
  });

  it('refuses malformed bodies field by field', async () => {
    const missing = await api.call('POST', '/webhook-subscriptions', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0].pointer).toBe('/url');
    const extra = await api.call('POST', '/webhook-subscriptions', {
      body: { url: 'https://93.184.216.34/h', secret: 'mine' },
    });
    expect(extra.status).toBe(400);
    const wrongType = await api.call('POST', '/webhook-subscriptions', {
      body: { url: 'https://93.184.216.34/h', active: 'yes' },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.details[0].pointer).toBe('/active');
    const emptyUpdate = await api.call('PUT', '/webhook-subscriptions/00000000-0000-4000-8000-000000000000', {
      body: {},
    });
    expect(emptyUpdate.status).toBe(400);
  });

  it('creates (secret once), lists, pages, updates; other merchants and missing scopes see nothing', async () => {
    const created = await api.call('POST', '/webhook-subscriptions', { body: { url: 'https://93.184.216.34/hooks' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'webhook-subscription',
      url: 'https://93.184.216.34/hooks',
      active: true,
      rotating: false,
      merchant_account_id: 'default',
    });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.body.events).toContain('transaction.captured');
    const id = created.body.id;
    await api.call('POST', '/webhook-subscriptions', { body: { url: 'https://93.184.216.34/second' } });

    const page = await api.call('GET', '/webhook-subscriptions?limit=1');
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0].secret).toBeUndefined();
    const next = await api.call('GET', `/webhook-subscriptions?limit=1&cursor=${page.body.next_cursor}`);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
    expect((await api.call('GET', '/webhook-subscriptions?cursor=garbage')).status).toBe(400);

    const updated = await api.call('PUT', `/webhook-subscriptions/${id}`, { body: { active: false } });
    expect(updated.body).toMatchObject({ active: false, url: 'https://93.184.216.34/hooks' });
    const refused = await api.call('PUT', `/webhook-subscriptions/${id}`, { body: { url: 'http://10.1.1.1/' } });
    expect(refused.status).toBe(400);
    expect((await api.call('GET', `/webhook-subscriptions/${id}`)).body.url).toBe('https://93.184.216.34/hooks');

    const other = { 'x-gr4vy-merchant-account-id': 'other' };
    expect((await api.call('GET', `/webhook-subscriptions/${id}`, { headers: other })).status).toBe(404);
    expect((await api.call('DELETE', `/webhook-subscriptions/${id}`, { headers: other })).status).toBe(404);
    expect((await api.call('POST', `/webhook-subscriptions/${id}/rotate-secret`, { headers: other })).status).toBe(404);
    expect((await api.call('GET', '/webhook-subscriptions', { headers: other })).body.items).toHaveLength(0);

    const readOnly = await api.token(['webhook-subscriptions.read']);
    const asReader = { authorization: `Bearer ${readOnly}` };
    expect((await api.call('GET', `/webhook-subscriptions/${id}`, { headers: asReader })).status).toBe(200);
    expect((await api.call('DELETE', `/webhook-subscriptions/${id}`, { headers: asReader })).status).toBe(403);
    const transactionsOnly = await api.token(['transactions.read', 'transactions.write']);
    const asShop = { authorization: `Bearer ${transactionsOnly}` };
    expect((await api.call('GET', '/webhook-subscriptions', { headers: asShop })).status).toBe(403);

    expect((await api.call('DELETE', `/webhook-subscriptions/${id}`)).status).toBe(204);
    expect((await api.call('DELETE', `/webhook-subscriptions/${id}`)).status).toBe(404);
    const missingDelivery = await api.call(
      'POST',
      `/webhook-subscriptions/${next.body.items[0].id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`,
    );
    expect(missingDelivery.status).toBe(404);
  });

  it('refuses a subscription past the 20 a merchant account may have, with a 400 naming the reason', async () => {
    const made: string[] = [];
    for (let held = await count(); held < 20; held++) {
      const created = await api.call('POST', '/webhook-subscriptions', { body: { url: 'https://93.184.216.34/h' } });
      expect(created.status).toBe(201);
      made.push(created.body.id);
    }
    const refused = await api.call('POST', '/webhook-subscriptions', { body: { url: 'https://93.184.216.34/h' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ type: 'error', code: 'bad_request', status: 400 });
    expect(refused.body.details[0]).toMatchObject({
      location: 'body',
      pointer: '',
      type: 'too_many_webhook_subscriptions',
    });
    expect(refused.body.message).toContain('at most 20');
    for (const id of made) expect((await api.call('DELETE', `/webhook-subscriptions/${id}`)).status).toBe(204);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const spec = await api.call('GET', '/openapi.json');
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/webhook-subscriptions',
        '/webhook-subscriptions/{webhook_subscription_id}',
        '/webhook-subscriptions/{webhook_subscription_id}/rotate-secret',
        '/webhook-subscriptions/{webhook_subscription_id}/deliveries',
        '/webhook-subscriptions/{webhook_subscription_id}/deliveries/{delivery_id}/redeliver',
      ]),
    );
  });

  it('lets a subscription choose its event types among the published ones, and go back to every event', async () => {
    const types = await api.call('GET', '/webhook-event-types');
    expect(types.status).toBe(200);
    expect(types.body.items).toEqual(expect.arrayContaining(['transaction.captured', 'refund.succeeded']));
    expect(types.body.items).not.toContain('transaction.created');

    const created = await api.call('POST', '/webhook-subscriptions', {
      body: { url: 'https://93.184.216.34/chosen', events: ['refund.succeeded', 'transaction.captured'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ events: ['transaction.captured', 'refund.succeeded'], all_events: false });

    const unknown = await api.call('PUT', `/webhook-subscriptions/${created.body.id}`, {
      body: { events: ['transaction.created'] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0]).toMatchObject({ pointer: '/events', type: 'invalid_field' });

    const every = await api.call('PUT', `/webhook-subscriptions/${created.body.id}`, { body: { events: null } });
    expect(every.status).toBe(200);
    expect(every.body).toMatchObject({ events: types.body.items, all_events: true });
    await api.call('DELETE', `/webhook-subscriptions/${created.body.id}`);
  });
});
