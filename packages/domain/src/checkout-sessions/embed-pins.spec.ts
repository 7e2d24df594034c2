import { EmbedPinMismatchError } from '../errors';
import type { CartItem } from '../transactions/cart-item';
import { type EmbedPins, type EmbedRequest, withinPins } from './embed-pins';

const cart: CartItem[] = [{ name: 'Sencha', quantity: 2, unitAmount: 1000, discountAmount: 0, taxAmount: 200 }];
const pins: EmbedPins = {
  amount: 2200,
  currency: 'JPY',
  buyerId: null,
  buyerExternalIdentifier: 'customer-1',
  metadata: { order: 'A-1' },
  cartItems: cart,
};
const asked: EmbedRequest = {
  amount: 2200,
  currency: 'JPY',
  buyerId: null,
  buyerExternalIdentifier: null,
  metadata: null,
  cartItems: [],
};
const fieldOf = (request: Partial<EmbedRequest>) => {
  try {
    withinPins(pins, { ...asked, ...request });
  } catch (error) {
    if (error instanceof EmbedPinMismatchError) return error.field;
    throw error;
  }
  return undefined;
};

describe('an embed token’s pins', () => {
  it('fill in what the request leaves out', () => {
    expect(withinPins(pins, asked)).toEqual({ ...pins, buyerId: null, cartItems: cart });
  });

  it('accept a request that repeats them', () => {
    const same = { ...asked, buyerExternalIdentifier: 'customer-1', metadata: { order: 'A-1' }, cartItems: cart };
    expect(withinPins(pins, same)).toEqual(withinPins(pins, asked));
  });

  it('refuse any difference, naming the field', () => {
    expect(fieldOf({ amount: 2199 })).toBe('/amount');
    expect(fieldOf({ currency: 'USD' })).toBe('/currency');
    expect(fieldOf({ buyerExternalIdentifier: 'customer-2' })).toBe('/buyer_external_identifier');
    expect(fieldOf({ metadata: { order: 'A-2' } })).toBe('/metadata');
    expect(fieldOf({ metadata: { order: 'A-1', extra: 'x' } })).toBe('/metadata');
    expect(fieldOf({ cartItems: [{ ...cart[0], quantity: 1 } as CartItem] })).toBe('/cart_items');
    expect(fieldOf({ cartItems: [...cart, ...cart] })).toBe('/cart_items');
  });

  it('leave an unpinned field to the request', () => {
    expect(withinPins({ ...pins, cartItems: null, metadata: null }, { ...asked, metadata: { a: 'b' } })).toMatchObject({
      metadata: { a: 'b' },
      cartItems: [],
    });
  });
});
