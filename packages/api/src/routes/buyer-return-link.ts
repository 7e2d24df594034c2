import type { ReturnLinkSigner } from '@kessai/domain';

/** Kessai's way back for one transaction, as the provider's hosted page sends the buyer to it: signed for it alone. */
export function buyerReturnLink(
  publicBaseUrl: string,
  signer: ReturnLinkSigner,
  transaction: { id: string; merchantAccountId: string },
): string {
  const link = new URL(`${publicBaseUrl.replace(/\/+$/, '')}/transactions/${transaction.id}/return`);
  link.searchParams.set('merchant_account_id', transaction.merchantAccountId);
  link.searchParams.set('signature', signer.sign(transaction.merchantAccountId, transaction.id));
  return link.toString();
}
