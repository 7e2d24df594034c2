import type { TransactionBuyer } from '../buyers/buyer';
import type { CartItem } from './cart-item';
import type { PersonDetails } from './person-details';
import type { TransactionIntent } from './transaction-status';

/** What a merchant asks for when it creates a transaction. */
export interface NewTransaction {
  id: string;
  merchantAccountId: string;
  paymentServiceId: string;
  intent: TransactionIntent;
  amount: number;
  currency: string;
  country: string;
  paymentMethod: string;
  paymentMethodExternalIdentifier?: string | null;
  redirectUrl: string;
  billingDetails: PersonDetails | undefined;
  shippingDetails: PersonDetails | undefined;
  buyer?: TransactionBuyer;
  cartItems: readonly CartItem[];
  externalIdentifier: string | null;
  metadata: Record<string, string>;
  /** Request flags checked against the capability profile, never stored. */
  storedPaymentMethod?: boolean;
  partialAuthorization?: boolean;
}
