import { createPrivateKey } from 'node:crypto';
import { getEmbedToken, getToken } from '@gr4vy/sdk';
import { InMemoryApiKeyRegistry } from '@kessai/domain/in-memory';
import { registerNewKey } from './api-keys';
import { Authenticator } from './authenticator';
import { requireEmbedRoute } from './embed-grant';

const SESSION = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';

async function setup() {
  const keys = new InMemoryApiKeyRegistry();
  const pair = await registerNewKey(keys, ['default', 'tokyo']);
  const privateKey = createPrivateKey({ key: pair.privateJwk as never, format: 'jwk' })
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();
  const authenticator = new Authenticator(keys);
  return { keys, pair, privateKey, authenticator };
}

describe('embed tokens (Gr4vy’s getEmbedToken)', () => {
  it('carry their checkout session and pins, and are only ever embed tokens', async () => {
    const { privateKey, authenticator } = await setup();
    const token = await getEmbedToken({
      privateKey,
      checkoutSessionId: SESSION,
      embedParams: {
        amount: 2200,
        currency: 'JPY',
        buyerExternalIdentifier: 'customer-1',
        metadata: { orderRef: 'A-1' },
        cartItems: [{ name: 'Sencha', quantity: 2, unitAmount: 1000, taxAmount: 200 }],
      },
    });
    const principal = await authenticator.authenticate(`Bearer ${token}`, undefined);
    expect(principal).toMatchObject({ scopes: ['embed'], merchantAccountId: 'default' });
    expect(principal.embed).toEqual({
      checkoutSessionId: SESSION,
      merchantAccountId: null,
      pins: {
        amount: 2200,
        currency: 'JPY',
        buyerId: null,
        buyerExternalIdentifier: 'customer-1',
        // getEmbedToken snake-cases metadata keys too.
        metadata: { order_ref: 'A-1' },
        cartItems: [expect.objectContaining({ name: 'Sencha', quantity: 2, unitAmount: 1000, taxAmount: 200 })],
      },
    });
    const mixed = await getToken({ privateKey, scopes: ['embed', '*.write'], checkoutSessionId: SESSION });
    expect((await authenticator.authenticate(`Bearer ${mixed}`, undefined)).scopes).toEqual(['embed']);
  });

  it('act only for the merchant account they pin', async () => {
    const { privateKey, authenticator } = await setup();
    const token = await getEmbedToken({
      privateKey,
      checkoutSessionId: SESSION,
      embedParams: { amount: 100, currency: 'JPY', merchantAccountId: 'tokyo' },
    });
    await expect(authenticator.authenticate(`Bearer ${token}`, undefined)).resolves.toMatchObject({
      merchantAccountId: 'tokyo',
    });
    await expect(authenticator.authenticate(`Bearer ${token}`, 'default')).rejects.toMatchObject({ status: 403 });
  });

  it('are refused with a checkout session id or embed claim getEmbedToken would not write', async () => {
    const { privateKey, authenticator } = await setup();
    const badSession = await getToken({ privateKey, scopes: ['embed'], checkoutSessionId: 'not-a-session' });
    await expect(authenticator.authenticate(`Bearer ${badSession}`, undefined)).rejects.toMatchObject({ status: 401 });
    const badPins = await getToken({
      privateKey,
      scopes: ['embed'],
      embedParams: { amount: 'lots' as never, currency: 'JPY' },
    });
    await expect(authenticator.authenticate(`Bearer ${badPins}`, undefined)).rejects.toMatchObject({ status: 401 });
  });

  it('reach only the routes marked for the embed', () => {
    expect(() => requireEmbedRoute(true)).not.toThrow();
    expect(() => requireEmbedRoute(undefined)).toThrow(expect.objectContaining({ status: 403 }));
  });
});
