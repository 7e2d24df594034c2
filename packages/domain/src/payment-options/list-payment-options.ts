import type { ContactDetails } from '../buyers/buyer';
import type { PaymentServiceRepository } from '../connections/payment-service-repository';
import type { CapabilityProfile, RequiredBuyerField } from '../connectors/capability-profile';
import type { ConnectorRegistry } from '../connectors/connector-registry';
import { MAX_AMOUNT } from '../money';
import type { PaymentOptions, UnavailablePaymentOption } from './payment-option';

/** What the buyer's checkout is: each unknown (null) leaves its rule unchecked. */
export interface PaymentOptionQuery {
  merchantAccountId: string;
  amount: number | null;
  currency: string | null;
  country: string | null;
  /** Where the order goes, as the checkout session, the buyer or the request knows it; null when none does. */
  shippingDetails: ContactDetails | null;
}

/** A connector's display name for the buyer; its method name when it has none. */
const LABELS: Record<string, string> = { smartpay: 'Smartpay' };

/**
 * The methods a merchant's active connections can take for this checkout, and those they cannot with the reason.
 * A connector that needs a shipping address on every transaction (Smartpay) is offered only once one is known.
 */
export class ListPaymentOptions {
  constructor(private readonly deps: { paymentServices: PaymentServiceRepository; connectors: ConnectorRegistry }) {}

  async execute(query: PaymentOptionQuery): Promise<PaymentOptions> {
    const options: PaymentOptions = { items: [], unavailable: [] };
    for (const method of this.deps.connectors.names()) {
      const service = await this.deps.paymentServices.findDefault(query.merchantAccountId, method);
      if (!service?.active || service.deletedAt) continue;
      const profile = this.deps.connectors.get(service.connector).capabilities;
      const refusal = unavailableFor(profile, query);
      if (refusal) options.unavailable.push({ method, ...refusal });
      else
        options.items.push({
          method,
          mode: 'redirect',
          label: LABELS[method] ?? method,
          canStorePaymentMethod: profile.storedPaymentMethods,
          canDelayCapture: profile.delayedCapture,
        });
    }
    return options;
  }
}

function unavailableFor(
  profile: CapabilityProfile,
  query: PaymentOptionQuery,
): Omit<UnavailablePaymentOption, 'method'> | undefined {
  const name = LABELS[profile.connector] ?? profile.connector;
  if (query.currency !== null && !profile.currencies.includes(query.currency))
    return { reason: 'currency_not_supported', message: `${name} takes ${profile.currencies.join(', ')} only` };
  if (query.country !== null && !profile.countries.includes(query.country))
    return { reason: 'country_not_supported', message: `${name} is for buyers in ${profile.countries.join(', ')}` };
  const { min, max } = profile.amountRange ?? { min: 1, max: MAX_AMOUNT };
  if (query.amount !== null && (query.amount < min || query.amount > max))
    return { reason: 'amount_out_of_range', message: `${name} takes amounts from ${min} to ${max}` };
  if (profile.requiresShippingDetails && !hasShippingAddress(profile, query.shippingDetails))
    return { reason: 'shipping_address_required', message: `${name} needs the shipping address first` };
  return undefined;
}

/** Every address field the connector requires is present (the names and email are checked on the transaction). */
export function hasShippingAddress(profile: CapabilityProfile, details: ContactDetails | null): boolean {
  const address = details?.address;
  if (!address) return false;
  const values: Partial<Record<RequiredBuyerField, string | null | undefined>> = {
    'address.line1': address.line1,
    'address.city': address.city,
    'address.state': address.state,
    'address.postal_code': address.postalCode,
    'address.country': address.country,
  };
  return profile.requiredBuyerFields
    .filter((field) => field.startsWith('address.'))
    .every((field) => Boolean(values[field]?.trim()));
}
