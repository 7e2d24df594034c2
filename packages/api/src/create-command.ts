import type { CartItem, CreateTransactionCommand, PersonDetails, TransactionBuyer } from '@kessai/domain';
import type { z } from 'zod';
import { ApiError } from './api-error';
import type { CartItemBody, CreateTransactionBody, personSchema } from './schemas/transaction-create';

type PersonBody = z.infer<typeof personSchema>;

export function toCartItem(item: CartItemBody): CartItem {
  return {
    name: item.name,
    quantity: item.quantity,
    unitAmount: item.unit_amount,
    discountAmount: item.discount_amount,
    taxAmount: item.tax_amount,
    productType: item.product_type ?? null,
    sku: item.sku ?? null,
    externalIdentifier: item.external_identifier ?? null,
    description: item.description ?? null,
    productUrl: item.product_url ?? null,
    imageUrl: item.image_url ?? null,
    categories: item.categories ?? null,
    upc: item.upc ?? null,
    sellerCountry: item.seller_country ?? null,
    taxExempt: item.tax_exempt ?? null,
    unitOfMeasure: item.unit_of_measure ?? null,
    commodityCode: item.commodity_code ?? null,
  };
}

export function toPerson(body: PersonBody): PersonDetails {
  return {
    firstName: body.first_name,
    lastName: body.last_name,
    emailAddress: body.email_address,
    phoneNumber: body.phone_number ?? null,
    address: {
      line1: body.address.line1,
      line2: body.address.line2 ?? null,
      city: body.address.city,
      state: body.address.state,
      postalCode: body.address.postal_code,
      country: body.address.country,
      stateCode: body.address.state_code ?? null,
      houseNumberOrName: body.address.house_number_or_name ?? null,
      organization: body.address.organization ?? null,
    },
  };
}

const mismatch = (pointer: string, message: string) =>
  ApiError.badRequest(message, [{ location: 'body', pointer, message, type: 'value_error' }]);

/** A stored buyer's details, when the request names one (`buyer_id` / `buyer_external_identifier`). */
export interface StoredBuyerDetails {
  billingDetails: PersonDetails | undefined;
  shippingDetails: PersonDetails | undefined;
  buyer: TransactionBuyer;
}

export function toCreateCommand(
  merchantAccountId: string,
  body: CreateTransactionBody,
  storedBuyer?: StoredBuyerDetails,
): CreateTransactionCommand {
  const method = body.payment_method;
  if (body.country && body.country !== method.country) {
    throw mismatch('/country', 'country must match payment_method.country');
  }
  if (body.currency !== method.currency) {
    throw mismatch('/payment_method/currency', 'currency must match payment_method.currency');
  }
  const inlineShipping = body.shipping_details ?? body.buyer?.shipping_details;
  const billing = body.buyer?.billing_details;
  const guest = body.buyer;
  const buyer: TransactionBuyer | undefined =
    storedBuyer?.buyer ??
    (guest
      ? {
          id: null,
          displayName: guest.display_name ?? null,
          externalIdentifier: guest.external_identifier ?? null,
          accountNumber: guest.account_number ?? null,
        }
      : undefined);
  return {
    merchantAccountId,
    paymentServiceId: body.payment_service_id ?? undefined,
    intent: body.intent,
    amount: body.amount,
    currency: body.currency,
    country: body.country ?? method.country,
    paymentMethod: method.method,
    paymentMethodExternalIdentifier: method.external_identifier ?? null,
    redirectUrl: method.redirect_url,
    billingDetails: billing ? toPerson(billing) : storedBuyer?.billingDetails,
    shippingDetails: inlineShipping ? toPerson(inlineShipping) : storedBuyer?.shippingDetails,
    ...(buyer ? { buyer } : {}),
    cartItems: body.cart_items.map(toCartItem),
    externalIdentifier: body.external_identifier ?? null,
    metadata: body.metadata ?? {},
    storedPaymentMethod: body.store ?? false,
    partialAuthorization: body.allow_partial_authorization ?? false,
  };
}
