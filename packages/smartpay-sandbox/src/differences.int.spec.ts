import { type RunningSandbox, startSandbox } from './server';
import { Client, createCheckout, type ErrorReply, newKey, type OrderBody, startReceiver } from './test-helpers';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'differences' });
});
afterAll(() => sandbox.stop());

const control = async <T = Record<string, unknown>>(path: string, body?: unknown) => {
  const res = await fetch(`${sandbox.baseUrl}/_sandbox${path}`, {
    method: 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
};

/** A merchant with a webhook endpoint, and an approved manual-capture order. */
async function merchant() {
  const key = newKey();
  const client = new Client(sandbox.apiBase, key);
  const receiver = await startReceiver();
  await client.post('/webhook-endpoints', { url: receiver.url });
  const approvedOrder = async () => {
    const session = await createCheckout(client, { captureMethod: 'manual' });
    sandbox.control.approve(session.id);
    return session.order.id;
  };
  const types = async () => {
    await sandbox.control.waitForWebhooks();
    // Deliveries to one endpoint may arrive in any order.
    return receiver.received
      .map((hook) => (JSON.parse(hook.body) as { eventData: { type: string } }).eventData.type)
      .sort();
  };
  return { key, client, receiver, approvedOrder, types };
}

describe('/_sandbox differences made on purpose', () => {
  it('captures, refunds and cancels behind the merchant’s back, each webhook sent or lost as asked', async () => {
    const m = await merchant();
    const captured = await m.approvedOrder();
    const payment = await control<{ amount: number; reference?: string }>(`/orders/${captured}/capture`, {
      dropWebhook: true,
    });
    expect(payment.body).toMatchObject({ amount: 1250 });
    expect(payment.body.reference).toBeUndefined();
    const refund = await control<{ amount: number }>(`/orders/${captured}/refund`, { amount: 250 });
    expect(refund.body.amount).toBe(250);
    const canceled = await m.approvedOrder();
    expect((await control<OrderBody>(`/orders/${canceled}/cancel`, { dropWebhook: true })).body.status).toBe(
      'canceled',
    );
    expect((await m.client.get<OrderBody>(`/orders/${captured}`)).body.status).toBe('succeeded');
    expect(await m.types()).toEqual(['order.authorized', 'order.authorized', 'refund.created']);
    await m.receiver.close();
  });

  it('drops the next webhooks of one order, expires an authorization, and changes an amount', async () => {
    const m = await merchant();
    const session = await createCheckout(m.client, { captureMethod: 'manual' });
    expect((await control(`/orders/${session.order.id}/drop-webhooks`, {})).status).toBe(204);
    sandbox.control.approve(session.id);
    const expired = await m.approvedOrder();
    expect((await control<OrderBody>(`/orders/${expired}/expire`)).body.status).toBe('canceled');
    expect((await control<ErrorReply>(`/orders/${expired}/expire`)).body.errorCode).toBe('order.cannot-expire');
    const changed = await m.approvedOrder();
    expect((await control<OrderBody>(`/orders/${changed}/amount`, { amount: 1300 })).body.amount).toBe(1300);
    expect((await control<ErrorReply>(`/orders/${changed}/amount`, { amount: -1 })).status).toBe(400);
    expect((await m.client.get<OrderBody>(`/orders/${session.order.id}`)).body.status).toBe('requires_capture');
    expect(await m.types()).toEqual(['order.authorized', 'order.authorized', 'order.canceled']);
    await m.receiver.close();
  });

  it('creates an approved order with the merchant’s key that the merchant never asked for', async () => {
    const m = await merchant();
    const made = await control<OrderBody>('/orders', { secretKey: m.key, amount: 4321 });
    expect(made.body).toMatchObject({ status: 'requires_capture', amount: 4321 });
    const listed = await m.client.get<{ data: OrderBody[] }>('/orders');
    expect(listed.body.data.map((order) => order.id)).toEqual([made.body.id]);
    expect((await control<ErrorReply>('/orders', { secretKey: 'nope' })).status).toBe(400);
    expect((await control<ErrorReply>('/orders/order_test_nope/capture')).status).toBe(404);
    expect((await control<ErrorReply>('/payments/payment_test_nope/forget')).status).toBe(404);
    await m.receiver.close();
  });

  it('forgets a payment or a refund it made, as if its records were restored from before them', async () => {
    const m = await merchant();
    const orderId = await m.approvedOrder();
    const payment = await control<{ id: string }>(`/orders/${orderId}/capture`, { amount: 1000 });
    const refund = await control<{ id: string }>(`/orders/${orderId}/refund`, { amount: 300 });
    expect((await control(`/refunds/${refund.body.id}/forget`)).status).toBe(204);
    const paid = await m.client.get<{ refunds: string[] }>(`/payments/${payment.body.id}`);
    expect(paid.body.refunds).toEqual([]);
    expect((await control(`/payments/${payment.body.id}/forget`)).status).toBe(204);
    expect((await m.client.get<OrderBody>(`/orders/${orderId}`)).body.payments).toEqual([]);
    expect((await control(`/orders/${orderId}/forget`)).status).toBe(204);
    const gone = await m.client.get<ErrorReply>(`/orders/${orderId}`);
    expect(gone).toMatchObject({ status: 404, body: { errorCode: 'order.not-found' } });
    expect((await m.client.get<{ data: OrderBody[] }>('/orders')).body.data).toEqual([]);
    expect((await control<ErrorReply>(`/orders/${orderId}/forget`)).status).toBe(404);
    await m.receiver.close();
  });
});
