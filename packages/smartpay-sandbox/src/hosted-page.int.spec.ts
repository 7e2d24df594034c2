import { type RunningSandbox, startSandbox } from './server';
import { Client, createCheckout, newKey, type OrderBody } from './test-helpers';

let sandbox: RunningSandbox;
let c: Client;
beforeAll(async () => {
  sandbox = await startSandbox({ checkoutSessionTtlMs: 60_000 });
  c = new Client(sandbox.apiBase, newKey());
});
afterAll(() => sandbox.stop());

const post = (url: string, form = '') =>
  fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form,
  });
const status = async (orderId: string) => (await c.get<OrderBody>(`/orders/${orderId}`)).body.status;

describe('hosted approval page', () => {
  it('shows reference, items and total, and Approve answers 303 to successUrl', async () => {
    const session = await createCheckout(c, { reference: 'shop<order>-42' });
    const page = await fetch(session.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('¥1,250');
    expect(html).toContain('shop&#60;order&#62;-42');
    expect(html).toContain('Matcha');
    expect(html).toContain(`action="/checkout/${session.id}/approve"`);
    const approved = await post(`${session.url}/approve`);
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toBe('https://shop.example/success?o=1');
    expect(await status(session.order.id)).toBe('requires_capture');
    const done = await fetch(session.url);
    expect(done.status).toBe(409);
    expect(await done.text()).toContain('already completed');
  });

  it('Decline rejects (hard) or keeps the order open (kind=soft), both to cancelUrl', async () => {
    const hard = await createCheckout(c);
    const declined = await post(`${hard.url}/decline`);
    expect(declined.status).toBe(303);
    expect(declined.headers.get('location')).toBe('https://shop.example/cancel?o=1');
    expect(await status(hard.order.id)).toBe('rejected');
    const soft = await createCheckout(c);
    expect((await post(`${soft.url}/decline`, 'kind=soft')).status).toBe(303);
    expect(await status(soft.order.id)).toBe('requires_authorization');
  });

  it('Cancel redirects to cancelUrl and leaves the order requires_authorization', async () => {
    const session = await createCheckout(c);
    const canceled = await post(`${session.url}/cancel`);
    expect(canceled.headers.get('location')).toBe('https://shop.example/cancel?o=1');
    expect(await status(session.order.id)).toBe('requires_authorization');
  });

  it('shows a clear 410 page once the session expired, and 404 for an unknown session', async () => {
    const session = await createCheckout(c);
    sandbox.control.advanceClock(60_000);
    const expired = await fetch(session.url);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This checkout has expired');
    expect((await post(`${session.url}/approve`)).status).toBe(410);
    const unknown = await fetch(`${sandbox.baseUrl}/checkout/checkout_test_unknown`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Checkout not found');
  });

  it('honours publicBaseUrl in the session url', async () => {
    const proxied = await startSandbox({ publicBaseUrl: 'https://pay.example.test/' });
    try {
      const session = await createCheckout(new Client(proxied.apiBase, newKey()));
      expect(session.url).toBe(`https://pay.example.test/checkout/${session.id}`);
    } finally {
      await proxied.stop();
    }
  });
});
