/** Wire shapes of the Smartpay objects, stored as-is (references as ids) and expanded on the way out. */
export type Mode = 'test' | 'live';
export type Metadata = Record<string, string>;
export type CaptureMethod = 'automatic' | 'manual';
export type LineItemKind = 'product' | 'discount' | 'tax';
export type OrderStatus = 'requires_authorization' | 'requires_capture' | 'succeeded' | 'canceled' | 'rejected';

interface Base {
  id: string;
  test: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface Address {
  line1: string;
  line2?: string;
  line3?: string;
  line4?: string;
  line5?: string;
  subLocality?: string;
  locality: string;
  administrativeArea?: string;
  postalCode: string;
  country: 'JP';
}

export interface CustomerInfo {
  emailAddress?: string;
  firstName?: string;
  lastName?: string;
  firstNameKana?: string;
  lastNameKana?: string;
  phoneNumber?: string;
  dateOfBirth?: string;
  legalGender?: 'male' | 'female';
  address?: Address;
  accountAge?: number;
  reference?: string;
}

export interface ShippingInfo {
  address: Address;
  addressType?: 'home' | 'gift' | 'locker' | 'office' | 'store';
  carrierName?: string;
  reference?: string;
  feeAmount?: number;
  feeCurrency?: 'JPY';
}

export interface Product extends Base {
  object: 'product';
  active: boolean;
  name: string;
  description?: string;
  brand?: string;
  categories: string[];
  gtin?: string;
  images: string[];
  url?: string;
  metadata: Metadata;
}

export interface Price extends Base {
  object: 'price';
  active: boolean;
  amount: number;
  currency: 'JPY';
  description?: string;
  metadata: Metadata;
  product: Product;
}

export interface LineItem extends Base {
  object: 'lineItem';
  kind: LineItemKind;
  quantity: number;
  description?: string;
  label?: string;
  reference?: string;
  metadata: Metadata;
  price: Price;
}

export interface Order extends Base {
  object: 'order';
  status: OrderStatus;
  amount: number;
  currency: 'JPY';
  captureMethod: CaptureMethod;
  description?: string;
  reference?: string;
  lineItems: string[];
  payments: string[];
  discounts: string[];
  shippingInfo: ShippingInfo;
  metadata: Metadata;
  /** Set on authorization: the end of the 7-day hold. */
  expiresAt?: number;
}

export interface Payment extends Base {
  object: 'payment';
  status: 'processed' | 'refunded';
  amount: number;
  currency: 'JPY';
  order: string;
  reference?: string;
  description?: string;
  lineItems: string[];
  refunds: string[];
  metadata: Metadata;
}

export interface Refund extends Base {
  object: 'refund';
  status: 'succeeded';
  amount: number;
  currency: 'JPY';
  payment: string;
  reason: 'requested_by_customer' | 'fraudulent';
  reference?: string;
  description?: string;
  lineItems: string[];
  metadata: Metadata;
}

export interface CheckoutSession extends Base {
  object: 'checkoutSession';
  /** The buyer can no longer act on the hosted page after this instant (sandbox: checkoutSessionTtlMs). */
  expiresAt: number;
  customerInfo: CustomerInfo;
  locale?: 'en' | 'ja';
  reference?: string;
  description?: string;
  metadata: Metadata;
  successUrl: string;
  cancelUrl: string;
  url: string;
  order: string;
}

export interface WebhookEndpoint extends Base {
  object: 'webhookEndpoint';
  url: string;
  active: boolean;
  eventSubscriptions: string[];
  description?: string;
  metadata: Metadata;
  signingSecret: string;
}

/** The event types this sandbox emits (the real API knows more, see ALL_EVENT_TYPES). */
export type EventType = 'order.authorized' | 'order.rejected' | 'order.canceled' | 'payment.created' | 'refund.created';

export const ALL_EVENT_TYPES = [
  'order.authorized',
  'order.rejected',
  'order.canceled',
  'payment.created',
  'refund.created',
  'payout.generated',
  'payout.paid',
  'coupon.created',
  'coupon.updated',
  'promotion_code.created',
  'promotion_code.updated',
  'merchant_user.created',
  'merchant_user.password_reset',
  'token.created',
  'token.approved',
  'token.rejected',
  'token.deleted',
  'token.disabled',
  'token.enabled',
  'token.used',
] as const;

export interface SmartpayEvent {
  id: string;
  object: 'event';
  createdAt: number;
  test: boolean;
  eventData: { type: EventType; version: '2022-02-18'; data: Order | Payment | Refund };
}
