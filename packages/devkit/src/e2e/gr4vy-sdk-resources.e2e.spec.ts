import type { Gr4vy } from '@gr4vy/sdk';
import { Error400, Error404 } from '@gr4vy/sdk/models/errors';
import { person, storages, useSdkStack } from '../testing/gr4vy-sdk-stack';

/** The official Gr4vy SDK on Kessai's other resources: payment services, buyers, and its typed errors. */
describe.each(storages)('the official Gr4vy SDK: payment services, buyers, errors (storage %s)', (storage) => {
  const sdk = useSdkStack(storage);
  let gr4vy: Gr4vy;
  beforeAll(() => {
    gr4vy = sdk.gr4vy;
  });
  const order: typeof sdk.order = (overrides) => sdk.order(overrides);

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
    expect(listed.result.items.map((s) => s.id)).toEqual([sdk.stack.paymentServiceId, created.id]);
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
    expect((await gr4vy.paymentServices.list()).result.items.map((s) => s.id)).toEqual([sdk.stack.paymentServiceId]);
    const deleted = await gr4vy.paymentServices.list({ deleted: true });
    expect(deleted.result.items.map((s) => s.id)).toEqual([created.id]);
    await expect(gr4vy.transactions.create(order({ paymentServiceId: created.id }))).rejects.toBeInstanceOf(Error400);
  });

  it('payment service definitions: what a Smartpay connection needs and can do', async () => {
    const definition = await gr4vy.paymentServiceDefinitions.get('smartpay-smartpay');
    expect(definition).toMatchObject({
      id: 'smartpay-smartpay',
      method: 'smartpay',
      supportedCurrencies: ['JPY'],
      supportedCountries: ['JP'],
      configuration: { cartItemsLimit: 249 },
    });
    expect(definition.fields.filter((f) => f.required).map((f) => f.key)).toEqual(['secret_key']);
    expect(definition.supportedFeatures).toMatchObject({ partial_capture: true, over_capture: false });
    expect(definition.requiredCheckoutFields[0]?.requiredFields).toContain('shipping_details.address.line1');
    const all = await gr4vy.paymentServiceDefinitions.list();
    expect(all.result.items.map((d) => d.id)).toEqual(['smartpay-smartpay']);
    await expect(gr4vy.paymentServiceDefinitions.get('stripe-card')).rejects.toBeInstanceOf(Error404);
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

  it('lists of what Kessai never holds answer the truth: none (gift cards, stored methods, settlements)', async () => {
    const tx = await gr4vy.transactions.create(order());
    expect(await gr4vy.buyers.giftCards.list('customer-1')).toEqual({ items: [] });
    expect(await gr4vy.buyers.paymentMethods.list({})).toEqual({ items: [] });
    expect(await gr4vy.transactions.settlements.list(tx.id)).toEqual({ items: [] });
    const unknown = '6b0f4c83-7a3e-4d0e-9a57-1f7c2f7a1c11';
    await expect(gr4vy.transactions.settlements.list(unknown)).rejects.toBeInstanceOf(Error404);
  });

  it('unknown routes and methods answer in the error envelope; the OpenAPI document lists what the SDK calls', async () => {
    await expect(gr4vy.giftCards.get('6b0f4c83-7a3e-4d0e-9a57-1f7c2f7a1c11')).rejects.toBeInstanceOf(Error404);
    const unknown = await fetch(`${sdk.stack.baseUrl}/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await unknown.json()).toMatchObject({ type: 'error', code: 'not_found', status: 404 });
    const wrongMethod = await fetch(`${sdk.stack.baseUrl}/transactions`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('content-type')).toMatch(/^application\/json/);
    expect(wrongMethod.headers.get('allow')).toContain('POST');
    expect(await wrongMethod.json()).toMatchObject({ type: 'error', code: 'method_not_allowed', status: 405 });

    const spec = (await sdk.stack.call('GET', '/openapi.json')).body;
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
});
