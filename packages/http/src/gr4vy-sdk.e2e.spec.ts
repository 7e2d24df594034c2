import type { Gr4vy } from '@gr4vy/sdk';
import type { Transaction, TransactionCreate } from '@gr4vy/sdk/models/components';
import { Error400, Error404, Error502 } from '@gr4vy/sdk/models/errors';
import { gr4vyClient } from './testing/gr4vy-client';
import { buyerClicks, eventually, type Stack, startStack } from './testing/stack';

/**
 * A Gr4vy user's code, unchanged, against Kessai: the official `@gr4vy/sdk` parses every answer with its own zod
 * schemas (a missing or mistyped field throws ResponseValidationError), so each call here passing is the proof.
 * Real Smartpay sandbox over HTTP, the buyer clicking on the hosted page, on both storages.
 */
const storages = (process.env.KESSAI_E2E_STORAGES ?? 'postgres,memory').split(',') as Array<'memory' | 'postgres'>;

const person = {
  firstName: 'Hanako',
  lastName: 'Yamada',
  emailAddress: 'Hanako.SDK@example.jp',
  phoneNumber: '+819012345678',
  address: { line1: '1-2-3 Shibuya', city: 'Shibuya-ku', state: 'Tokyo', postalCode: '150-0002', country: 'JP' },
};

