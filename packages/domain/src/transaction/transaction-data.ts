import type { TransactionBuyer } from '../buyer/buyer';
import type { CaptureStatus, RefundStatus, TransactionIntent, TransactionStatus } from './transaction-status';

/**
 * The plain data of a transaction and its children: what a repository stores and `Transaction.rehydrate` takes
 * back. Amounts are integer minor units in the transaction's currency; instants are `Date`s.
 */
export interface Address {
  line1: string;
  line2?: string | null;
  city: string;
  state: string;
  postalCode: string;
  country: string;
  /** ISO 3166-2, e.g. JP-13; kept and shown back. */
  stateCode?: string | null;
  houseNumberOrName?: string | null;
  organization?: string | null;
}

export interface PersonDetails {
  firstName: string;
  lastName: string;
  emailAddress: string;
  phoneNumber?: string | null;
  address: Address;
}

export type ProductType =
  | 'physical'
  | 'discount'
  | 'shipping_fee'
  | 'sales_tax'
  | 'digital'
  | 'gift_card'
  | 'store_credit'
  | 'surcharge';

/** A cart line: the line total is quantity × unitAmount − discountAmount + taxAmount. */
export interface CartItem {
  name: string;
  quantity: number;
  unitAmount: number;
  discountAmount: number;
  taxAmount: number;
  productType?: ProductType | null;
  sku?: string | null;
  externalIdentifier?: string | null;
  /** Descriptive fields the merchant gave (Gr4vy's cart item), kept and shown back; no money rule reads them. */
  description?: string | null;
  productUrl?: string | null;
  imageUrl?: string | null;
  categories?: string[] | null;
  upc?: string | null;
  sellerCountry?: string | null;
  taxExempt?: boolean | null;
  unitOfMeasure?: string | null;
  commodityCode?: string | null;
}

export interface CaptureData {
  id: string;
  amount: number;
  final: boolean;
  status: CaptureStatus;
  /** The provider's payment id once known (Smartpay `payment_…`). */
  providerCaptureId: string | null;
  /** True when the capture was found at the provider, not requested through Kessai (e.g. automatic capture). */
  external: boolean;
  errorCode: string | null;
  rawResponseCode: string | null;
  rawResponseDescription: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RefundData {
  id: string;
  amount: number;
  reason: string | null;
  externalIdentifier: string | null;
  status: RefundStatus;
  /** Provider refund ids (a refund larger than one provider payment is split across several). */
  providerRefundIds: string[];
  /**
   * Money the provider has returned under this refund: its whole amount once succeeded; while still processing,
   * the parts of a split that a reading of the provider showed made so far.
   */
  refundedAtProvider: number;
  external: boolean;
  errorCode: string | null;
  rawResponseCode: string | null;
  rawResponseDescription: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface TransactionData {
  id: string;
  merchantAccountId: string;
  /** Base62 short form of the id, ≤ 22 chars: what providers get as the order reference. */
  reconciliationId: string;
  paymentServiceId: string;
  connector: string;
  intent: TransactionIntent;
  status: TransactionStatus;
  amount: number;
  currency: string;
  country: string;
  paymentMethod: string;
  /** The merchant's own reference for the payment method (Gr4vy `payment_method.external_identifier`). */
  paymentMethodExternalIdentifier?: string | null;
  redirectUrl: string;
  approvalUrl: string | null;
  approvalExpiresAt: Date | null;
  billingDetails: PersonDetails;
  shippingDetails: PersonDetails;
  /** The buyer it was made for: a stored one (with id) or a guest's references. Absent on older transactions. */
  buyer?: TransactionBuyer;
  cartItems: readonly CartItem[];
  externalIdentifier: string | null;
  metadata: Readonly<Record<string, string>>;
  /** Provider references: Smartpay checkout session id and order id. */
  providerSessionId: string | null;
  providerTransactionId: string | null;
  errorCode: string | null;
  rawResponseCode: string | null;
  rawResponseDescription: string | null;
  /** No more captures: a final capture succeeded, or the provider released the remainder. */
  captureClosed: boolean;
  captures: CaptureData[];
  refunds: RefundData[];
  createdAt: Date;
  updatedAt: Date;
  authorizedAt: Date | null;
  capturedAt: Date | null;
  voidedAt: Date | null;
  canceledAt: Date | null;
  buyerApprovalTimedOutAt: Date | null;
  /** Optimistic-concurrency version: bumped on every persisted change. */
  version: number;
}
