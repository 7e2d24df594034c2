/** A postal address as the merchant gave it; kept and shown back. */
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

/** A billing or shipping party: who pays or receives, and where. */
export interface PersonDetails {
  firstName: string;
  lastName: string;
  emailAddress: string;
  phoneNumber?: string | null;
  address: Address;
}
