import type { Buyer, BuyerShippingDetails, ContactDetails, PersonDetails } from '@kessai/domain';
import type { BuyerJson, ContactDetailsIn, ShippingDetailsJson } from './schemas/buyer';

/** Buyer resources ↔ JSON. Pure functions; the zod response schemas check the result. */
export function toContactDetails(body: ContactDetailsIn): ContactDetails {
  const address = body.address;
  return {
    firstName: body.first_name ?? null,
    lastName: body.last_name ?? null,
    emailAddress: body.email_address ?? null,
    phoneNumber: body.phone_number ?? null,
    address: address
      ? {
          line1: address.line1 ?? null,
          line2: address.line2 ?? null,
          city: address.city ?? null,
          state: address.state ?? null,
          postalCode: address.postal_code ?? null,
          country: address.country ?? null,
          stateCode: address.state_code ?? null,
          houseNumberOrName: address.house_number_or_name ?? null,
          organization: address.organization ?? null,
        }
      : null,
  };
}

/**
 * Stored details as a transaction takes them. A missing field becomes empty, so the connector's requirement
 * check names it (e.g. "smartpay requires buyer.billing_details.address.line1").
 */
export function toPersonDetails(details: ContactDetails | null): PersonDetails | undefined {
  if (!details) return undefined;
  const address = details.address;
  return {
    firstName: details.firstName ?? '',
    lastName: details.lastName ?? '',
    emailAddress: details.emailAddress ?? '',
    phoneNumber: details.phoneNumber,
    address: {
      line1: address?.line1 ?? '',
      line2: address?.line2 ?? null,
      city: address?.city ?? '',
      state: address?.state ?? '',
      postalCode: address?.postalCode ?? '',
      country: address?.country ?? '',
      stateCode: address?.stateCode ?? null,
      houseNumberOrName: address?.houseNumberOrName ?? null,
      organization: address?.organization ?? null,
    },
  };
}

export function contactJson(details: ContactDetails) {
  const address = details.address;
  return {
    first_name: details.firstName,
    last_name: details.lastName,
    email_address: details.emailAddress,
    phone_number: details.phoneNumber,
    address: address
      ? {
          line1: address.line1,
          line2: address.line2,
          city: address.city,
          state: address.state,
          postal_code: address.postalCode,
          country: address.country,
          state_code: address.stateCode ?? null,
          house_number_or_name: address.houseNumberOrName ?? null,
          organization: address.organization ?? null,
        }
      : null,
  };
}

export function presentBuyer(buyer: Buyer): BuyerJson {
  return {
    type: 'buyer',
    id: buyer.id,
    merchant_account_id: buyer.merchantAccountId,
    display_name: buyer.displayName,
    external_identifier: buyer.externalIdentifier,
    account_number: buyer.accountNumber,
    billing_details: buyer.billingDetails ? contactJson(buyer.billingDetails) : null,
    created_at: buyer.createdAt.toISOString(),
    updated_at: buyer.updatedAt.toISOString(),
  };
}

export function presentShippingDetails(details: BuyerShippingDetails): ShippingDetailsJson {
  return {
    type: 'shipping-details',
    id: details.id,
    buyer_id: details.buyerId,
    ...contactJson(details),
    created_at: details.createdAt.toISOString(),
    updated_at: details.updatedAt.toISOString(),
  };
}
