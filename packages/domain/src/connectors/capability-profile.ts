import {
  CartItemsTotalMismatchError,
  InvalidFieldError,
  MissingRequiredFieldError,
  TooManyCartItemsError,
  UnsupportedCountryError,
  UnsupportedCurrencyError,
  UnsupportedFeatureError,
} from '../errors';
import { MAX_AMOUNT } from '../money';
import type { CartItem } from '../transactions/cart-item';
import type { PersonDetails } from '../transactions/person-details';

/**
 * What a connector can do and what it needs on every transaction. The aggregate consults it, so a second connector
 * declares different capabilities instead of the domain growing `if (smartpay)` branches.
 */
export interface CapabilityProfile {
  connector: string;
  currencies: readonly string[];
  countries: readonly string[];
  maxCartItems: number;
  delayedCapture: boolean;
  partialCapture: boolean;
  multipleCaptures: boolean;
  overCapture: boolean;
  partialAuthorization: boolean;
  zeroAmountAuthorization: boolean;
  storedPaymentMethods: boolean;
  partialRefunds: boolean;
  void: boolean;
  /** Billing/shipping fields the provider requires on every transaction. */
  requiredBuyerFields: readonly RequiredBuyerField[];
  /** The longest billing/shipping values the provider takes (it refuses longer ones after the buyer was sent). */
  maxBuyerFieldLengths: Readonly<Partial<Record<RequiredBuyerField, number>>>;
  requiresShippingDetails: boolean;
  /** Default time the buyer has to approve on the hosted page. */
  approvalWindowMs: number;
  /** The amounts (minor units) the provider takes; absent: Kessai's own bounds. */
  amountRange?: { min: number; max: number };
}

export type RequiredBuyerField =
  | 'first_name'
  | 'last_name'
  | 'email_address'
  | 'address.line1'
  | 'address.city'
  | 'address.state'
  | 'address.postal_code'
  | 'address.country';

/** Smartpay per the Gr4vy connection page and Smartpay's API (reference/*.md). */
export const SMARTPAY_CAPABILITIES: CapabilityProfile = {
  connector: 'smartpay',
  currencies: ['JPY'],
  countries: ['JP'],
  maxCartItems: 249,
  delayedCapture: true,
  partialCapture: true,
  multipleCaptures: true,
  overCapture: false,
  partialAuthorization: false,
  zeroAmountAuthorization: false,
  storedPaymentMethods: false,
  partialRefunds: true,
  void: true,
  requiredBuyerFields: [
    'first_name',
    'last_name',
    'email_address',
    'address.line1',
    'address.city',
    'address.state',
    'address.postal_code',
    'address.country',
  ],
  // Smartpay's address `locality` (our city) takes 80 characters; every other field it takes is unbounded.
  maxBuyerFieldLengths: { 'address.city': 80 },
  requiresShippingDetails: true,
  approvalWindowMs: 30 * 60 * 1000,
  // Smartpay publishes no order minimum or maximum (its amounts are uint32 yen): Kessai's own bounds apply.
  amountRange: { min: 1, max: MAX_AMOUNT },
};

export interface TransactionRequirementsInput {
  currency: string;
  country: string;
  billingDetails: PersonDetails | undefined;
  shippingDetails: PersonDetails | undefined;
  cartItems: readonly CartItem[];
  amount: number;
  intent: 'authorize' | 'capture';
  storedPaymentMethod?: boolean;
  partialAuthorization?: boolean;
}

/** Throws the first rule the request breaks, naming the field. */
export function assertSupported(profile: CapabilityProfile, input: TransactionRequirementsInput): void {
  if (!profile.currencies.includes(input.currency)) {
    throw new UnsupportedCurrencyError(
      `${profile.connector} supports ${profile.currencies.join(', ')} only, not ${input.currency}`,
      '/currency',
    );
  }
  if (!profile.countries.includes(input.country)) {
    throw new UnsupportedCountryError(
      `${profile.connector} supports ${profile.countries.join(', ')} only, not ${input.country}`,
      '/country',
    );
  }
  if (input.storedPaymentMethod && !profile.storedPaymentMethods) {
    throw new UnsupportedFeatureError(
      `${profile.connector} does not support stored or tokenized payment methods: store must be false`,
      '/store',
    );
  }
  if (input.partialAuthorization && !profile.partialAuthorization) {
    throw new UnsupportedFeatureError(
      `${profile.connector} does not support partial authorization`,
      '/allow_partial_authorization',
    );
  }
  if (input.intent === 'authorize' && !profile.delayedCapture) {
    throw new UnsupportedFeatureError(`${profile.connector} does not support delayed capture`, '/intent');
  }
  assertPerson(profile, input.billingDetails, '/buyer/billing_details');
  if (profile.requiresShippingDetails) assertPerson(profile, input.shippingDetails, '/shipping_details');
  assertCart(profile, input);
}

function assertPerson(profile: CapabilityProfile, person: PersonDetails | undefined, at: string): void {
  if (!person)
    throw new MissingRequiredFieldError(`${profile.connector} requires ${at.slice(1).replace(/\//g, '.')}`, at);
  const values: Record<RequiredBuyerField, string | undefined> = {
    first_name: person.firstName,
    last_name: person.lastName,
    email_address: person.emailAddress,
    'address.line1': person.address?.line1,
    'address.city': person.address?.city,
    'address.state': person.address?.state,
    'address.postal_code': person.address?.postalCode,
    'address.country': person.address?.country,
  };
  const pointerOf = (field: RequiredBuyerField) => `${at}/${field.replace('.', '/')}`;
  for (const field of profile.requiredBuyerFields) {
    if (!values[field]?.trim()) {
      const pointer = pointerOf(field);
      throw new MissingRequiredFieldError(
        `${profile.connector} requires ${pointer.slice(1).replace(/\//g, '.')}`,
        pointer,
      );
    }
  }
  for (const [field, max] of Object.entries(profile.maxBuyerFieldLengths) as Array<[RequiredBuyerField, number]>) {
    if ((values[field]?.length ?? 0) > max)
      throw new InvalidFieldError(`${profile.connector} takes at most ${max} characters here`, pointerOf(field));
  }
  const country = person.address?.country;
  if (country && !profile.countries.includes(country)) {
    throw new UnsupportedCountryError(
      `${profile.connector} supports addresses in ${profile.countries.join(', ')} only`,
      `${at}/address/country`,
    );
  }
}

/** Line total: quantity × unit amount − discount + tax (all integers, validated at the edge). */
export function cartItemTotal(item: CartItem): number {
  return item.quantity * item.unitAmount - item.discountAmount + item.taxAmount;
}

function assertCart(profile: CapabilityProfile, input: TransactionRequirementsInput): void {
  if (input.cartItems.length > profile.maxCartItems) {
    throw new TooManyCartItemsError(
      `${profile.connector} accepts at most ${profile.maxCartItems} cart items`,
      '/cart_items',
    );
  }
  if (input.cartItems.length === 0) return;
  const total = input.cartItems.reduce((sum, item) => sum + cartItemTotal(item), 0);
  if (total !== input.amount) {
    throw new CartItemsTotalMismatchError(
      `cart items add up to ${total} (quantity × unit_amount − discount_amount + tax_amount) but amount is ${input.amount}`,
      '/cart_items',
    );
  }
}
