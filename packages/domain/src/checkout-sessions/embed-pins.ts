import { EmbedPinMismatchError } from '../errors';
import type { CartItem } from '../transactions/cart-item';

/**
 * What an embed token's `embed` claim pins (Gr4vy's `getEmbedToken`): the transaction it creates must be exactly
 * this. Unset pins leave the field free.
 */
export interface EmbedPins {
  amount: number;
  currency: string;
  buyerId: string | null;
  buyerExternalIdentifier: string | null;
  metadata: Record<string, string> | null;
  cartItems: CartItem[] | null;
}

/** What an embed transaction asks for, in the terms the pins speak. */
export interface EmbedRequest {
  amount: number;
  currency: string;
  buyerId: string | null;
  buyerExternalIdentifier: string | null;
  metadata: Record<string, string> | null;
  cartItems: CartItem[];
}

/**
 * The request with each pinned field it left out filled from the pins; a field it gives that differs from its pin
 * throws `EmbedPinMismatchError` naming the field.
 */
export function withinPins(pins: EmbedPins, request: EmbedRequest): EmbedRequest {
  const refuse = (field: string, what: string) => {
    throw new EmbedPinMismatchError(`the embed token pins ${what}; this request asks for another`, `/${field}`);
  };
  if (request.amount !== pins.amount) refuse('amount', `amount ${pins.amount}`);
  if (request.currency !== pins.currency) refuse('currency', `currency ${pins.currency}`);
  const pinned = <T>(field: string, pin: T | null, asked: T | null, same: (a: T, b: T) => boolean): T | null => {
    if (pin === null) return asked;
    if (asked === null) return pin;
    if (!same(pin, asked)) refuse(field, `its ${field}`);
    return pin;
  };
  const equal = <T>(a: T, b: T) => a === b;
  return {
    amount: pins.amount,
    currency: pins.currency,
    buyerId: pinned('buyer_id', pins.buyerId, request.buyerId, equal),
    buyerExternalIdentifier: pinned(
      'buyer_external_identifier',
      pins.buyerExternalIdentifier,
      request.buyerExternalIdentifier,
      equal,
    ),
    metadata: pinned('metadata', pins.metadata, request.metadata, sameMetadata),
    cartItems:
      pinned('cart_items', pins.cartItems, request.cartItems.length ? request.cartItems : null, sameCart) ?? [],
  };
}

function sameMetadata(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** The same lines in the same order: what is bought, how many, and every amount of each. */
function sameCart(a: CartItem[], b: CartItem[]): boolean {
  const line = (item: CartItem) =>
    JSON.stringify([
      item.name,
      item.quantity,
      item.unitAmount,
      item.discountAmount,
      item.taxAmount,
      item.sku ?? null,
      item.productType ?? null,
    ]);
  return a.length === b.length && a.every((item, i) => line(item) === line(b[i] as CartItem));
}
