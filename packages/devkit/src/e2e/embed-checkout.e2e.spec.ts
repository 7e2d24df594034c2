import type { Gr4vy } from '@gr4vy/sdk';
import type { TransactionCreate } from '@gr4vy/sdk/models/components';
import { Error400, Error403, Error404 } from '@gr4vy/sdk/models/errors';
import { buyerClicks } from '../testing/buyer-clicks';
import { checkoutOf, embedClient, pinsOf } from '../testing/embed-checkout';
import { eventually } from '../testing/eventually';
import { storages, useSdkStack } from '../testing/gr4vy-sdk-stack';

const SHOP = 'https://shop.example.jp';

/** Gr4vy's Embed flow, driven by the unchanged SDK: checkout session, embed token, payment options, one transaction. */
describe.each(storages)('Embed: checkout sessions, embed tokens and payment options (storage %s)', (storage) => {
  const sdk = useSdkStack(storage);
  let gr4vy: Gr4vy;
  beforeAll(async () => {
    gr4vy = sdk.gr4vy;
    const answer = await fetch(`${sdk.stack.baseUrl}/embed-origins`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await sdk.stack.token(['*.write'])}`, 'content-type': 'application/json' },
      body: JSON.stringify({ origins: [SHOP] }),
    });
    expect(answer.status).toBe(200);
  });

  /** What the embed sends on the buyer's choice: the pinned amount and Smartpay, nothing else. */
  const choice = (overrides: Partial<TransactionCreate> = {}): TransactionCreate => ({
    amount: 3300,
    currency: 'JPY',
    country: 'JP',
    paymentMethod: { method: 'smartpay', redirectUrl: `${SHOP}/return`, country: 'JP', currency: 'JPY' },
    ...overrides,
  });

  const paidSession = async () => {
    const checkout = checkoutOf();
    const session = await gr4vy.checkoutSessions.create(checkout);
    const embed = await embedClient(sdk.stack, session.id, pinsOf(checkout));
    const transaction = await embed.gr4vy.transactions.create(choice());
    return { session, embed, transaction };
  };

  it('the SDK creates, reads, updates and deletes a checkout session with its cart, buyer, shipping and expiry', async () => {
    const before = Date.now();
    const created = await gr4vy.checkoutSessions.create(checkoutOf({ expiresIn: 600 }));
    expect(created).toMatchObject({
      type: 'checkout-session',
      amount: 3300,
      currency: 'JPY',
      metadata: { orderRef: 'A-1' },
      cartItems: [{ name: 'Sencha', quantity: 2, unitAmount: 1000, taxAmount: 200 }, { productType: 'shipping_fee' }],
      buyer: { displayName: 'Hanako Yamada', shippingDetails: { address: { postalCode: '150-0002', country: 'JP' } } },
    });
    expect(created.expiresAt.getTime() - before).toBeGreaterThan(590_000);
    expect(created.expiresAt.getTime() - before).toBeLessThan(610_000);
    expect(await gr4vy.checkoutSessions.get(created.id)).toEqual(created);
    const updated = await gr4vy.checkoutSessions.update(checkoutOf({ amount: 2200, cartItems: null }), created.id);
    expect(updated).toMatchObject({ id: created.id, amount: 2200 });
    expect(updated.cartItems ?? null).toBeNull();
    await gr4vy.checkoutSessions.delete(created.id);
    await expect(gr4vy.checkoutSessions.get(created.id)).rejects.toBeInstanceOf(Error404);
  });

  it('payment options offer Smartpay once a shipping address is known, and say why not before', async () => {
    const withAddress = checkoutOf();
    const shipped = await gr4vy.checkoutSessions.create(withAddress);
    const embed = await embedClient(sdk.stack, shipped.id, pinsOf(withAddress));
    const offered = await embed.gr4vy.paymentOptions.list({ country: 'JP', locale: 'ja' });
    expect(offered.items).toEqual([
      expect.objectContaining({ type: 'payment-option', method: 'smartpay', mode: 'redirect', canDelayCapture: true }),
    ]);

    const noAddress = checkoutOf({ buyer: { displayName: 'Hanako Yamada' } });
    const bare = await gr4vy.checkoutSessions.create(noAddress);
    const unshipped = await embedClient(sdk.stack, bare.id, pinsOf(noAddress));
    expect((await unshipped.gr4vy.paymentOptions.list({ country: 'JP' })).items).toEqual([]);
    const answer = await fetch(`${sdk.stack.baseUrl}/payment-options?country=JP`, {
      headers: { authorization: `Bearer ${unshipped.token}` },
    });
    expect(await answer.json()).toMatchObject({
      items: [],
      unavailable: [{ method: 'smartpay', reason: 'shipping_address_required' }],
    });

    // A server token: the request's own amount, currency and country decide.
    expect((await gr4vy.paymentOptions.list({ amount: 3300, currency: 'JPY', country: 'JP' })).items).toEqual([]);
    const usd = await fetch(`${sdk.stack.baseUrl}/payment-options?currency=USD&checkout_session_id=${shipped.id}`, {
      headers: { authorization: `Bearer ${await sdk.stack.token(['*.read'])}` },
    });
    expect(await usd.json()).toMatchObject({ unavailable: [{ reason: 'currency_not_supported' }] });
  });

  it('an embed token creates its checkout session’s one transaction (creating again, even at once, returns it) and reads its outcome', async () => {
    const order = `once-${Math.random().toString(36).slice(2)}`;
    const checkout = checkoutOf({ metadata: { orderRef: order } });
    const session = await gr4vy.checkoutSessions.create(checkout);
    const embed = await embedClient(sdk.stack, session.id, pinsOf(checkout));
    const [first, second] = await Promise.all([
      embed.gr4vy.transactions.create(choice({ externalIdentifier: order })),
      embed.gr4vy.transactions.create(choice({ externalIdentifier: order })),
    ]);
    const third = await embed.gr4vy.transactions.create(choice({ externalIdentifier: order }));
    // The one that lost the race answers with the winner's transaction, perhaps still `processing`.
    expect(first).toMatchObject({ amount: 3300, metadata: { orderRef: order } });
    expect((first.cartItems ?? []).map((item) => item.name)).toEqual(['Sencha', 'Shipping']);
    expect(first.shippingDetails?.address?.postalCode).toBe('150-0002');
    expect([second.id, third.id]).toEqual([first.id, first.id]);
    const read = await eventually(
      () => embed.gr4vy.transactions.get(first.id),
      (tx) => tx.status !== 'processing',
    );
    expect(read).toMatchObject({ id: first.id, status: 'buyer_approval_pending' });
    // The buyer approves on Smartpay's page; the embed learns the outcome with its token.
    await buyerClicks(read.paymentMethod?.approvalUrl ?? '', 'approve');
    const approved = await eventually(
      () => embed.gr4vy.transactions.get(first.id),
      (tx) => tx.status === 'authorization_succeeded',
    );
    expect(approved.status).toBe('authorization_succeeded');
    const all = await gr4vy.transactions.list({ limit: 100 });
    expect(all.result.items.filter((tx) => tx.externalIdentifier === order).map((tx) => tx.id)).toEqual([first.id]);
  });

  it('an embed token cannot create a transaction with another amount', async () => {
    const checkout = checkoutOf();
    const session = await gr4vy.checkoutSessions.create(checkout);
    const embed = await embedClient(sdk.stack, session.id, pinsOf(checkout));
    const error = await embed.gr4vy.transactions.create(choice({ amount: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error400);
    expect((error as Error400).data$.details?.[0]).toMatchObject({ pointer: '/amount' });
    const cart = await embed.gr4vy.transactions
      .create(choice({ cartItems: [{ name: 'Gyokuro', quantity: 1, unitAmount: 3300 }] }))
      .catch((e: unknown) => e);
    expect((cart as Error400).data$.details?.[0]).toMatchObject({ pointer: '/cart_items' });
    const metadata = await embed.gr4vy.transactions
      .create(choice({ metadata: { orderRef: 'B-2' } }))
      .catch((e: unknown) => e);
    expect((metadata as Error400).data$.details?.[0]).toMatchObject({ pointer: '/metadata' });
    // Refused before anything was made: the session can still be paid, repeating the pinned metadata as written.
    expect(await embed.gr4vy.transactions.create(choice({ metadata: { orderRef: 'A-1' } }))).toMatchObject({
      amount: 3300,
      metadata: { orderRef: 'A-1' },
    });
  });

  it('an embed token cannot capture its transaction', async () => {
    const { embed, transaction } = await paidSession();
    await expect(
      embed.gr4vy.transactions.capture({ transactionId: transaction.id, transactionCaptureCreate: {} }),
    ).rejects.toBeInstanceOf(Error403);
  });

  it('an embed token cannot refund its transaction', async () => {
    const { embed, transaction } = await paidSession();
    await expect(embed.gr4vy.transactions.refunds.create({ amount: 100 }, transaction.id)).rejects.toBeInstanceOf(
      Error403,
    );
  });

  it('an embed token cannot read another transaction, nor anything but its own', async () => {
    const { embed } = await paidSession();
    const other = await paidSession();
    await expect(embed.gr4vy.transactions.get(other.transaction.id)).rejects.toBeInstanceOf(Error403);
    await expect(embed.gr4vy.transactions.list()).rejects.toBeInstanceOf(Error403);
    await expect(embed.gr4vy.checkoutSessions.get(other.session.id)).rejects.toBeInstanceOf(Error403);
  });

  it('CORS answers registered origins on the embed’s routes only', async () => {
    const { embed, transaction } = await paidSession();
    const preflight = (path: string, origin: string) =>
      fetch(`${sdk.stack.baseUrl}${path}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    for (const path of ['/payment-options', '/transactions', `/transactions/${transaction.id}`]) {
      const allowed = await preflight(path, SHOP);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP);
      expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
      const refused = await preflight(path, 'https://evil.example');
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }
    const elsewhere = await preflight(`/transactions/${transaction.id}/capture`, SHOP);
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();

    const read = (origin: string) =>
      fetch(`${sdk.stack.baseUrl}/transactions/${transaction.id}`, {
        headers: { origin, authorization: `Bearer ${embed.token}` },
      });
    expect((await read(SHOP)).headers.get('access-control-allow-origin')).toBe(SHOP);
    expect((await read('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
