import { createPrivateKey } from 'node:crypto';
import { type EmbedParams, Gr4vy, getEmbedToken } from '@gr4vy/sdk';
import type { CheckoutSessionCreate } from '@gr4vy/sdk/models/components';
import { person } from './gr4vy-sdk-stack';
import type { Kessai } from './in-process-kessai';

/** The merchant's private key as PEM, the form Gr4vy's SDK signs with. */
export const privateKeyPem = (api: Pick<Kessai, 'privateJwk'>): string =>
  createPrivateKey({ key: api.privateJwk as never, format: 'jwk' })
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();

/** A checkout as a shop's server writes it: a cart, a buyer, and (unless told otherwise) where it ships. */
export function checkoutOf(overrides: Partial<CheckoutSessionCreate> = {}): CheckoutSessionCreate {
  return {
    amount: 3300,
    currency: 'JPY',
    cartItems: [
      { name: 'Sencha', quantity: 2, unitAmount: 1000, taxAmount: 200, sku: 'SEN-1' },
      { name: 'Shipping', quantity: 1, unitAmount: 1100, productType: 'shipping_fee' },
    ],
    metadata: { orderRef: 'A-1' },
    buyer: { displayName: 'Hanako Yamada', billingDetails: person, shippingDetails: person },
    ...overrides,
  };
}

/** What `getEmbedToken` pins for a checkout: its amount, currency, cart and metadata. */
export const pinsOf = (checkout: CheckoutSessionCreate): EmbedParams => ({
  amount: checkout.amount ?? 0,
  currency: checkout.currency ?? '',
  ...(checkout.cartItems ? { cartItems: checkout.cartItems } : {}),
  ...(checkout.metadata ? { metadata: checkout.metadata } : {}),
});

/** The unchanged SDK holding only an embed token, as the buyer's browser would. */
export async function embedClient(
  api: Pick<Kessai, 'baseUrl' | 'privateJwk'>,
  checkoutSessionId: string,
  embedParams: EmbedParams,
): Promise<{ token: string; gr4vy: Gr4vy }> {
  const token = await getEmbedToken({ privateKey: privateKeyPem(api), embedParams, checkoutSessionId });
  return { token, gr4vy: new Gr4vy({ serverURL: api.baseUrl, merchantAccountId: 'default', bearerAuth: token }) };
}
