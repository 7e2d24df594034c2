import { type ConnectorOutcome, failed, type RefundRequest, succeeded } from '@kessai/domain';
import { SmartpayApiError } from './client/errors';
import type { SmartpayClient } from './client/smartpay-client';
import { outcomeOfError } from './outcome-of';
import type { SmartpayOrderReader } from './smartpay-order-reader';
import { idOf, refundSchema, type SmartpayPayment } from './wire/schemas';

/** The longest a refund waits before reading its order again after a collision (the wait doubles up to it). */
const REFUND_RETRY_CAP_MS = 500;

/** What a refund calls Smartpay with, and how long it keeps starting parts. */
export interface RefundCalls {
  client: SmartpayClient;
  orders: SmartpayOrderReader;
  deadlineMs: number;
}

/**
 * Smartpay refunds a payment, not an order: the amount is spread over the order's payments, oldest first, each
 * up to its unrefunded remainder, every part carrying our refund id as reference and its own idempotency key.
 * Parts already made under the refund id count (Kessai calls again to finish a refund left partly made).
 * Concurrent refunds of one order split from the same reading of it, so a part can find its payment's remainder
 * taken (403 `amount.insufficient`) although the order as a whole has room (Kessai reserved this refund against
 * the captured total): then the order is read again after a growing random wait and what is left is spread anew:
 * onto one payment that holds it all, drawn at random among those that do (so that colliding refunds stop
 * choosing the same one), else over the largest remainders first (so it takes few parts). That goes on until
 * `deadlineMs`, after which no part is started, so that Kessai can tell when a call that stopped has surely
 * ended. A refund is declined only when the order as a whole has no room for it.
 */
export async function refundOverPayments(
  { client, orders, deadlineMs }: RefundCalls,
  secretKey: string,
  request: RefundRequest,
): Promise<ConnectorOutcome<{ providerRefundIds: string[] }>> {
  const startedAt = Date.now();
  let earlier: string[] = [];
  const made: string[] = [];
  // Part of the money went back by this call: only a sync can say how the refund ends.
  const partly = (why: string): ConnectorOutcome<{ providerRefundIds: string[] }> => ({
    kind: 'unknown',
    reason: `partly refunded: ${why}`,
  });
  try {
    for (let round = 0; ; round++) {
      const { payments, refunds } = await orders.load(secretKey, request.providerOrderId);
      const ours = refunds.filter((r) => r.reference === request.refundId && r.status === 'succeeded');
      earlier = ours.map((r) => r.id).filter((id) => !made.includes(id));
      let left = request.amount - ours.reduce((sum, r) => sum + r.amount, 0);
      // Each payment's unrefunded remainder in this reading, summed once (the split and its ordering ask often).
      const refundedOf = new Map<string, number>();
      for (const r of refunds)
        if (r.status === 'succeeded')
          refundedOf.set(idOf(r.payment), (refundedOf.get(idOf(r.payment)) ?? 0) + r.amount);
      const remainderOf = (payment: SmartpayPayment) => payment.amount - (refundedOf.get(payment.id) ?? 0);
      try {
        // Round 0 goes oldest first (its idempotency keys are those of earlier versions); later rounds spread out.
        for (const payment of round === 0 ? payments : spreadOrder(payments, remainderOf, left)) {
          if (left <= 0) break;
          const part = Math.min(left, remainderOf(payment));
          if (part <= 0) continue;
          if (Date.now() - startedAt > deadlineMs) {
            return made.length > 0
              ? partly(`stopped after ${deadlineMs} ms with ${left} left`)
              : failed('timeout', `no part could be made within ${deadlineMs} ms`);
          }
          const raw = await client.send({
            method: 'POST',
            path: '/refunds',
            secretKey,
            // Round 0 keeps the key of earlier versions; a later round's part is a different request.
            idempotencyKey: `${request.idempotencyKey}-${payment.id}${round > 0 ? `-r${round}` : ''}`,
            body: {
              payment: payment.id,
              amount: part,
              currency: request.currency,
              reason: refundReason(request.reason),
              reference: request.refundId,
            },
          });
          made.push(refundSchema.parse(raw).id);
          left -= part;
        }
      } catch (error) {
        const remainderTaken = error instanceof SmartpayApiError && error.errorCode === 'amount.insufficient';
        const orderHasRoom = payments.reduce((sum, payment) => sum + Math.max(0, remainderOf(payment)), 0) >= left;
        if (remainderTaken && orderHasRoom) {
          // Refunds that collided read the order again at different times, so they stop colliding.
          await sleep(Math.random() * Math.min(REFUND_RETRY_CAP_MS, 10 * 2 ** Math.min(round, 6)));
          continue;
        }
        throw error;
      }
      if (left <= 0) return succeeded({ providerRefundIds: [...earlier, ...made] });
      return made.length > 0
        ? partly(`the order's payments hold ${left} less than asked`)
        : failed('amount.insufficient', `the order's payments hold ${left} less than asked`);
    }
  } catch (error) {
    const outcome = outcomeOfError<{ providerRefundIds: string[] }>(error);
    return made.length > 0 && outcome.kind !== 'unknown' ? partly(outcome.kind) : outcome;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The payments to spread `left` over after a collision: one that holds it all, drawn at random among those that do,
 * else the largest remainders first. Few parts (each one a refund and a webhook at Smartpay), and colliding refunds
 * draw different payments.
 */
function spreadOrder(
  payments: readonly SmartpayPayment[],
  remainderOf: (payment: SmartpayPayment) => number,
  left: number,
): SmartpayPayment[] {
  const roomy = payments.filter((payment) => remainderOf(payment) >= left);
  if (roomy.length > 0) return [roomy[Math.floor(Math.random() * roomy.length)] as SmartpayPayment];
  return payments.slice().sort((a, b) => remainderOf(b) - remainderOf(a));
}

/** Smartpay knows two reasons; anything else a merchant writes is kept on Kessai's refund, not sent. */
function refundReason(reason: string | null): 'requested_by_customer' | 'fraudulent' {
  return reason === 'fraudulent' ? 'fraudulent' : 'requested_by_customer';
}
