import type { Gr4vy } from '@gr4vy/sdk';
import type { TransactionCreate } from '@gr4vy/sdk/models/components';
import { Error400, Error404, Error502 } from '@gr4vy/sdk/models/errors';
import { person, storages, useSdkStack } from '../testing/gr4vy-sdk-stack';

/**
 * A Gr4vy user's code, unchanged, against Kessai: the official `@gr4vy/sdk` parses every answer with its own zod
 * schemas (a missing or mistyped field throws ResponseValidationError), so each call here passing is the proof.
 * Real Smartpay sandbox over HTTP, the buyer clicking on the hosted page, on both storages. Transactions here;
 * payment services, buyers and errors in gr4vy-sdk-resources.e2e.spec.ts.
 */
describe.each(storages)('the official Gr4vy SDK: transactions (storage %s)', (storage) => {
  const sdk = useSdkStack(storage);
  let gr4vy: Gr4vy;
  beforeAll(() => {
    gr4vy = sdk.gr4vy;
  });
  const order: typeof sdk.order = (overrides) => sdk.order(overrides);
  const authorized: typeof sdk.authorized = (overrides) => sdk.authorized(overrides);

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
      paymentService: { id: sdk.stack.paymentServiceId, displayName: 'Smartpay (sandbox)', method: 'smartpay' },
      buyer: { billingDetails: { emailAddress: person.emailAddress } },
      shippingDetails: { firstName: 'Hanako', address: { stateCode: 'JP-13', organization: null } },
      paymentMethod: { method: 'smartpay', mode: 'redirect', externalIdentifier: 'wallet-1', approvalUrl: null },
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
    // The SDK pages the history by its cursors and ends where Kessai's next_cursor does.
    const paged: string[] = [];
    for await (const page of await gr4vy.transactions.events.list(tx.id, undefined, 2)) {
      expect(page.result.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.result.items.map((e) => e.name));
    }
    expect(paged).toEqual(events.result.items.map((e) => e.name));
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
    expect(sdk.stack.sandbox.control.order(tx.paymentServiceTransactionId ?? '').totals).toMatchObject({
      capturedAmount: 12_000,
    });
  });

  it('a capture the provider refused is never a success: 400 plain, status declined with Prefer', async () => {
    const tx = await authorized();
    // The order is canceled at Smartpay behind Kessai's back (its webhook lost), so Smartpay refuses the capture.
    sdk.stack.sandbox.control.addFault({ webhook: { type: 'order.canceled' }, times: 1, kind: 'drop' });
    const canceled = await fetch(`${sdk.stack.sandbox.apiBase}/orders/${tx.paymentServiceTransactionId}/cancellation`, {
      method: 'PUT',
      headers: { authorization: `Basic ${sdk.stack.secretKey}` },
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

  it('void answering the void result (Prefer: resource=transaction-void); a refused void is never a success', async () => {
    const tx = await authorized();
    const result = await gr4vy.transactions.void(tx.id, ['resource=transaction-void']);
    expect(result).toMatchObject({
      type: 'transaction-void',
      status: 'succeeded',
      code: null,
      transaction: { id: tx.id, status: 'authorization_voided' },
    });

    const other = await authorized();
    // Captured in full at Smartpay behind Kessai's back (its webhook lost): Smartpay refuses to cancel the order.
    sdk.stack.sandbox.control.addFault({ webhook: { type: 'payment.created' }, times: 1, kind: 'drop' });
    const payment = await fetch(`${sdk.stack.sandbox.apiBase}/payments`, {
      method: 'POST',
      headers: { authorization: `Basic ${sdk.stack.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ order: other.paymentServiceTransactionId, amount: 12_000, currency: 'JPY' }),
    });
    expect(payment.status).toBe(200);
    const refused = await gr4vy.transactions.void(other.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error400);
    expect((refused as Error400).message).toContain('declined the void');
    const after = await gr4vy.transactions.get(other.id);
    expect(after).toMatchObject({ status: 'authorization_succeeded', errorCode: 'declined' });
    expect(after.rawResponseCode).toEqual(expect.any(String));
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
    const refusals: Array<[Partial<TransactionCreate>, string]> = [
      [{ store: true }, '/store'],
      [{ allowPartialAuthorization: true }, '/allow_partial_authorization'],
      [{ paymentSource: 'recurring' }, '/payment_source'],
      [{ giftCards: [{ number: '4123455541234561234', pin: '1234', amount: 100 }] }, '/gift_cards'],
    ];
    for (const [flag, pointer] of refusals) {
      const refused = await gr4vy.transactions.create(order(flag)).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(Error400);
      expect((refused as Error400).details?.[0]?.pointer).toBe(pointer);
    }
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

  // Last: it re-keys the stack's connection.
  it('a capture the provider failed (order unknown under the new key): 502 plain, status failed with Prefer', async () => {
    const tx = await authorized();
    const newKey = `sk_test_${Math.random().toString(36).slice(2)}`;
    await gr4vy.paymentServices.update({ fields: [{ key: 'secret_key', value: newKey }] }, sdk.stack.paymentServiceId);
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