describe.each(storages)('the official Gr4vy SDK against Kessai (storage %s)', (storage) => {
  let stack: Stack;
  let gr4vy: Gr4vy;
  beforeAll(async () => {
    stack = await startStack({ env: { STORAGE: storage }, sandbox: { checkoutSessionTtlMs: 30 * 60_000 } });
    gr4vy = gr4vyClient(stack.api);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  const order = (overrides: Partial<TransactionCreate> = {}): TransactionCreate => ({
    amount: 12_000,
    currency: 'JPY',
    country: 'JP',
    intent: 'authorize',
    paymentMethod: {
      method: 'smartpay',
      redirectUrl: 'https://shop.example.jp/return',
      country: 'JP',
      currency: 'JPY',
    },
    buyer: {
      displayName: 'Hanako Yamada',
      billingDetails: person,
      shippingDetails: person,
    },
    cartItems: [
      {
        name: 'Matcha set',
        quantity: 2,
        unitAmount: 5000,
        taxAmount: 1000,
        sku: 'MATCHA-2',
        productType: 'physical',
        description: 'Uji matcha, 2 tins',
        productUrl: 'https://shop.example.jp/matcha',
        categories: ['tea'],
      },
      { name: 'Shipping', quantity: 1, unitAmount: 1000, productType: 'shipping_fee' },
    ],
    externalIdentifier: `sdk-${storage}-${Math.random().toString(36).slice(2)}`,
    metadata: { shop: 'tokyo' },
    paymentServiceId: stack.paymentServiceId,
    ...overrides,
  });

  async function authorized(overrides: Partial<TransactionCreate> = {}): Promise<Transaction> {
    const created = await gr4vy.transactions.create(order(overrides));
    expect(created).toMatchObject({ status: 'buyer_approval_pending', settled: false, giftCardRedemptions: [] });
    await buyerClicks(created.paymentMethod?.approvalUrl ?? '', 'approve');
    return eventually(
      () => gr4vy.transactions.get(created.id),
      (tx) => tx.status === 'authorization_succeeded',
    );
  }

  it('create (every field the SDK sends) → approve → get → partial capture → refunds → refund-all', async () => {
    const tx = await authorized();
    expect(tx).toMatchObject({
      amount: 12_000,
      authorizedAmount: 12_000,
      capturedAmount: 0,
      settledAmount: 0,
      paymentSource: 'ecommerce',
      merchantInitiated: false,
      isSubsequentPayment: false,
      accountFundingTransaction: false,
      multiTender: false,
      disputed: false,
      intentOutcome: 'succeeded',
      paymentService: { id: stack.paymentServiceId, displayName: 'Smartpay (sandbox)', method: 'smartpay' },
      buyer: { billingDetails: { emailAddress: person.emailAddress } },
      shippingDetails: { firstName: 'Hanako' },
    });
    expect(tx.cartItems?.[0]).toMatchObject({
      description: 'Uji matcha, 2 tins',
      categories: ['tea'],
      sku: 'MATCHA-2',
    });
    const captured = await gr4vy.transactions.capture({
      transactionId: tx.id,
      transactionCaptureCreate: { amount: 7000 },
    });
    expect(captured).toMatchObject({ type: 'transaction', status: 'capture_succeeded', capturedAmount: 7000 });

    const refund = await gr4vy.transactions.refunds.create({ amount: 2000, reason: 'requested' }, tx.id);
    expect(refund).toMatchObject({ status: 'succeeded', amount: 2000, transactionId: tx.id });
    expect(await gr4vy.refunds.get(refund.id)).toMatchObject({ id: refund.id, amount: 2000 });
    expect(await gr4vy.transactions.refunds.get(tx.id, refund.id)).toMatchObject({ id: refund.id });
    const rest = await gr4vy.transactions.refunds.all.create(tx.id, { reason: 'order canceled' });
    expect(rest.items).toEqual([expect.objectContaining({ amount: 5000, status: 'succeeded' })]);
    const refunds = await gr4vy.transactions.refunds.list(tx.id);
    expect(refunds.items.map((r) => r.amount).sort()).toEqual([2000, 5000]);
    expect(await gr4vy.transactions.get(tx.id)).toMatchObject({ refundedAmount: 7000, capturedAmount: 7000 });

    const events = await gr4vy.transactions.events.list(tx.id);
    expect(events.result.items.map((e) => e.name)).toEqual(
      expect.arrayContaining(['transaction.authorized', 'transaction.captured', 'refund.succeeded']),
    );
    expect(await gr4vy.transactions.actions.list(tx.id)).toEqual({ items: [] });
    expect(await gr4vy.transactions.sync(tx.id)).toMatchObject({ id: tx.id, refundedAmount: 7000 });
  });

  it('full capture answering the capture result (Prefer: resource=transaction-capture)', async () => {
    const tx = await authorized();
    const request = {
      transactionId: tx.id,
      transactionCaptureCreate: {},
      prefer: ['resource=transaction-capture'],
      idempotencyKey: `capture-${tx.id}`,
    };
    const result = await gr4vy.transactions.capture(request);
    expect(result).toMatchObject({
      type: 'transaction-capture',
      status: 'succeeded',
      code: null,
      transaction: { id: tx.id, status: 'capture_succeeded', capturedAmount: 12_000 },
    });
    // A retried request is the stored answer replayed, and it passes the SDK's validation too.
    expect(await gr4vy.transactions.capture(request)).toEqual(result);
    expect(stack.sandbox.control.order(tx.paymentServiceTransactionId ?? '').totals).toMatchObject({
      capturedAmount: 12_000,
    });
  });

  it('a capture the provider refused is never a success: 400 plain, status declined with Prefer', async () => {
    const tx = await authorized();
    // The order is canceled at Smartpay behind Kessai's back (its webhook lost), so Smartpay refuses the capture.
    stack.sandbox.control.addFault({ webhook: { type: 'order.canceled' }, times: 1, kind: 'drop' });
    const canceled = await fetch(`${stack.sandbox.apiBase}/orders/${tx.paymentServiceTransactionId}/cancellation`, {
      method: 'PUT',
      headers: { authorization: `Basic ${stack.secretKey}` },
    });
    expect(canceled.status).toBe(200);
    const error = await gr4vy.transactions
      .capture({ transactionId: tx.id, transactionCaptureCreate: { amount: 1000 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error400);
    expect((error as Error400).message).toContain('declined the capture');
    const after = await gr4vy.transactions.get(tx.id);
    expect(after).toMatchObject({ capturedAmount: 0, errorCode: 'declined' });
    expect(after.status).not.toBe('capture_succeeded');
    expect(after.rawResponseCode).toEqual(expect.any(String));

    const result = await gr4vy.transactions.capture({
      transactionId: tx.id,
      transactionCaptureCreate: { amount: 1000 },
      prefer: ['resource=transaction-capture'],
    });
    expect(result).toMatchObject({ type: 'transaction-capture', status: 'declined', code: 'declined' });
  });

  it('void an authorized transaction, cancel a pending one', async () => {
    const tx = await authorized();
    expect(await gr4vy.transactions.void(tx.id)).toMatchObject({ status: 'authorization_voided' });

    const pending = await gr4vy.transactions.create(order());
    const canceled = await gr4vy.transactions.cancel(pending.id);
    expect(canceled).toMatchObject({
      type: 'transaction-cancel',
      status: 'succeeded',
      transaction: { id: pending.id, status: 'authorization_failed', errorCode: 'canceled_buyer_approval' },
    });
    await expect(gr4vy.transactions.cancel(pending.id)).rejects.toBeInstanceOf(Error400);
  });

  it('update the merchant references (metadata replaces the whole map)', async () => {
    const created = await gr4vy.transactions.create(order());
    const updated = await gr4vy.transactions.update(
      { externalIdentifier: 'order-renamed', metadata: { erp: 'SO-9' } },
      created.id,
    );
    expect(updated).toMatchObject({ externalIdentifier: 'order-renamed', metadata: { erp: 'SO-9' } });
    expect(await gr4vy.transactions.get(created.id)).toMatchObject({ metadata: { erp: 'SO-9' } });
  });

  it('refuses what Smartpay cannot do, naming the field', async () => {
    for (const field of ['merchantInitiated', 'isSubsequentPayment', 'accountFundingTransaction'] as const) {
      const error = await gr4vy.transactions.create(order({ [field]: true })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error400);
      const snake = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      expect((error as Error400).details?.[0]).toMatchObject({ pointer: `/${snake}` });
      expect((error as Error400).details?.[0]?.message).toContain(snake);
    }
    await expect(gr4vy.transactions.create(order({ store: true }))).rejects.toBeInstanceOf(Error400);
    await expect(gr4vy.transactions.get('6b0f4c83-7a3e-4d0e-9a57-1f7c2f7a1c11')).rejects.toBeInstanceOf(Error404);
  });

  it('lists with filters and follows the SDK next() pagination', async () => {
    const email = `list-${storage}@example.jp`;
    const mine = order({ buyer: { billingDetails: { ...person, emailAddress: email }, shippingDetails: person } });
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) ids.add((await gr4vy.transactions.create(mine)).id);
    const seen: string[] = [];
    let page = await gr4vy.transactions.list({ buyerEmailAddress: email, limit: 2 });
    while (page) {
      seen.push(...page.result.items.map((t) => t.id));
      page = (await page.next()) as typeof page;
    }
    expect(new Set(seen)).toEqual(ids);

    const one = [...ids][0] ?? '';
    const byId = await gr4vy.transactions.list({ id: one, currency: ['JPY'], method: ['smartpay'] });
    expect(byId.result.items.map((t) => t.id)).toEqual([one]);
    const bySearch = await gr4vy.transactions.list({ search: one });
    expect(bySearch.result.items.map((t) => t.id)).toEqual([one]);
    const giftCards = await gr4vy.transactions.list({ hasGiftCardRedemptions: true });
    expect(giftCards.result.items).toEqual([]);
    const none = await gr4vy.transactions.list({ buyerEmailAddress: email, hasRefunds: true });
    expect(none.result.items).toEqual([]);
    const noRefunds = await gr4vy.transactions.list({ buyerEmailAddress: email, hasRefunds: false, used3ds: false });
    expect(noRefunds.result.items).toHaveLength(3);
  });

  it('payment services the Gr4vy way: create with fields, get, list, update', async () => {
    const created = await gr4vy.paymentServices.create({
      displayName: 'Smartpay JP',
      paymentServiceDefinitionId: 'smartpay-smartpay',
      fields: [{ key: 'secret_key', value: `sk_test_${Math.random().toString(36).slice(2)}` }],
      acceptedCurrencies: ['JPY'],
      acceptedCountries: ['JP'],
    });
    expect(created).toMatchObject({ displayName: 'Smartpay JP', method: 'smartpay', active: true, position: 2 });
    expect(await gr4vy.paymentServices.get(created.id)).toMatchObject({ id: created.id, acceptedCurrencies: ['JPY'] });
    const listed = await gr4vy.paymentServices.list();
    expect(listed.result.items.map((s) => s.id)).toEqual([stack.paymentServiceId, created.id]);
    const renamed = await gr4vy.paymentServices.update({ displayName: 'Smartpay (old)', active: false }, created.id);
    expect(renamed).toMatchObject({ displayName: 'Smartpay (old)', active: false });
    const error = await gr4vy.paymentServices
      .create({
        displayName: 'x',
        paymentServiceDefinitionId: 'smartpay-smartpay',
        fields: [],
        acceptedCurrencies: ['USD'],
        acceptedCountries: ['JP'],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error400);

    const key = `sk_test_${Math.random().toString(36).slice(2)}`;
    const fields = [{ key: 'secret_key', value: key }];
    expect(await gr4vy.paymentServices.verify({ paymentServiceDefinitionId: 'smartpay-smartpay', fields })).toEqual({});
    const stored = { paymentServiceDefinitionId: 'smartpay-smartpay', fields: [], paymentServiceId: created.id };
    expect(await gr4vy.paymentServices.verify(stored)).toEqual({});
    const badKey = [{ key: 'secret_key', value: 'not-a-key' }];
    await expect(
      gr4vy.paymentServices.verify({ paymentServiceDefinitionId: 'smartpay-smartpay', fields: badKey }),
    ).rejects.toBeInstanceOf(Error400);

    await gr4vy.paymentServices.delete(created.id);
    expect(await gr4vy.paymentServices.get(created.id)).toMatchObject({ isDeleted: true, active: false });
    expect((await gr4vy.paymentServices.list()).result.items.map((s) => s.id)).toEqual([stack.paymentServiceId]);
    const deleted = await gr4vy.paymentServices.list({ deleted: true });
    expect(deleted.result.items.map((s) => s.id)).toEqual([created.id]);
    await expect(gr4vy.transactions.create(order({ paymentServiceId: created.id }))).rejects.toBeInstanceOf(Error400);
  });

  it('buyers: create/list/get/update/delete, shipping details, and a transaction made with buyer_id', async () => {
    const external = `customer-${storage}-${Math.random().toString(36).slice(2)}`;
    const buyer = await gr4vy.buyers.create({
      displayName: 'Taro Suzuki',
      externalIdentifier: external,
      billingDetails: { ...person, firstName: 'Taro', lastName: 'Suzuki', emailAddress: 'taro@example.jp' },
    });
    expect(buyer).toMatchObject({ displayName: 'Taro Suzuki', billingDetails: { firstName: 'Taro' } });
    const buyerId = buyer.id ?? '';
    await expect(gr4vy.buyers.create({ externalIdentifier: external })).rejects.toMatchObject({ statusCode: 409 });
    const shipping = await gr4vy.buyers.shippingDetails.create(
      { ...person, firstName: 'Taro', lastName: 'Suzuki', emailAddress: 'taro@example.jp' },
      buyerId,
    );
    expect(shipping).toMatchObject({ buyerId, address: { city: 'Shibuya-ku' } });
    const shippingId = shipping.id ?? '';
    const moved = await gr4vy.buyers.shippingDetails.update(
      { address: { ...person.address, city: 'Minato-ku' } },
      buyerId,
      shippingId,
    );
    expect(moved).toMatchObject({ firstName: 'Taro', address: { city: 'Minato-ku' } });
    expect((await gr4vy.buyers.shippingDetails.list(buyerId)).items.map((d) => d.id)).toEqual([shippingId]);
    expect(await gr4vy.buyers.shippingDetails.get(buyerId, shippingId)).toMatchObject({ id: shippingId });

    const { buyer: _guest, ...withoutGuest } = order();
    const tx = await gr4vy.transactions.create({ ...withoutGuest, buyerId: buyerId, shippingDetailsId: shippingId });
    expect(tx).toMatchObject({
      status: 'buyer_approval_pending',
      buyer: { id: buyerId, displayName: 'Taro Suzuki', externalIdentifier: external },
      shippingDetails: { address: { city: 'Minato-ku' } },
    });
    expect(tx.buyer?.billingDetails).toMatchObject({ emailAddress: 'taro@example.jp' });
    const byExternal = await gr4vy.transactions.create({ ...withoutGuest, buyerExternalIdentifier: external });
    expect(byExternal.buyer).toMatchObject({ id: buyerId });
    const listed = await gr4vy.transactions.list({ buyerId: buyerId });
    expect(listed.result.items.map((t) => t.id).sort()).toEqual([tx.id, byExternal.id].sort());
    expect((await gr4vy.transactions.list({ buyerExternalIdentifier: external })).result.items).toHaveLength(2);

    const renamed = await gr4vy.buyers.update({ displayName: 'Taro S.' }, buyerId);
    expect(renamed).toMatchObject({ displayName: 'Taro S.', externalIdentifier: external });
    const found = await gr4vy.buyers.list({ externalIdentifier: external });
    expect(found.result.items.map((b) => b.id)).toEqual([buyerId]);
    expect(await gr4vy.buyers.get(buyerId)).toMatchObject({ displayName: 'Taro S.' });
    await gr4vy.buyers.shippingDetails.delete(buyerId, shippingId);
    await gr4vy.buyers.delete(buyerId);
    await expect(gr4vy.buyers.get(buyerId)).rejects.toBeInstanceOf(Error404);
    // The transaction keeps the buyer it was made for.
    expect((await gr4vy.transactions.get(tx.id)).buyer).toMatchObject({ id: buyerId, displayName: 'Taro Suzuki' });
    const gone = await gr4vy.transactions.create({ ...withoutGuest, buyerId: buyerId }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(Error400);
  });

  it('unknown routes and methods answer in the error envelope; the OpenAPI document lists what the SDK calls', async () => {
    await expect(gr4vy.giftCards.get('6b0f4c83-7a3e-4d0e-9a57-1f7c2f7a1c11')).rejects.toBeInstanceOf(Error404);
    const unknown = await fetch(`${stack.api.baseUrl}/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await unknown.json()).toMatchObject({ type: 'error', code: 'not_found', status: 404 });
    const wrongMethod = await fetch(`${stack.api.baseUrl}/transactions`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('content-type')).toMatch(/^application\/json/);
    expect(wrongMethod.headers.get('allow')).toContain('POST');
    expect(await wrongMethod.json()).toMatchObject({ type: 'error', code: 'method_not_allowed', status: 405 });

    const spec = (await stack.api.call('GET', '/openapi.json')).body;
    const served: Array<[string, string]> = [
      ['post', '/transactions'],
      ['get', '/transactions'],
      ['get', '/transactions/{transaction_id}'],
      ['put', '/transactions/{transaction_id}'],
      ['post', '/transactions/{transaction_id}/capture'],
      ['post', '/transactions/{transaction_id}/void'],
      ['post', '/transactions/{transaction_id}/cancel'],
      ['post', '/transactions/{transaction_id}/sync'],
      ['get', '/transactions/{transaction_id}/events'],
      ['get', '/transactions/{transaction_id}/actions'],
      ['post', '/transactions/{transaction_id}/refunds'],
      ['post', '/transactions/{transaction_id}/refunds/all'],
      ['get', '/refunds/{refund_id}'],
      ['post', '/payment-services'],
      ['put', '/payment-services/{payment_service_id}'],
      ['delete', '/payment-services/{payment_service_id}'],
      ['post', '/payment-services/verify'],
      ['post', '/buyers'],
      ['delete', '/buyers/{buyer_id}'],
      ['put', '/buyers/{buyer_id}/shipping-details/{shipping_details_id}'],
    ];
    for (const [method, path] of served) expect(spec.paths[path]?.[method]).toBeDefined();
    const capture = spec.components.schemas.TransactionCaptureCreateInput;
    expect(capture.properties.final.description).toContain("Kessai's extension");
    expect(spec.paths['/transactions/{transaction_id}/capture'].post.description).toContain('final: false');
  });

  // Last: it re-keys the stack's connection.
  it('a capture the provider failed (order unknown under the new key): 502 plain, status failed with Prefer', async () => {
    const tx = await authorized();
    const newKey = `sk_test_${Math.random().toString(36).slice(2)}`;
    await gr4vy.paymentServices.update({ fields: [{ key: 'secret_key', value: newKey }] }, stack.paymentServiceId);
    await expect(
      gr4vy.transactions.capture({ transactionId: tx.id, transactionCaptureCreate: { amount: 1000 } }),
    ).rejects.toBeInstanceOf(Error502);
    const after = await gr4vy.transactions.get(tx.id);
    expect(after).toMatchObject({ status: 'authorization_succeeded', capturedAmount: 0, errorCode: 'service_error' });
    expect(after.rawResponseCode).toBe('order.not-found');
    const result = await gr4vy.transactions.capture({
      transactionId: tx.id,
      transactionCaptureCreate: { amount: 1000 },
      prefer: ['resource=transaction-capture'],
    });
    expect(result).toMatchObject({ type: 'transaction-capture', status: 'failed', code: 'service_error' });
  });
});
