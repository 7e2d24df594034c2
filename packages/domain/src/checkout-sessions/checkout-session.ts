import type { ContactDetails } from '../buyers/buyer';
import { InvalidFieldError } from '../errors';
import type { CartItem } from '../transactions/cart-item';

/** The guest buyer a checkout session carries (Gr4vy's `GuestBuyer`): who pays and where the order goes. */
export interface CheckoutSessionBuyer {
  displayName: string | null;
  externalIdentifier: string | null;
  accountNumber: string | null;
  billingDetails: ContactDetails | null;
  shippingDetails: ContactDetails | null;
}

/**
 * Gr4vy's checkout session: what the merchant's server knows of an order before the buyer pays on its page
 * (amount, cart, buyer and shipping, metadata), until it expires. An embed token names one; the one transaction
 * paid through it is attached to it.
 */
export interface CheckoutSession {
  id: string;
  merchantAccountId: string;
  amount: number | null;
  currency: string | null;
  cartItems: CartItem[] | null;
  metadata: Record<string, string> | null;
  buyer: CheckoutSessionBuyer | null;
  paymentServiceId: string | null;
  expiresAt: Date;
  /** The transaction paid through it; null until the buyer pays. */
  transactionId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a merchant sets on a session (create and update take the same fields, as Gr4vy's do). */
export type CheckoutSessionFields = Pick<
  CheckoutSession,
  'amount' | 'currency' | 'cartItems' | 'metadata' | 'buyer' | 'paymentServiceId'
>;

/** Gr4vy's default lifetime (`expires_in` 3600 s); a day at most, so an abandoned cart does not linger. */
export const DEFAULT_CHECKOUT_SESSION_SECONDS = 3600;
export const MIN_CHECKOUT_SESSION_SECONDS = 60;
export const MAX_CHECKOUT_SESSION_SECONDS = 86_400;

export function expiryAfter(now: Date, expiresInSeconds: number | undefined): Date {
  const seconds = expiresInSeconds ?? DEFAULT_CHECKOUT_SESSION_SECONDS;
  if (!Number.isInteger(seconds) || seconds < MIN_CHECKOUT_SESSION_SECONDS || seconds > MAX_CHECKOUT_SESSION_SECONDS)
    throw new InvalidFieldError(
      `expires_in must be a whole number of seconds from ${MIN_CHECKOUT_SESSION_SECONDS} to ${MAX_CHECKOUT_SESSION_SECONDS}`,
      '/expires_in',
    );
  return new Date(now.getTime() + seconds * 1000);
}

export const isExpired = (session: CheckoutSession, now: Date): boolean => session.expiresAt.getTime() <= now.getTime();
