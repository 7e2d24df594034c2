import type { CheckoutSession, CheckoutSessionBuyer, CheckoutSessionFields } from '@kessai/domain';
import { contactJson, toContactDetails } from './buyer-presenters';
import { toCartItem } from './create-command';
import { presentCartItem } from './presenters';
import type { CheckoutSessionBody, CheckoutSessionJson } from './schemas/checkout-session';

/** Checkout sessions ↔ JSON (Gr4vy's `CheckoutSession`). Pure functions; the zod response schema checks the result. */
export function toCheckoutSessionFields(body: CheckoutSessionBody): CheckoutSessionFields {
  const buyer = body.buyer;
  return {
    amount: body.amount ?? null,
    currency: body.currency ?? null,
    cartItems: body.cart_items ? body.cart_items.map(toCartItem) : null,
    metadata: body.metadata ?? null,
    buyer: buyer
      ? {
          displayName: buyer.display_name ?? null,
          externalIdentifier: buyer.external_identifier ?? null,
          accountNumber: buyer.account_number ?? null,
          billingDetails: buyer.billing_details ? toContactDetails(buyer.billing_details) : null,
          shippingDetails: buyer.shipping_details ? toContactDetails(buyer.shipping_details) : null,
        }
      : null,
    paymentServiceId: body.payment_service_id ?? null,
  };
}

function buyerJson(buyer: CheckoutSessionBuyer) {
  return {
    display_name: buyer.displayName,
    external_identifier: buyer.externalIdentifier,
    account_number: buyer.accountNumber,
    billing_details: buyer.billingDetails ? contactJson(buyer.billingDetails) : null,
    shipping_details: buyer.shippingDetails ? contactJson(buyer.shippingDetails) : null,
  };
}

export function presentCheckoutSession(session: CheckoutSession): CheckoutSessionJson {
  return {
    type: 'checkout-session',
    id: session.id,
    cart_items: session.cartItems ? session.cartItems.map(presentCartItem) : null,
    metadata: session.metadata,
    buyer: session.buyer ? buyerJson(session.buyer) : null,
    airline: null,
    amount: session.amount,
    currency: session.currency,
    payment_service_id: session.paymentServiceId,
    expires_at: session.expiresAt.toISOString(),
    payment_method: null,
  };
}
