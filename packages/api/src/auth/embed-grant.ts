import { EMBED_SCOPE, type EmbedPins } from '@kessai/domain';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { toCartItem } from '../create-command';
import { cartItemSchema } from '../schemas/transaction-create';

/** What an embed token (Gr4vy's `getEmbedToken`) lets the buyer's browser do: its checkout session and its pins. */
export interface EmbedGrant {
  /** The `checkout_session_id` claim: the session whose one transaction the token may create and read. */
  checkoutSessionId: string | null;
  /** The `embed` claim; null when the token pins nothing (it then creates no transaction). */
  pins: EmbedPins | null;
  /** The merchant account the `embed` claim pins, if any. */
  merchantAccountId: string | null;
}

/** The `embed` claim as the SDK writes it: its `EmbedParams`, keys in snake case (metadata's left as given). */
const embedClaim = z
  .object({
    amount: z.number().int(),
    currency: z.string(),
    buyer_id: z.string().nullish(),
    buyer_external_identifier: z.string().nullish(),
    metadata: z.record(z.string(), z.string()).nullish(),
    cart_items: z.array(cartItemSchema.loose()).nullish(),
    merchant_account_id: z.string().nullish(),
  })
  .loose();

/** The grant an embed token carries; `undefined` for any other token. A malformed claim refuses the token. */
export function embedGrantOf(scopes: readonly string[], payload: Record<string, unknown>): EmbedGrant | undefined {
  if (!scopes.includes(EMBED_SCOPE)) return undefined;
  const sessionId = payload.checkout_session_id;
  if (sessionId !== undefined && (typeof sessionId !== 'string' || !z.uuid().safeParse(sessionId).success))
    throw ApiError.unauthorized('the checkout_session_id claim is not a checkout session id');
  if (payload.embed === undefined || payload.embed === null)
    return { checkoutSessionId: sessionId ?? null, pins: null, merchantAccountId: null };
  const parsed = embedClaim.safeParse(payload.embed);
  if (!parsed.success) throw ApiError.unauthorized('the token’s embed claim is not what getEmbedToken writes');
  const claim = parsed.data;
  return {
    checkoutSessionId: sessionId ?? null,
    merchantAccountId: claim.merchant_account_id ?? null,
    pins: {
      amount: claim.amount,
      currency: claim.currency,
      buyerId: claim.buyer_id ?? null,
      buyerExternalIdentifier: claim.buyer_external_identifier ?? null,
      metadata: claim.metadata ?? null,
      cartItems: claim.cart_items ? claim.cart_items.map(toCartItem) : null,
    },
  };
}

/** What an embed token may reach: the routes marked `embed` (payment options, its transaction); nothing else. */
export function requireEmbedRoute(routeAllowsEmbed: boolean | undefined): void {
  if (!routeAllowsEmbed)
    throw ApiError.forbidden(
      'an embed token may only list payment options, create its checkout session’s transaction and read it',
    );
}

/** The transaction an embed token creates needs its checkout session and its pinned amount and currency. */
export function payableGrant(grant: EmbedGrant): { checkoutSessionId: string; pins: EmbedPins } {
  if (!grant.checkoutSessionId || !grant.pins)
    throw ApiError.forbidden(
      'this embed token creates no transaction: sign it with a checkout_session_id and embed params (amount, currency)',
    );
  return { checkoutSessionId: grant.checkoutSessionId, pins: grant.pins };
}
