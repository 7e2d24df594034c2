import type { TransactionState } from '../transactions/transaction-state';

/**
 * The one fact a provider webhook states about an order, read from its stored (verified) body: the buyer's
 * authorization, a payment (a capture) made, a refund made. Events that state something else have no claim.
 */
export type ProviderClaim =
  | { readonly kind: 'order_authorized' }
  | { readonly kind: 'capture_made'; readonly providerCaptureId: string; readonly amount: number }
  | { readonly kind: 'refund_made'; readonly providerRefundId: string; readonly amount: number };

/**
 * Whether `state` already holds what `claim` states, so reading the provider for it would change nothing: the
 * authorization of an authorized transaction, a capture it recorded as succeeded for that amount, a refund part
 * it recorded within a refund that succeeded. Anything else (an unknown id, a pending child, no claim) is not held.
 */
export function isClaimHeld(claim: ProviderClaim | undefined, state: TransactionState): boolean {
  if (!claim || state.kind !== 'authorized') return false;
  switch (claim.kind) {
    case 'order_authorized':
      return true;
    case 'capture_made':
      return state.captures.some(
        (capture) =>
          capture.providerCaptureId === claim.providerCaptureId &&
          capture.status === 'succeeded' &&
          capture.amount === claim.amount,
      );
    case 'refund_made':
      return state.refunds.some(
        (refund) => refund.status === 'succeeded' && refund.providerRefundIds.includes(claim.providerRefundId),
      );
  }
}
