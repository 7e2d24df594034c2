/** A way to pay the embed offers the buyer (Gr4vy's `payment-option`). */
export interface PaymentOption {
  method: string;
  mode: 'redirect';
  label: string;
  canStorePaymentMethod: boolean;
  canDelayCapture: boolean;
}

/** Why a connected method is not offered for this checkout: stable codes an embed can put in the buyer's words. */
export type UnavailableReason =
  | 'currency_not_supported'
  | 'country_not_supported'
  | 'amount_out_of_range'
  | 'shipping_address_required';

export interface UnavailablePaymentOption {
  method: string;
  reason: UnavailableReason;
  message: string;
}

export interface PaymentOptions {
  items: PaymentOption[];
  unavailable: UnavailablePaymentOption[];
}
