import type { SandboxCore } from './core';
import { ApiError, notFound } from './errors';
import type { CheckoutSession, Order } from './model';
import { createPayment } from './order-ops';
import type { Partition } from './store';

export type BuyerDecision = 'approve' | 'soft-decline' | 'hard-decline' | 'cancel';

export interface BuyerOutcome {
  checkoutSession: CheckoutSession;
  order: Order;
  /** Where the hosted page sends the buyer: successUrl on approval, cancelUrl otherwise (§3.2). */
  redirectUrl: string;
}

export interface OpenSession {
  partition: Partition;
  session: CheckoutSession;
  order: Order;
}

/** The session a buyer acts on, or the reason they cannot (unknown 404, expired 410, already decided 409). */
export function openSession(core: SandboxCore, sessionId: string, forAction: boolean): OpenSession {
  const partition = core.store.ownerOf(sessionId);
  const session = partition?.checkoutSessions.get(sessionId);
  const order = session && partition?.orders.get(session.order);
  if (!partition || !session || !order) throw notFound('checkout-session', sessionId);
  if (order.status === 'requires_authorization' && core.now() >= session.expiresAt) {
    throw new ApiError(
      410,
      'checkout-session.expired',
      `Checkout session ${sessionId} expired at ${session.expiresAt}`,
    );
  }
  if (forAction && order.status !== 'requires_authorization') {
    throw new ApiError(409, 'checkout-session.completed', `The order of this session is already ${order.status}`);
  }
  return { partition, session, order };
}

/**
 * What the buyer does on the hosted page (§4): approve → requires_capture (manual) or succeeded with one
 * automatic payment; soft decline → unchanged + order.rejected (the buyer may retry); hard decline → rejected
 * + order.rejected; cancel → unchanged, no event (the session stays usable until it expires).
 */
export function decide(core: SandboxCore, sessionId: string, decision: BuyerDecision): BuyerOutcome {
  const { partition, session, order } = openSession(core, sessionId, true);
  const now = core.now();
  switch (decision) {
    case 'approve':
      order.expiresAt = now + core.options.authorizationTtlMs;
      order.updatedAt = now;
      if (order.captureMethod === 'manual' || order.amount === 0) {
        order.status = order.amount === 0 ? 'succeeded' : 'requires_capture';
        core.trackAuthorization(partition, order);
        core.emit(partition, 'order.authorized', order);
      } else {
        // "For every approved order a payment is automatically created"; it inherits the order reference.
        const payment = createPayment(core, partition, order, { amount: order.amount, reference: order.reference });
        order.status = 'succeeded';
        core.emit(partition, 'order.authorized', order);
        core.emit(partition, 'payment.created', payment);
      }
      break;
    case 'soft-decline':
      order.updatedAt = now;
      core.emit(partition, 'order.rejected', order);
      break;
    case 'hard-decline':
      order.status = 'rejected';
      order.updatedAt = now;
      core.emit(partition, 'order.rejected', order);
      break;
    case 'cancel':
      break;
  }
  return {
    checkoutSession: session,
    order,
    redirectUrl: decision === 'approve' ? session.successUrl : session.cancelUrl,
  };
}
