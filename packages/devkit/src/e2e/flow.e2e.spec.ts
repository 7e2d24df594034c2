import { calculateSignature } from '@kessai/adapters-smartpay';
import { buyerClicks } from '../testing/buyer-clicks';
import { eventually } from '../testing/eventually';
import { createTransactionBody } from '../testing/requests';
import { e2eStorages, type KessaiWithSandbox, startKessai } from '../testing/start-kessai';

/**
 * The seed's integration flow over real HTTP: Kessai API + real Smartpay connector + the Smartpay sandbox, the
 * buyer clicking Approve on the sandbox's hosted page, Smartpay's signed webhook driving the status.
 * Run once per storage adapter: the same suite must pass whatever the storage.
 */
const storages = e2eStorages();

describe.each(storages)('end-to-end flow (storage %s)', (storage) => {
  let stack: KessaiWithSandbox;
  /** Kessai's clock runs this far ahead of the wall clock: a test moves it on to skip a wait of minutes. */
  let aheadMs = 0;
  beforeAll(async () => {
    stack = await startKessai({
      storage,
      sandbox: { checkoutSessionTtlMs: 30 * 60_000 },
      clock: { now: () => new Date(Date.now() + aheadMs) },
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  const get = (id: string) => stack.call('GET', `/transactions/${id}`);
  const statusIs = (status: string) => (r: { body: { status: string } }) => r.body.status === status;

  const buyer = buyerClicks;

  async function approvedTransaction(overrides: Record<string, unknown> = {}) {
    const created = await stack.call('POST', '/transactions', {
      body: createTransactionBody({ payment_service_id: stack.paymentServiceId, ...overrides }),
    });
    expect(created.status).toBe(201);
    const { html, location } = await buyer(created.body.payment_method.approval_url, 'approve');
    expect(html).toContain('12,000');
    // The buyer comes back through Kessai, which redirects on with the real status (buyer-return.e2e.spec.ts).
    expect(new URL(location).pathname).toBe(`/transactions/${created.body.id}/return`);
    return created.body;
  }

  it('create → buyer approves on the hosted page → webhook → authorized → partial capture → refund', async () => {
    const tx = await approvedTransaction();
    const authorized = await eventually(() => get(tx.id), statusIs('authorization_succeeded'));
    expect(authorized.body).toMatchObject({ authorized_amount: 12_000, payment_method: { approval_url: null } });
    expect(authorized.body.actions).toEqual(['capture', 'void', 'sync']);
    const capture = await stack.call('POST', `/transactions/${tx.id}/capture`, {
      body: { amount: 7000, final: false },
    });
    expect(capture.body).toMatchObject({ status: 'capture_succeeded', captured_amount: 7000 });
    const refund = await stack.call('POST', `/transactions/${tx.id}/refunds`, {
      body: { amount: 3000, reason: 'requested_by_customer' },
    });
    expect(refund.body).toMatchObject({ status: 'succeeded', amount: 3000 });
    const order = stack.sandbox.control.order(tx.payment_service_transaction_id);
    expect(order.totals).toMatchObject({ capturedAmount: 7000, refundedAmount: 3000 });
    // What the transaction allows is served with it, on a read of one and in a list alike.
    const listed = await stack.call('GET', '/transactions?limit=100');
    const item = listed.body.items.find((t: { id: string }) => t.id === tx.id);
    expect([(await get(tx.id)).body.actions, item.actions]).toEqual([
      ['capture', 'refund', 'sync'],
      ['capture', 'refund', 'sync'],
    ]);
    const rest = await stack.call('POST', `/transactions/${tx.id}/capture`, { body: {} });
    expect(rest.body).toMatchObject({ captured_amount: 12_000, actions: ['refund', 'sync'] });
    const events = await stack.call('GET', `/transactions/${tx.id}/events`);
    expect(events.body.items.map((e: { name: string }) => e.name)).toEqual(
      expect.arrayContaining([
        'transaction.created',
        'transaction.approval-pending',
        'transaction.authorized',
        'transaction.captured',
        'refund.succeeded',
      ]),
    );
    expect(events.body.items.find((e: { name: string }) => e.name === 'transaction.authorized').context.source).toBe(
      'webhook',
    );
  });

  it('intent capture: captured on approval', async () => {
    const tx = await approvedTransaction({ intent: 'capture' });
    const done = await eventually(() => get(tx.id), statusIs('capture_succeeded'));
    expect(done.body).toMatchObject({ captured_amount: 12_000, intent_outcome: 'succeeded' });
  });

  it('void: releases the authorization at Smartpay', async () => {
    const tx = await approvedTransaction();
    await eventually(() => get(tx.id), statusIs('authorization_succeeded'));
    expect((await stack.call('POST', `/transactions/${tx.id}/void`)).body.status).toBe('authorization_voided');
    expect(stack.sandbox.control.order(tx.payment_service_transaction_id).order.status).toBe('canceled');
  });

  it('cancel while the buyer has not approved; a later approval is released at Smartpay', async () => {
    const created = await stack.call('POST', '/transactions', { body: createTransactionBody() });
    const canceled = await stack.call('POST', `/transactions/${created.body.id}/cancel`);
    expect(canceled.body).toMatchObject({
      type: 'transaction-cancel',
      status: 'succeeded',
      transaction: { status: 'authorization_failed', error_code: 'canceled_buyer_approval' },
    });
    stack.sandbox.control.approve(created.body.additional_identifiers.payment_service_checkout_session_id);
    await eventually(
      async () => stack.sandbox.control.order(created.body.payment_service_transaction_id).order.status,
      (status) => status === 'canceled',
    );
    expect((await get(created.body.id)).body.status).toBe('authorization_failed');
  });

  it('refuses a NUL character (which PostgreSQL text cannot hold) with 400 naming the field, and changes nothing', async () => {
    const before = (await stack.call('GET', '/transactions?limit=100')).body.items.length;
    const created = await stack.call('POST', '/transactions', {
      body: createTransactionBody({ metadata: { note: 'a\u0000b' } }),
    });
    expect(created).toMatchObject({
      status: 400,
      body: { type: 'error', code: 'bad_request', details: [{ location: 'body', pointer: '/metadata/note' }] },
    });
    const tx = await approvedTransaction();
    await eventually(() => get(tx.id), statusIs('authorization_succeeded'));
    const captured = await stack.call('POST', `/transactions/${tx.id}/capture`, { body: {} });
    expect(captured.status).toBe(200);
    const refused = await stack.call('POST', `/transactions/${tx.id}/refunds`, {
      body: { amount: 100, reason: 'damaged\u0000' },
    });
    expect(refused).toMatchObject({ status: 400, body: { details: [{ pointer: '/reason' }] } });
    const listed = await stack.call('GET', '/transactions?external_identifier=x%00y');
    expect(listed).toMatchObject({
      status: 400,
      body: { details: [{ location: 'query', pointer: '/external_identifier' }] },
    });
    expect((await get(tx.id)).body.refunded_amount).toBe(0);
    expect((await stack.call('GET', '/transactions?limit=100')).body.items.length).toBe(before + 1); // the one approved here
  });

  it('a hard decline on the hosted page ends authorization_declined', async () => {
    const created = await stack.call('POST', '/transactions', { body: createTransactionBody() });
    await buyer(created.body.payment_method.approval_url, 'decline');
    await eventually(() => get(created.body.id), statusIs('authorization_declined'));
  });

  it('webhooks: a bad signature is refused (401) and stores nothing; a duplicate is acknowledged once', async () => {
    const url = `/webhooks/smartpay/${stack.paymentServiceId}`;
    const body = JSON.stringify({
      id: 'evt_test_forged',
      object: 'event',
      createdAt: Date.now(),
      test: true,
      eventData: { type: 'order.authorized', version: '2022-02-18', data: { id: 'order_test_x', object: 'order' } },
    });
    const forged = await stack.call('POST', url, {
      raw: body,
      headers: {
        'content-type': 'application/json',
        'smartpay-signature': '0'.repeat(64),
        'smartpay-signature-timestamp': String(Date.now()),
      },
    });
    expect(forged).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    const unknown = await stack.call('POST', '/webhooks/smartpay/7c9e6679-7425-40de-944b-e07fc1f90ae7', {
      raw: body,
      headers: { 'content-type': 'application/json' },
    });
    expect(unknown.status).toBe(404);
    const deliveries = stack.sandbox.control.webhookDeliveries().filter((d) => d.status === 200);
    expect(deliveries.length).toBeGreaterThan(0);
    const service = await stack.services.paymentServices.findById(stack.paymentServiceId);
    const secret = service?.credentials.webhookSigningSecret ?? '';
    const timestamp = String(Date.now());
    const signed = {
      'content-type': 'application/json',
      'smartpay-signature': calculateSignature(secret, `${timestamp}.${body}`),
      'smartpay-signature-timestamp': timestamp,
    };
    expect((await stack.call('POST', url, { raw: body, headers: signed })).body).toEqual({
      received: true,
      duplicate: false,
    });
    expect((await stack.call('POST', url, { raw: body, headers: signed })).body).toEqual({
      received: true,
      duplicate: true,
    });
  });

  /**
   * Captured in two payments (7000, 5000), then a refund of 9000 whose call never reaches Smartpay (every attempt
   * dropped): Kessai cannot tell what happened, and the refund waits, `processing`.
   */
  async function refundWhoseCallWasLost() {
    const tx = await approvedTransaction();
    await eventually(() => get(tx.id), statusIs('authorization_succeeded'));
    await stack.call('POST', `/transactions/${tx.id}/capture`, { body: { amount: 7000, final: false } });
    await stack.call('POST', `/transactions/${tx.id}/capture`, { body: {} });
    stack.sandbox.control.addFault({ match: { method: 'POST', path: '/v1/refunds' }, times: 3, kind: 'drop' });
    const refund = await stack.call('POST', `/transactions/${tx.id}/refunds`, { body: { amount: 9000 } });
    expect(refund.body).toMatchObject({ status: 'processing', amount: 9000 });
    const orderId: string = tx.payment_service_transaction_id;
    const payments = stack.sandbox.control.order(orderId).order.payments as Array<{ id: string }>;
    return { tx, refund, orderId, payments };
  }

  /** A refund made at Smartpay directly (by a process that died mid-split, or on Smartpay's dashboard). */
  async function refundAtSmartpay(payment: string | undefined, amount: number, reference: string) {
    const made = await fetch(`${stack.sandbox.apiBase}/refunds`, {
      method: 'POST',
      headers: { authorization: `Basic ${stack.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ payment, amount, currency: 'JPY', reason: 'requested_by_customer', reference }),
    });
    expect(made.status).toBe(200);
  }

  it('a refund split over two payments and cut short after its first part is finished, long after, by a sync', async () => {
    const { tx, refund, orderId, payments } = await refundWhoseCallWasLost();
    // What a process that died mid-split leaves behind: the first part (7000 of the first payment) under its id.
    await refundAtSmartpay(payments[0]?.id, 7000, refund.body.id);
    const refundOf = async () => (await stack.call('GET', `/transactions/${tx.id}/refunds/${refund.body.id}`)).body;
    const first = await stack.call('POST', `/transactions/${tx.id}/sync`);
    expect(await refundOf()).toMatchObject({ status: 'processing', amount: 9000 });
    expect(stack.sandbox.control.order(orderId).totals).toMatchObject({ refundedAmount: 7000 });
    // The part already made counts at once: Kessai's totals agree with Smartpay's while the rest waits.
    expect(first.body).toMatchObject({ refunded_amount: 7000 });
    aheadMs = 10 * 60_000;
    try {
      await stack.call('POST', `/transactions/${tx.id}/sync`);
      await eventually(refundOf, (r) => r.status === 'succeeded');
      expect(await refundOf()).toMatchObject({ status: 'succeeded', amount: 9000 });
      expect(stack.sandbox.control.order(orderId).totals).toMatchObject({
        capturedAmount: 12_000,
        refundedAmount: 9000,
      });
      await stack.call('POST', `/transactions/${tx.id}/sync`);
      expect((await get(tx.id)).body).toMatchObject({ captured_amount: 12_000, refunded_amount: 9000 });
      expect(stack.sandbox.control.order(orderId).totals).toMatchObject({ refundedAmount: 9000 });
    } finally {
      aheadMs = 0;
    }
  });

  it('a cut-short refund whose rest Smartpay refuses settles at what was refunded, and the totals still agree', async () => {
    const { tx, refund, orderId, payments } = await refundWhoseCallWasLost();
    // The dead process's first part, then a refund on Smartpay's dashboard that empties the second payment.
    await refundAtSmartpay(payments[0]?.id, 7000, refund.body.id);
    await refundAtSmartpay(payments[1]?.id, 5000, 'dashboard');
    aheadMs = 10 * 60_000;
    try {
      await stack.call('POST', `/transactions/${tx.id}/sync`);
      const refundOf = async () => (await stack.call('GET', `/transactions/${tx.id}/refunds/${refund.body.id}`)).body;
      expect(await refundOf()).toMatchObject({
        status: 'succeeded',
        amount: 7000,
        raw_response_description: expect.stringContaining('refunded 7000 of the 9000 asked'),
      });
      // The dashboard refund fits now that the reservation shrank: the next sync records it.
      const synced = await stack.call('POST', `/transactions/${tx.id}/sync`);
      expect(synced.body).toMatchObject({ captured_amount: 12_000, refunded_amount: 12_000 });
      expect(stack.sandbox.control.order(orderId).totals).toMatchObject({ refundedAmount: 12_000 });
    } finally {
      aheadMs = 0;
    }
  });
});
