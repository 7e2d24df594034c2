/**
 * A stored buyer (Gr4vy's `buyer` resource): who pays, kept so a transaction can name them by `buyer_id` or
 * `buyer_external_identifier` instead of repeating their details. Every detail is optional here; the
 * connector's requirements are checked when a transaction uses them.
 */
export interface BuyerAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  stateCode?: string | null;
  houseNumberOrName?: string | null;
  organization?: string | null;
}

export interface ContactDetails {
  firstName: string | null;
  lastName: string | null;
  emailAddress: string | null;
  phoneNumber: string | null;
  address: BuyerAddress | null;
}

export interface Buyer {
  id: string;
  merchantAccountId: string;
  displayName: string | null;
  /** Unique per merchant account when set. */
  externalIdentifier: string | null;
  accountNumber: string | null;
  billingDetails: ContactDetails | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One of a buyer's stored shipping addresses. */
export interface BuyerShippingDetails extends ContactDetails {
  id: string;
  buyerId: string;
  merchantAccountId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The buyer a transaction was made for, as it was then (a guest buyer has no id). */
export interface TransactionBuyer {
  id: string | null;
  displayName: string | null;
  externalIdentifier: string | null;
  accountNumber: string | null;
}
