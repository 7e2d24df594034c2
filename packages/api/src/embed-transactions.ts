import { type Actor, type Transaction, withinPins } from '@kessai/domain';
import { ApiError } from './api-error';
import { type EmbedGrant, payableGrant } from './auth/embed-grant';
import { storedBuyerDetails } from './buyer-details';
import { toPersonDetails } from './buyer-presenters';
import { toCartItem, toCreateCommand } from './create-command';
import type { CreateTransactionBody } from './schemas/transaction-create';
import type { ApiServices } from './services';

/**
 * The transaction an embed token creates: what it asks must match the token's pins (a difference is a 400 naming
 * the field), what it leaves out comes from the pins and then its checkout session (buyer, shipping, cart,
 * metadata), and the session takes one transaction only: asking again returns the first.
 */
export async function createEmbedTransaction(
  services: ApiServices,
  merchantAccountId: string,
  actor: Actor | undefined,
  body: CreateTransactionBody,
  grant: EmbedGrant,
): Promise<Transaction> {
  const { checkoutSessionId, pins } = payableGrant(grant);
  const metadata = body.metadata ?? null;
  const asked = withinPins(pins, {
    amount: body.amount,
    currency: body.currency,
    buyerId: body.buyer_id ?? body.payment_method.buyer_id ?? null,
    buyerExternalIdentifier: body.buyer_external_identifier ?? body.payment_method.buyer_external_identifier ?? null,
    metadata: metadata && pins.metadata && sameKeysLoosely(metadata, pins.metadata) ? pins.metadata : metadata,
    cartItems: body.cart_items.map(toCartItem),
  });
  const pinned: CreateTransactionBody = {
    ...body,
    payment_method: { ...body.payment_method, buyer_id: null, buyer_external_identifier: null },
    buyer_id: asked.buyerId,
    buyer_external_identifier: asked.buyerExternalIdentifier,
  };
  const { transaction } = await services.checkoutSessions.pay.execute(
    merchantAccountId,
    checkoutSessionId,
    async (session) => {
      const stored = await storedBuyerDetails(services, merchantAccountId, pinned);
      const command = toCreateCommand(merchantAccountId, pinned, stored);
      const guest = !stored && !body.buyer ? session.buyer : null;
      return {
        ...command,
        actor,
        paymentServiceId: command.paymentServiceId ?? session.paymentServiceId ?? undefined,
        cartItems: asked.cartItems.length ? asked.cartItems : (session.cartItems ?? []),
        // The merchant's own keys where the token's are their snake-cased copy.
        metadata:
          metadata ??
          (session.metadata && (!asked.metadata || sameKeysLoosely(session.metadata, asked.metadata))
            ? session.metadata
            : asked.metadata) ??
          {},
        billingDetails: command.billingDetails ?? toPersonDetails(guest?.billingDetails ?? null),
        shippingDetails:
          command.shippingDetails ?? toPersonDetails(guest?.shippingDetails ?? session.buyer?.shippingDetails ?? null),
        ...(guest && !command.buyer
          ? {
              buyer: {
                id: null,
                displayName: guest.displayName,
                externalIdentifier: guest.externalIdentifier,
                accountNumber: guest.accountNumber,
              },
            }
          : {}),
      };
    },
  );
  return transaction;
}

/**
 * The same metadata, keys compared without case or separators: `getEmbedToken` snake-cases the keys of the metadata
 * it pins (`orderRef` becomes `order_ref`), so the token's copy differs from the merchant's in spelling only.
 */
function sameKeysLoosely(a: Record<string, string>, b: Record<string, string>): boolean {
  const loose = (map: Record<string, string>) =>
    JSON.stringify(
      Object.entries(map)
        .map(([key, value]) => [key.replace(/[^a-z0-9]/gi, '').toLowerCase(), value])
        .sort(),
    );
  return loose(a) === loose(b);
}

/** An embed token reads the transaction its checkout session holds, and no other. */
export async function requireEmbedTransaction(
  services: ApiServices,
  merchantAccountId: string,
  grant: EmbedGrant,
  transactionId: string,
): Promise<void> {
  const session = grant.checkoutSessionId
    ? await services.checkoutSessions.manage.get(merchantAccountId, grant.checkoutSessionId).catch(() => undefined)
    : undefined;
  if (session?.transactionId !== transactionId)
    throw ApiError.forbidden('an embed token reads only the transaction of its own checkout session');
}
