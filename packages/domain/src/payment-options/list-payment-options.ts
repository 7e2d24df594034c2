import type { ContactDetails } from '../buyers/buyer';
import type { ResolveTransactionBuyer } from '../buyers/resolve-transaction-buyer';
import type { CheckoutSessionRepository } from '../checkout-sessions/checkout-session-repository';
import type { PaymentServiceRepository } from '../connections/payment-service-repository';
import type { CapabilityProfile, RequiredBuyerField } from '../connectors/capability-profile';
import type { ConnectorRegistry } from '../connectors/connector-registry';
import { CheckoutSessionNotFoundError } from '../errors';
import { MAX_AMOUNT } from '../money';
import type { PaymentOptions, UnavailablePaymentOption } from './payment-option';

/** What the buyer's checkout is: each unknown (null) is taken from the checkout session, else left unchecked. */
export interface PaymentOptionQuery {
  merchantAccountId: string;
  amount: number | null;
  currency: string | null;
  country: string | null;
  /** Its session, when known: its amount, currency and buyer's shipping details count. */
  checkoutSessionId: string | null;
  /** A stored buyer it is for: the buyer's one stored shipping address counts. */
  buyer: { buyerId: string | null; externalIdentifier: string | null };
  /** Where the order goes, as the request says; null when it does not. */
  shippingDetails: ContactDetails | null;
}

export interface ListPaymentOptionsDependencies {
  paymentServices: PaymentServiceRepository;
  connectors: ConnectorRegistry;
  checkoutSessions: CheckoutSessionRepository;
  resolveBuyer: ResolveTransactionBuyer;
}

/** A connector's display name for the buyer; its method name when it has none. */
const LABELS: Record<string, string> = { smartpay: 'Smartpay' };

/**
 * The methods a merchant's active connections can take for this checkout, and those they cannot with the reason.
 * A connector that needs a shipping address on every transaction (Smartpay) is offered only once one is known.
 */
export class ListPaymentOptions {
  constructor(private readonly deps: ListPaymentOptionsDependencies) {}

  async execute(asked: PaymentOptionQuery): Promise<PaymentOptions> {
    const query = await this.known(asked);
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

  /** The query with what its checkout session and stored buyer know filled in where it says nothing. */
  private async known(query: PaymentOptionQuery): Promise<PaymentOptionQuery> {
    const { merchantAccountId } = query;
    const session = query.checkoutSessionId
      ? await this.deps.checkoutSessions.get(merchantAccountId, query.checkoutSessionId)
      : undefined;
    if (query.checkoutSessionId && !session)
      throw new CheckoutSessionNotFoundError(
        `checkout session ${query.checkoutSessionId} was not found`,
        '/checkout_session_id',
      );
    const stored = await this.deps.resolveBuyer.execute(merchantAccountId, {
      buyerId: query.buyer.buyerId ?? undefined,
      externalIdentifier: query.buyer.externalIdentifier ?? undefined,
      guestBuyer: false,
    });
    return {
      ...query,
      amount: query.amount ?? session?.amount ?? null,
      currency: query.currency ?? session?.currency ?? null,
      shippingDetails:
        [query.shippingDetails, session?.buyer?.shippingDetails, stored?.shippingDetails].find((d) => d?.address) ??
        null,
    };
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
